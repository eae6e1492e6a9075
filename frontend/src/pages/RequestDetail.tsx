import { useMemo } from 'react'
import { isNotFound, useDelegations, useMeeting, useRequest } from '../api/queries.ts'
import { useUser } from '../auth/session.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useT } from '../i18n/index.tsx'
import { useFormat } from '../lib/format.ts'
import { Link } from '../lib/router.tsx'
import { dayOf } from '../lib/time.ts'
import { NotFound } from './NotFound.tsx'
import { RequestCard } from './Requests.tsx'

/** RequestDetail: one bilateral request; what the caller may not see is "not found". */
export function RequestDetail({ id }: { id: string }) {
  const t = useT()
  const user = useUser()
  const request = useRequest(id)
  const delegations = useDelegations()
  const f = useFormat()
  const meeting = useMeeting(request.data?.meeting_id ?? null)
  const byId = useMemo(() => new Map((delegations.data ?? []).map((d) => [d.id, d])), [delegations.data])
  if (request.isPending) return <Loading />
  if (request.isError) {
    return isNotFound(request.error) ? <NotFound location={`/requests/${id}`} /> : <ErrorView error={request.error} />
  }
  return (
    <section>
      <PageHeading>{t('requests.detail')}</PageHeading>
      <ul className="request-list">
        <RequestCard request={request.data} byId={byId} user={user} />
      </ul>
      {meeting.data && (
        <p className="card">
          {t('requests.meetingAt', {
            day: f.day(dayOf(new Date(meeting.data.starts_at), f.zone)),
            start: f.time(meeting.data.starts_at),
            end: f.time(meeting.data.ends_at),
          })}{' '}
          <Link
            to={
              user.role === 'delegate'
                ? '/agenda'
                : `/planning/board?day=${dayOf(new Date(meeting.data.starts_at), f.zone)}`
            }
          >
            {user.role === 'delegate' ? t('delegation.seeAgenda') : t('requests.onBoard')}
          </Link>
        </p>
      )}
      <p>
        <Link to="/requests">{t('requests.back')}</Link>
      </p>
    </section>
  )
}
