import { useMemo, useState } from 'react'
import { useDelegations, useMeeting, useMoveToFreeTime, useProblems } from '../api/queries.ts'
import { MeetingDialog } from '../components/MeetingDialog.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { useLocalName } from '../lib/names.ts'
import { groupProblems, type ProblemMeeting } from '../lib/problems.ts'
import { dayOf } from '../lib/time.ts'

/** Problems: every rule the programme now breaks, by delegation, each meeting with a way to open or move it. */
export default function Problems() {
  const t = useT()
  const ln = useLocalName()
  const f = useFormat()
  const problems = useProblems()
  const delegations = useDelegations()
  const [opened, setOpened] = useState<string | null>(null)
  const groups = useMemo(
    () => groupProblems(problems.data?.items ?? [], delegations.data ?? []),
    [problems.data, delegations.data],
  )
  return (
    <section>
      <PageHeading>{t('problems.title')}</PageHeading>
      <p className="lead">{t('problems.intro')}</p>
      <p className="muted small">{t('agenda.timesIn', { zone: f.zoneLabel })}</p>
      {problems.isPending ? (
        <Loading />
      ) : problems.isError ? (
        <ErrorView error={problems.error} retry={() => void problems.refetch()} />
      ) : groups.length === 0 ? (
        <p className="problems-empty" role="status">
          {t('problems.none')}
        </p>
      ) : (
        groups.map((g) => {
          const headingId = `problems-${g.delegationId || 'none'}`
          return (
            <section key={g.delegationId} className="section problem-group" aria-labelledby={headingId}>
              <h3 id={headingId}>
                {g.delegationId === '' ? t('problems.noDelegation') : (ln(g.delegation) || g.delegationId)}{' '}
                {g.delegation && <span className="muted">({g.delegation.code})</span>}
              </h3>
              <p className="muted small">{t('problems.groupCount', { n: g.meetings.length })}</p>
              <ul className="problem-list">
                {g.meetings.map((m) => (
                  <ProblemItem key={m.meeting_id} meeting={m} onOpen={() => setOpened(m.meeting_id)} />
                ))}
              </ul>
            </section>
          )
        })
      )}
      {opened && <OpenedMeeting id={opened} onClose={() => setOpened(null)} />}
    </section>
  )
}

function ProblemItem({ meeting: m, onOpen }: { meeting: ProblemMeeting; onOpen: () => void }) {
  const t = useT()
  const f = useFormat()
  const push = useToast()
  const move = useMoveToFreeTime({
    onSuccess: (r) => {
      if (r.status === 'moved') {
        push(t('problems.moved', { title: r.meeting.title, start: f.time(r.meeting.starts_at), end: f.time(r.meeting.ends_at) }), 'success')
      } else push(t('problems.noFreeTime', { title: r.meeting.title }), 'error')
    },
    onError: (e) => push(problemText(e, t), 'error'),
  })
  const when = t('problems.when', {
    day: f.dayShort(dayOf(new Date(m.starts_at), f.zone)),
    start: f.time(m.starts_at),
    end: f.time(m.ends_at),
  })
  return (
    <li className="problem card" data-meeting-id={m.meeting_id}>
      <p className="problem__head">
        <strong>{m.title}</strong> <span className="problem__when">{when}</span>
      </p>
      <ul className="problem__rules">
        {m.problems.map((p, i) => (
          <li key={`${p.rule}-${i}`}>
            <span className="problem__rule">
              <span aria-hidden="true">⚠ </span>
              {label(t, 'rule', p.rule)}
            </span>
            : {p.message}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="button button--small button--secondary" onClick={onOpen}>
          {t('problems.open')} <span className="visually-hidden">{m.title}</span>
        </button>
        <button type="button" className="button button--small" disabled={move.isPending} onClick={() => move.mutate(m.meeting_id)}>
          {t('problems.move')} <span className="visually-hidden">{m.title}</span>
        </button>
      </div>
    </li>
  )
}

/** OpenedMeeting reads a meeting and opens it in the meeting dialog, as the planning board does. */
function OpenedMeeting({ id, onClose }: { id: string; onClose: () => void }) {
  const f = useFormat()
  const meeting = useMeeting(id)
  if (meeting.isPending) return <Loading />
  if (meeting.isError) return <ErrorView error={meeting.error} retry={() => void meeting.refetch()} />
  const m = meeting.data
  return <MeetingDialog meeting={m} defaults={{ day: dayOf(new Date(m.starts_at), f.zone) }} onClose={onClose} />
}
