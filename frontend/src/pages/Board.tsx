import { useMemo, useState } from 'react'
import { ApiError } from '../api/client.ts'
import {
  useDelegations,
  useMeetings,
  useMoveMeeting,
  useProblems,
  useProposal,
  useRequests,
  useRooms,
  useSummit,
  useVenues,
} from '../api/queries.ts'
import { MEETING_KINDS, type Meeting } from '../api/types.ts'
import { BoardGrid, type MeetingChange, type Proposed } from '../components/BoardGrid.tsx'
import { ExportButtons } from '../components/ExportButtons.tsx'
import { MeetingDialog, type MeetingDefaults } from '../components/MeetingDialog.tsx'
import { RunningLate } from '../components/RunningLate.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { buildRows, dayWindow, meetingMatches } from '../lib/board.ts'
import { problemText } from '../lib/errors.ts'
import { DEFAULT_ZONE, useFormat } from '../lib/format.ts'
import { useLocalName } from '../lib/names.ts'
import { Link, replaceQuery } from '../lib/router.tsx'
import { addDays, dayOf, daysBetween, zonedToInstant } from '../lib/time.ts'

/** Board: the planning board for one day, rooms as rows grouped by venue, time across. */
export default function Board({ search }: { search: URLSearchParams }) {
  const t = useT()
  const ln = useLocalName()
  const f = useFormat()
  const push = useToast()
  const summit = useSummit()
  const venues = useVenues()
  const rooms = useRooms()
  const delegations = useDelegations()
  const zone = summit.data?.timezone ?? DEFAULT_ZONE
  const days = summit.data ? daysBetween(summit.data.starts_on, summit.data.ends_on) : []
  const today = dayOf(new Date(), zone)
  const day = search.get('day') || (days.includes(today) ? today : (days[0] ?? today))
  const venueId = search.get('venue') ?? ''
  const delegationId = search.get('delegation') ?? ''
  const kind = search.get('kind') ?? ''
  const proposalId = search.get('proposal')
  const [step, setStep] = useState(5)
  const [zoom, setZoom] = useState(2)
  const [dialog, setDialog] = useState<{ meeting: Meeting | null; defaults?: MeetingDefaults } | null>(null)
  // Running late: a room's meetings from a time on (a meeting's start, or the default) move.
  const [late, setLate] = useState<{ roomId: string; from?: string } | null>(null)
  const lateRoom = late ? rooms.data?.find((r) => r.id === late.roomId) : undefined

  const from = zonedToInstant(day, 0, zone).toISOString()
  const to = zonedToInstant(addDays(day, 1), 0, zone).toISOString()
  const meetings = useMeetings(from, to, !!summit.data)
  const move = useMoveMeeting(from, to)
  // The rules each meeting now breaks, for the blocks' marks.
  const problemList = useProblems().data
  const problems = useMemo(() => {
    const out = new Map<string, string[]>()
    for (const p of problemList?.items ?? []) out.set(p.meeting_id, [...(out.get(p.meeting_id) ?? []), p.rule])
    return out
  }, [problemList])

  const shown = useMemo(
    () => (meetings.data ?? []).filter((m) => meetingMatches(m, delegationId, kind)),
    [meetings.data, delegationId, kind],
  )
  // A proposal opened from the scheduler: its placements of this day, dashed, until it is applied.
  const proposal = useProposal(proposalId)
  const requests = useRequests(!!proposalId)
  const proposed = useMemo((): Proposed[] => {
    const p = proposal.data
    if (!p || p.status !== 'ready') return []
    const names = new Map((delegations.data ?? []).map((d) => [d.id, ln(d)]))
    const byId = new Map((requests.data ?? []).map((r) => [r.id, r]))
    return p.placements
      .filter((pl) => dayOf(new Date(pl.starts_at), zone) === day)
      .map((pl) => {
        const r = byId.get(pl.request_id)
        const title = r
          ? t('requests.fromTo', { from: names.get(r.from_delegation_id) ?? '…', to: names.get(r.to_delegation_id) ?? '…' })
          : t('board.proposedRequest')
        return { id: pl.request_id, room_id: pl.room_id, starts_at: pl.starts_at, ends_at: pl.ends_at, title }
      })
  }, [proposal.data, requests.data, delegations.data, day, zone, t, ln])
  const hasUnassigned = shown.some((m) => !m.room_id)
  const rows = useMemo(
    () => buildRows(venues.data ?? [], rooms.data ?? [], { venueId, unassigned: hasUnassigned }),
    [venues.data, rooms.data, venueId, hasUnassigned],
  )
  const window = useMemo(
    () => dayWindow(day, zone, summit.data?.day_starts ?? '08:00', summit.data?.day_ends ?? '22:00', meetings.data ?? []),
    [day, zone, summit.data, meetings.data],
  )

  // A move shows at once and goes to the server behind the meeting's earlier moves (useMoveMeeting);
  // the board says how each one ended.
  async function change(m: Meeting, change: MeetingChange) {
    const outcome = await move(m, change)
    if (outcome.status === 'moved') {
      const updated = outcome.meeting
      const times = { title: m.title, start: f.time(updated.starts_at), end: f.time(updated.ends_at) }
      const roomName = change.room_id ? ln(rooms.data?.find((r) => r.id === change.room_id)) || undefined : undefined
      push(roomName ? t('board.movedRoom', { ...times, room: roomName }) : t('board.moved', times), 'success')
    } else if (outcome.status === 'refused') {
      const err = outcome.error
      const reason = err instanceof ApiError && err.status === 412 ? t('board.staleReason') : problemText(err, t)
      push(t('board.snapBack', { title: m.title, reason }), 'error')
    }
  }

  const loading = summit.isPending || venues.isPending || rooms.isPending || meetings.isPending
  const error = summit.error ?? venues.error ?? rooms.error ?? meetings.error

  return (
    <section className="board-page">
      <div className="page-head">
        <PageHeading>
          {t('board.title')} · {f.day(day)}
        </PageHeading>
        <div className="page-head__tools">
          <ExportButtons what="programme" />
          <button type="button" className="button" onClick={() => setDialog({ meeting: null, defaults: { day } })}>
            {t('board.new')}
          </button>
        </div>
      </div>
      <div className="filters" role="group" aria-label={t('board.filters')}>
        <div className="segmented" role="group" aria-label={t('board.day')}>
          {days.map((d) => (
            <button key={d} type="button" aria-pressed={d === day} onClick={() => replaceQuery({ day: d })}>
              {f.dayShort(d)}
            </button>
          ))}
        </div>
        <label className="inline-field">
          <span>{t('board.venue')}</span>
          <select value={venueId} onChange={(e) => replaceQuery({ venue: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {(venues.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {ln(v)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('board.delegation')}</span>
          <select value={delegationId} onChange={(e) => replaceQuery({ delegation: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {(delegations.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {ln(d)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('board.kind')}</span>
          <select value={kind} onChange={(e) => replaceQuery({ kind: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {label(t, 'kind', k)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('board.snap')}</span>
          <select value={step} onChange={(e) => setStep(Number(e.target.value))}>
            <option value={5}>{t('board.minutes', { n: 5 })}</option>
            <option value={15}>{t('board.minutes', { n: 15 })}</option>
          </select>
        </label>
        <label className="inline-field">
          <span>{t('board.zoom')}</span>
          <select value={zoom} onChange={(e) => setZoom(Number(e.target.value))}>
            <option value={1}>{t('board.zoomOut')}</option>
            <option value={2}>{t('board.zoomNormal')}</option>
            <option value={4}>{t('board.zoomIn')}</option>
          </select>
        </label>
      </div>
      <p className="muted small board-hint">
        {t('board.timesIn', { zone: f.zoneLabel })} {t('board.hint')} {t('board.touchHint')}
        {meetings.data && ` ${t('board.count', { shown: shown.length, total: meetings.data.length })}`}
      </p>
      {proposal.data && (
        <div className="notice proposal-banner" role="status">
          <p>
            {proposal.data.status === 'ready'
              ? t('board.proposalShown', { n: proposed.length, total: proposal.data.placements.length })
              : proposal.data.status === 'applied'
                ? t('board.proposalApplied')
                : t('scheduler.running')}
          </p>
          <Link to={`/planning/scheduler?proposal=${encodeURIComponent(proposal.data.id)}`}>{t('board.proposalBack')}</Link>{' '}
          <button type="button" className="button button--secondary button--small" onClick={() => replaceQuery({ proposal: null })}>
            {t('board.proposalHide')}
          </button>
        </div>
      )}
      {loading ? (
        <Loading />
      ) : error ? (
        <ErrorView error={error} />
      ) : (
        <BoardGrid
          rows={rows}
          meetings={shown}
          window={window}
          pxPerMin={zoom}
          step={step}
          onOpen={(m) => setDialog({ meeting: m })}
          onCreate={(roomId, minute) => setDialog({ meeting: null, defaults: { day, roomId, minute } })}
          onChange={(m, patch) => void change(m, patch)}
          onRunningLate={(roomId) => setLate({ roomId })}
          proposed={proposed}
          problems={problems}
        />
      )}
      <Legend />
      {dialog && (
        <MeetingDialog
          meeting={dialog.meeting}
          defaults={dialog.defaults ?? { day }}
          onClose={() => setDialog(null)}
          onRunningLate={(m) => {
            setDialog(null)
            if (m.room_id) setLate({ roomId: m.room_id, from: m.starts_at })
          }}
        />
      )}
      {late && lateRoom && (
        <RunningLate room={lateRoom} day={day} meetings={meetings.data ?? []} from={late.from} onClose={() => setLate(null)} />
      )}
    </section>
  )
}

function Legend() {
  const t = useT()
  return (
    <details className="legend">
      <summary>{t('board.legend')}</summary>
      <ul>
        {MEETING_KINDS.map((k) => (
          <li key={k}>
            <span className={`legend__swatch block kind-${k}`} aria-hidden="true" /> {label(t, 'kind', k)}
          </li>
        ))}
        <li>
          <span className="legend__swatch block status-draft kind-hold" aria-hidden="true" /> {label(t, 'status', 'draft')}
        </li>
        <li>
          <span className="legend__swatch block status-cancelled kind-hold" aria-hidden="true" />{' '}
          {label(t, 'status', 'cancelled')}
        </li>
        <li>
          <span className="legend__swatch block block--problem kind-hold" aria-hidden="true">
            <span className="block__problem">⚠</span>
          </span>{' '}
          {t('board.problemsLegend')}
        </li>
      </ul>
    </details>
  )
}
