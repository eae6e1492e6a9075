// Loading, error and empty states.
import { ApiError } from '../api/client.ts'
import { useT } from '../i18n/index.tsx'

export function Loading({ label }: { label?: string }) {
  const t = useT()
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </p>
  )
}

export function ErrorView({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useT()
  const text = error instanceof ApiError ? error.message : t('common.networkError')
  return (
    <div className="error-box" role="alert">
      <p>{text}</p>
      {retry && (
        <button type="button" className="button button--secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  )
}

export function PageHeading({ children }: { children: React.ReactNode }) {
  return (
    <h2 id="page-heading" tabIndex={-1}>
      {children}
    </h2>
  )
}
