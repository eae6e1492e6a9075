import { useDelegations, useNotices, useRetryNotice } from '../api/queries.ts'
import type { Notice } from '../api/types.ts'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { useLocalName } from '../lib/names.ts'

/** Notices: the organisers' view of the outbox of e-mails to delegations, with a retry for each. */
export default function Notices() {
  const t = useT()
  const f = useFormat()
  const notices = useNotices()
  const delegations = useDelegations()
  const ln = useLocalName()
  const push = useToast()
  const retry = useRetryNotice({
    onSuccess: (n) => push(t('notices.requeued', { subject: n.subject }), 'success'),
    onError: (e) => push(problemText(e, t), 'error'),
  })
  const nameOf = (id: string) => {
    const d = delegations.data?.find((x) => x.id === id)
    return d ? ln(d) : id.slice(0, 8)
  }
  const items = notices.data?.pages.flatMap((p) => p.items) ?? []
  const when = (n: Notice) =>
    n.status === 'sent' && n.sent_at ? t('notices.sentAt', { at: f.dateTime(n.sent_at) }) : n.status === 'queued' ? t('notices.dueAt', { at: f.dateTime(n.due_at) }) : '—'
  return (
    <section className="notices-page">
      <PageHeading>{t('notices.title')}</PageHeading>
      <p className="lead">{t('notices.intro')}</p>
      <p className="muted small">
        {t('notices.statuses')} {t('agenda.timesIn', { zone: f.zoneLabel })}
      </p>
      {notices.isPending ? (
        <Loading />
      ) : notices.isError ? (
        <ErrorView error={notices.error} retry={() => void notices.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">{t('notices.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table notices-table">
            <caption className="visually-hidden">{t('notices.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notices.created')}</th>
                <th scope="col">{t('notices.delegation')}</th>
                <th scope="col">{t('notices.subject')}</th>
                <th scope="col">{t('notices.status')}</th>
                <th scope="col">{t('notices.attempts')}</th>
                <th scope="col">{t('notices.lastError')}</th>
                <th scope="col">{t('notices.when')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id} data-status={n.status}>
                  <td>{f.dateTime(n.created_at)}</td>
                  <td>{nameOf(n.delegation_id)}</td>
                  <td>{n.subject}</td>
                  <td>
                    <span className={`status-badge status-badge--${n.status}`}>{label(t, 'noticeStatus', n.status)}</span>
                  </td>
                  <td className="num">{f.number(n.attempts)}</td>
                  <td className="notice-error">{n.last_error || '—'}</td>
                  <td>{when(n)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      disabled={retry.isPending}
                      onClick={() => retry.mutate(n)}
                    >
                      {n.status === 'sent' ? t('notices.sendAgain') : t('notices.retry')}
                      <span className="visually-hidden"> {n.subject}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {notices.hasNextPage && (
        <button type="button" className="button button--secondary" onClick={() => void notices.fetchNextPage()} disabled={notices.isFetchingNextPage}>
          {t('audit.loadMore')}
        </button>
      )}
    </section>
  )
}
