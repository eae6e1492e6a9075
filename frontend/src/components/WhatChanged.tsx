import { useMarkChangesSeen, useMyChanges } from '../api/queries.ts'
import { useT } from '../i18n/index.tsx'
import { problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { ChangesList } from './ChangesList.tsx'
import { ErrorView } from './State.tsx'
import { useToast } from './Toasts.tsx'

/**
 * WhatChanged opens a delegate's agenda: what changed in the meetings they
 * may see since they last pressed "Mark as seen" (never pressed: since the
 * latest release), old → new, with "Mark as seen". Before anything is
 * released it says there is nothing to compare with yet.
 */
export function WhatChanged() {
  const t = useT()
  const f = useFormat()
  const push = useToast()
  const mine = useMyChanges()
  const mark = useMarkChangesSeen({ onError: (e) => push(problemText(e, t), 'error') })
  if (mine.isPending) return null
  if (mine.isError) return <ErrorView error={mine.error} retry={() => void mine.refetch()} />
  const c = mine.data
  const count = c.added.length + c.changed.length + c.removed.length
  const since =
    c.baseline === 'seen' && c.seen_at
      ? t('mine.sinceSeen', { when: f.dateTime(c.seen_at) })
      : c.baseline === 'release'
        ? t('mine.sinceRelease', { n: c.release })
        : t('mine.noRelease')
  return (
    <section className={`card what-changed no-print${count > 0 ? ' what-changed--some' : ''}`} aria-labelledby="what-changed">
      <h3 id="what-changed">{t('mine.title')}</h3>
      <p className="muted small">{since}</p>
      {c.baseline !== 'none' && (
        <ChangesList changes={c} beforeLabel={t('changes.before')} afterLabel={t('changes.after')} />
      )}
      {count > 0 && (
        <div className="form-actions">
          <button type="button" className="button" disabled={mark.isPending} onClick={() => mark.mutate()}>
            {t('mine.markSeen')}
          </button>
        </div>
      )}
    </section>
  )
}
