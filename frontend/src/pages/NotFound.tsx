import { useT } from '../i18n/index.tsx'
import { Link } from '../lib/router.tsx'
import { PageHeading } from '../components/State.tsx'

/** NotFound is shown for every path the app does not know, and for what the caller may not see. */
export function NotFound({ location }: { location?: string }) {
  const t = useT()
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p className="lead">
        {location ? (
          <>
            {t('notFound.pathIntro')} <code className="path">{location}</code>.{' '}
          </>
        ) : null}
        {t('notFound.text')}
      </p>
      <p>
        <Link className="button button--link" to="/">
          {t('notFound.home')}
        </Link>
      </p>
    </>
  )
}
