import { useMemo, useState } from 'react'
import { ApiError } from '../api/client.ts'
import {
  useApplyProposal,
  useConfirmMeetings,
  useCreateProposal,
  useDelegations,
  useMeetingsById,
  useMembersById,
  useProposal,
  useProposals,
  useRequests,
  useRooms,
  useSummit,
  useVenues,
} from '../api/queries.ts'
import type { Proposal } from '../api/types.ts'
import { FormError, TextField } from '../components/Field.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { Link, replaceQuery, searchParams, useLocation } from '../lib/router.tsx'
import { addDays, dayOf, fromLocalInput } from '../lib/time.ts'

/** Scheduler: runs the automatic scheduler on the accepted requests, shows its proposal, applies it. */
export default function Scheduler() {
  const t = useT()
  const f = useFormat()
  const push = useToast()
  const summit = useSummit()
  const requests = useRequests()
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [limit, setLimit] = useState('10')
  // The proposal's id lives in the URL, so that a reload (or a colleague's link) finds it again.
  const proposalId = searchParams(useLocation()).get('proposal')
  const setProposalId = (id: string) => replaceQuery({ proposal: id })
  const proposal = useProposal(proposalId)
  const s = summit.data
  const fromValue = from || (s ? `${s.starts_on}T${s.day_starts}` : '')
  const toValue = to || (s ? `${addDays(s.ends_on, 1)}T00:00` : '')
  const waiting = (requests.data ?? []).filter((r) => r.status === 'accepted' && !r.meeting_id).length
  const pending = (requests.data ?? []).filter((r) => r.status === 'pending').length

  const run = useCreateProposal({ onSuccess: (p) => setProposalId(p.id) })
  const apply = useApplyProposal({
    onSuccess: (r) => push(t('scheduler.applied', { n: r.meeting_ids.length }), 'success'),
    onError: (e) =>
      push(e instanceof ApiError && e.status === 409 ? t('scheduler.applyConflict') : problemText(e, t), 'error'),
  })
  const fe = fieldErrorsOf(run.error, t)

  return (
    <section>
      <PageHeading>{t('scheduler.title')}</PageHeading>
      <p className="lead">{t('scheduler.intro')}</p>
      <p>
        {t('scheduler.waiting', { n: waiting })} {pending > 0 && t('scheduler.pending', { n: pending })}{' '}
        <Link to="/requests">{t('scheduler.seeRequests')}</Link>
      </p>
      <form
        className="card scheduler-form"
        onSubmit={(e) => {
          e.preventDefault()
          run.mutate({
            from: fromLocalInput(fromValue, f.zone) ?? '',
            to: fromLocalInput(toValue, f.zone) ?? '',
            time_limit_seconds: Math.min(120, Math.max(1, Number(limit) || 10)),
            wait: false,
          })
        }}
      >
        <div className="grid-3">
          <TextField label={t('scheduler.from')} type="datetime-local" value={fromValue} onChange={(e) => setFrom(e.target.value)} error={fe.from} />
          <TextField label={t('scheduler.to')} type="datetime-local" value={toValue} onChange={(e) => setTo(e.target.value)} error={fe.to} />
          <TextField
            label={t('scheduler.limit')}
            type="number"
            min={1}
            max={120}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            error={fe.time_limit_seconds}
          />
        </div>
        <p className="muted small">{t('agenda.timesIn', { zone: f.zoneLabel })}</p>
        <FormError text={run.isError ? generalError(run.error, t, ['from', 'to', 'time_limit_seconds']) : null} />
        <button type="submit" className="button" disabled={run.isPending || proposal.data?.status === 'running'}>
          {t('scheduler.run')}
        </button>
      </form>
      {proposalId &&
        (proposal.isPending ? (
          <Loading />
        ) : proposal.isError ? (
          <ErrorView error={proposal.error} />
        ) : (
          <ProposalView proposal={proposal.data} onApply={() => apply.mutate(proposal.data.id)} applying={apply.isPending} />
        ))}
      <RecentProposals current={proposalId} onOpen={setProposalId} />
    </section>
  )
}

/**
 * ConfirmAll confirms the meetings an applied proposal booked as drafts, all
 * or nothing. It reads the meetings, so once every one is confirmed (here,
 * before a reload, or elsewhere) it says so instead of offering the button again.
 */
function ConfirmAll({ ids }: { ids: string[] }) {
  const t = useT()
  const push = useToast()
  const meetings = useMeetingsById(ids)
  const confirm = useConfirmMeetings({
    onSuccess: (r) => push(t('scheduler.confirmed', { n: r.items.length }), 'success'),
    onError: (e) => push(t('scheduler.notConfirmed', { reason: problemText(e, t) }), 'error'),
  })
  const allConfirmed = meetings.every((q) => q.data?.status === 'confirmed')
  if (!allConfirmed && !confirm.isSuccess && meetings.some((q) => q.isPending)) return null // the statuses are on their way
  if (confirm.isSuccess || allConfirmed) return <span className="chip chip--req-scheduled">{t('scheduler.allConfirmed')}</span>
  return (
    <button type="button" className="button button--secondary button--small" onClick={() => confirm.mutate(ids)} disabled={confirm.isPending}>
      {t('scheduler.confirmAll', { n: ids.length })}
    </button>
  )
}

const STATE_CHIP = {
  running: 'chip--req-pending',
  ready: 'chip--status-draft',
  applied: 'chip--req-scheduled',
  failed: 'chip--req-declined',
} as const

/** RecentProposals lists the latest proposals (polling while one runs); opening one shows it above. */
function RecentProposals({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const t = useT()
  const f = useFormat()
  const list = useProposals()
  const items = list.data?.items ?? []
  if (items.length === 0) return null
  return (
    <section className="section" aria-labelledby="recent-heading">
      <h3 id="recent-heading">{t('scheduler.recent')}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('scheduler.made')}</th>
              <th scope="col">{t('scheduler.period')}</th>
              <th scope="col">{t('scheduler.result')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('scheduler.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id} aria-current={p.id === current ? 'true' : undefined}>
                <td>{p.created_at ? f.dateTime(p.created_at) : '—'}</td>
                <td>
                  {f.dateTime(p.from)} – {f.dateTime(p.to)}
                </td>
                <td>
                  <span className={`chip ${STATE_CHIP[p.status]}`}>{t(`scheduler.state.${p.status}`)}</span>{' '}
                  {p.status !== 'running' && p.status !== 'failed' &&
                    t('scheduler.placedOf', { placed: p.placed, total: p.placed + p.unplaced })}
                </td>
                <td>
                  {p.id === current ? (
                    <span className="muted">{t('scheduler.shown')}</span>
                  ) : (
                    <button type="button" className="button button--small" onClick={() => onOpen(p.id)}>
                      {t('scheduler.open')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function ProposalView({ proposal: p, onApply, applying }: { proposal: Proposal; onApply: () => void; applying: boolean }) {
  const t = useT()
  const f = useFormat()
  const requests = useRequests()
  const delegations = useDelegations()
  const rooms = useRooms()
  const venues = useVenues()
  const maps = useMemo(
    () => ({
      req: new Map((requests.data ?? []).map((r) => [r.id, r])),
      del: new Map((delegations.data ?? []).map((d) => [d.id, d.name])),
      room: new Map((rooms.data ?? []).map((r) => [r.id, r])),
      venue: new Map((venues.data ?? []).map((v) => [v.id, v.name])),
    }),
    [requests.data, delegations.data, rooms.data, venues.data],
  )
  const pair = (id: string) => {
    const r = maps.req.get(id)
    return r ? t('requests.fromTo', { from: maps.del.get(r.from_delegation_id) ?? '…', to: maps.del.get(r.to_delegation_id) ?? '…' }) : id
  }
  const stats = p.stats
  if (p.status === 'running') {
    const done = p.progress?.done ?? 0
    const total = p.progress?.total ?? 0
    return (
      <section className="card section" aria-labelledby="progress-heading">
        <h3 id="progress-heading">{t('scheduler.running')}</h3>
        <progress className="progress" value={total > 0 ? done : undefined} max={total > 0 ? total : undefined} aria-labelledby="progress-heading" />
        <p className="muted small">{total > 0 ? t('scheduler.progress', { done, total }) : t('scheduler.starting')}</p>
        {p.progress?.upper_bound != null && (
          <p aria-live="polite">{t('scheduler.bestSoFar', { best: p.progress.best ?? 0, bound: p.progress.upper_bound })}</p>
        )}
      </section>
    )
  }
  if (p.status === 'failed') {
    return (
      <div className="error-box section" role="alert">
        <p>{p.error || t('error.server')}</p>
      </div>
    )
  }
  const total = p.placements.length + p.unplaced.length
  const sorted = [...p.placements].sort((a, b) => a.starts_at.localeCompare(b.starts_at))
  return (
    <section className="section" aria-labelledby="proposal-heading">
      <div className="section-head">
        <h3 id="proposal-heading">{t('scheduler.proposal')}</h3>
        {p.status === 'applied' ? (
          <p className="chip chip--req-scheduled">{t('scheduler.isApplied')}</p>
        ) : (
          <button type="button" className="button" onClick={onApply} disabled={applying || p.placements.length === 0}>
            {t('scheduler.apply', { n: p.placements.length })}
          </button>
        )}
      </div>
      <p>
        {t('scheduler.summary', { placed: p.placements.length, total, objective: p.objective })}
        {stats && ` ${stats.optimal ? t('scheduler.optimal') : t('scheduler.bound', { n: stats.upper_bound })}`}
        {stats?.time_limit_hit && !stats.optimal && ` ${t('scheduler.limitHit')}`}
      </p>
      {p.status === 'applied' && (
        <p>
          <Link to="/planning/board">{t('scheduler.toBoard')}</Link>{' '}
          {p.meeting_ids.length > 0 && <ConfirmAll ids={p.meeting_ids} />}
        </p>
      )}
      {p.status === 'ready' && sorted[0] && (
        <p>
          <Link to={`/planning/board?proposal=${encodeURIComponent(p.id)}&day=${dayOf(new Date(sorted[0].starts_at), f.zone)}`}>
            {t('scheduler.onBoard')}
          </Link>
        </p>
      )}
      <h4>{t('scheduler.placements')}</h4>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('scheduler.request')}</th>
              <th scope="col">{t('scheduler.when')}</th>
              <th scope="col">{t('meeting.room')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((pl) => {
              const room = maps.room.get(pl.room_id)
              return (
                <tr key={pl.request_id}>
                  <td>{pair(pl.request_id)}</td>
                  <td>
                    {f.dayShort(dayOf(new Date(pl.starts_at), f.zone))} {f.time(pl.starts_at)}–
                    {f.time(pl.ends_at)}
                  </td>
                  <td>
                    {room?.name ?? pl.room_id}
                    {room && <span className="muted">, {maps.venue.get(room.venue_id)}</span>}
                  </td>
                </tr>
              )
            })}
            {sorted.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  {t('common.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {p.unplaced.length > 0 && (
        <>
          <h4>{t('scheduler.unplaced', { n: p.unplaced.length })}</h4>
          <ul className="unplaced">
            {p.unplaced.map((u) => (
              <li key={u.request_id}>
                <strong>{pair(u.request_id)}</strong>: <Reason text={u.reason} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}


const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/**
 * Reason shows the scheduler's reason for not placing a request. The server
 * names some people by their member id; those are replaced by the member's name.
 */
function Reason({ text }: { text: string }) {
  const t = useT()
  const ids = [...new Set(text.match(UUID) ?? [])]
  const members = useMembersById(ids)
  const names = new Map(ids.map((id, i) => [id, members[i]?.data?.full_name]))
  return <>{text.replace(UUID, (id) => names.get(id) ?? t('scheduler.someone'))}</>
}
