import { useMemo, useState } from 'react'
import { useCreateRequest, useDelegations, useRequestAction, useRequests, useSummit } from '../api/queries.ts'
import type { BilateralRequest, BilateralRequestCreate, Delegation, RequestStatus, Summit, User } from '../api/types.ts'
import { useUser } from '../auth/session.tsx'
import { DataTable, type Column } from '../components/DataTable.tsx'
import { FormError, SelectField, TextArea, TextField } from '../components/Field.tsx'
import { MeetingDialog, suggestLanguages, type MeetingDefaults } from '../components/MeetingDialog.tsx'
import { Modal } from '../components/Modal.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT, type Translate } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { useFormat, type Format } from '../lib/format.ts'
import { Link } from '../lib/router.tsx'
import { dayOf, daysBetween, fromLocalInput, parseTime, timeOf } from '../lib/time.ts'
import { useLocalName } from '../lib/names.ts'
import { ExportButtons } from '../components/ExportButtons.tsx'

type Tab = 'incoming' | 'outgoing' | 'all'

/** RequestsPage: the bilateral requests inbox (incoming, outgoing) and new requests. */
export function RequestsPage() {
  const t = useT()
  const user = useUser()
  const requests = useRequests()
  const delegations = useDelegations()
  const isDelegate = user.role === 'delegate'
  const [tab, setTab] = useState<Tab>(isDelegate ? 'incoming' : 'all')
  const [status, setStatus] = useState<RequestStatus | ''>('')
  const [creating, setCreating] = useState(false)
  const byId = useMemo(() => new Map((delegations.data ?? []).map((d) => [d.id, d])), [delegations.data])
  const own = user.delegation_id
  const rows = (requests.data ?? []).filter((r) => {
    if (status && r.status !== status) return false
    if (tab === 'incoming') return r.to_delegation_id === own
    if (tab === 'outgoing') return r.from_delegation_id === own
    return true
  })
  const counts = {
    incoming: (requests.data ?? []).filter((r) => r.to_delegation_id === own && r.status === 'pending').length,
  }
  const tabs: Tab[] = isDelegate ? ['incoming', 'outgoing'] : ['all']
  const byStatus = (st: RequestStatus) => (requests.data ?? []).filter((r) => r.status === st).length

  return (
    <section>
      <div className="page-head">
        <PageHeading>{t('requests.title')}</PageHeading>
        <div className="page-head__tools">
          {!isDelegate && <ExportButtons what="requests" />}
          <button type="button" className="button" onClick={() => setCreating(true)}>
            {t('requests.new')}
          </button>
        </div>
      </div>
      {!isDelegate && requests.data && (
        <p className="muted">
          {(['pending', 'accepted', 'declined', 'scheduled', 'withdrawn'] as const)
            .map((st) => `${label(t, 'reqStatus', st)}: ${byStatus(st)}`)
            .join(' · ')}
        </p>
      )}
      <div className="toolbar">
        {tabs.length > 1 && (
          <div className="segmented" role="group" aria-label={t('requests.direction')}>
            {tabs.map((x) => (
              <button key={x} type="button" aria-pressed={tab === x} onClick={() => setTab(x)}>
                {t(`requests.tab.${x}`)}
                {x === 'incoming' && counts.incoming > 0 && <span className="count">{counts.incoming}</span>}
              </button>
            ))}
          </div>
        )}
        <label className="inline-field">
          <span>{t('requests.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as RequestStatus | '')}>
            <option value="">{t('common.all')}</option>
            {(['pending', 'accepted', 'declined', 'scheduled', 'withdrawn'] as const).map((s) => (
              <option key={s} value={s}>
                {label(t, 'reqStatus', s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {requests.isPending ? (
        <Loading />
      ) : requests.isError ? (
        <ErrorView error={requests.error} retry={() => void requests.refetch()} />
      ) : rows.length === 0 ? (
        <p className="lead">{t('requests.none')}</p>
      ) : !isDelegate ? (
        <RequestTable rows={rows} byId={byId} user={user} />
      ) : (
        <ul className="request-list">
          {rows.map((r) => (
            <RequestCard key={r.id} request={r} byId={byId} user={user} />
          ))}
        </ul>
      )}
      {creating && <NewRequestDialog delegations={delegations.data ?? []} onClose={() => setCreating(false)} />}
    </section>
  )
}

function RequestTable({ rows, byId, user }: { rows: BilateralRequest[]; byId: Map<string, Delegation>; user: User }) {
  const t = useT()
  const f = useFormat()
  const ln = useLocalName()
  const name = (id: string) => ln(byId.get(id)) || '…'
  const columns: Column<BilateralRequest>[] = [
    {
      key: 'from',
      label: t('requests.from'),
      sort: (r) => name(r.from_delegation_id),
      render: (r) => <Link to={`/requests/${encodeURIComponent(r.id)}`}>{name(r.from_delegation_id)}</Link>,
    },
    { key: 'to', label: t('requests.to'), sort: (r) => name(r.to_delegation_id), render: (r) => name(r.to_delegation_id) },
    { key: 'duration', label: t('requests.durationLabel'), sort: (r) => r.duration_minutes, render: (r) => f.number(r.duration_minutes), className: 'num' },
    { key: 'priority', label: t('requests.priorityLabel'), sort: (r) => r.priority, render: (r) => r.priority, className: 'num' },
    { key: 'window', label: t('requests.window'), sort: (r) => r.earliest ?? '', render: (r) => requestWindow(r, f, t) },
    {
      key: 'status',
      label: t('requests.status'),
      sort: (r) => r.status,
      render: (r) => <span className={`chip chip--req-${r.status}`}>{label(t, 'reqStatus', r.status)}</span>,
    },
    { key: 'note', label: t('requests.note'), sort: (r) => r.note, render: (r) => r.note },
  ]
  return (
    <DataTable
      caption={t('requests.title')}
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      search={(r) => `${name(r.from_delegation_id)} ${name(r.to_delegation_id)} ${r.note} ${label(t, 'reqStatus', r.status)}`}
      actions={(r) => <RequestActions request={r} user={user} byId={byId} />}
    />
  )
}

export function requestWindow(r: BilateralRequest, f: Format, t: Translate): string {
  if (!r.earliest && !r.latest) return t('requests.anyTime')
  return `${r.earliest ? f.dateTime(r.earliest) : '…'} – ${r.latest ? f.dateTime(r.latest) : '…'}`
}

export function RequestCard({ request: r, byId, user }: { request: BilateralRequest; byId: Map<string, Delegation>; user: User }) {
  const t = useT()
  const f = useFormat()
  const ln = useLocalName()
  const from = ln(byId.get(r.from_delegation_id)) || '…'
  const to = ln(byId.get(r.to_delegation_id)) || '…'
  return (
    <li className={`card request request--${r.status}`}>
      <div className="request__head">
        <Link to={`/requests/${encodeURIComponent(r.id)}`} className="request__title">
          {t('requests.fromTo', { from, to })}
        </Link>
        <span className={`chip chip--req-${r.status}`}>{label(t, 'reqStatus', r.status)}</span>
      </div>
      <p className="request__meta">
        {t('requests.duration', { n: r.duration_minutes })} · {t('requests.priority', { n: r.priority })} ·{' '}
        {requestWindow(r, f, t)}
      </p>
      {r.note && <p className="request__note">{r.note}</p>}
      <RequestActions request={r} user={user} byId={byId} />
    </li>
  )
}

function NewRequestDialog({ delegations, onClose }: { delegations: Delegation[]; onClose: () => void }) {
  const t = useT()
  const ln = useLocalName()
  const f = useFormat()
  const user = useUser()
  const push = useToast()
  const organiser = user.role !== 'delegate'
  const [from, setFrom] = useState(user.delegation_id ?? '')
  const [to, setTo] = useState('')
  const [duration, setDuration] = useState('30')
  const [priority, setPriority] = useState('3')
  const [earliest, setEarliest] = useState('')
  const [latest, setLatest] = useState('')
  const [note, setNote] = useState('')
  // One dialog, one request: its retries carry the same Idempotency-Key.
  const save = useCreateRequest({
    onSuccess: () => {
      push(t('requests.sent'), 'success')
      onClose()
    },
  })
  function submit() {
    const body: BilateralRequestCreate = {
      to_delegation_id: to,
      duration_minutes: Number(duration),
      priority: Number(priority),
      note,
    }
    if (organiser && from) body.from_delegation_id = from
    if (earliest) body.earliest = fromLocalInput(earliest, f.zone)
    if (latest) body.latest = fromLocalInput(latest, f.zone)
    save.mutate(body)
  }
  const fe = fieldErrorsOf(save.error, t)
  const others = delegations.filter((d) => d.id !== (organiser ? from : user.delegation_id))
  const options = (list: Delegation[]) => [
    { value: '', label: t('agenda.chooseDelegation') },
    ...list.map((d) => ({ value: d.id, label: ln(d) })),
  ]
  return (
    <Modal title={t('requests.new')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        {organiser && (
          <SelectField
            label={t('requests.from')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            options={options(delegations)}
            error={fe.from_delegation_id}
          />
        )}
        <SelectField
          label={t('requests.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          options={options(others)}
          error={fe.to_delegation_id}
          required
        />
        <div className="grid-2">
          <TextField
            label={t('requests.durationLabel')}
            type="number"
            min={10}
            max={240}
            step={5}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            error={fe.duration_minutes}
          />
          <SelectField
            label={t('requests.priorityLabel')}
            value={priority}
            onChange={(e) => setPriority(e.target.value)}
            options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
            error={fe.priority}
            hint={t('requests.priorityHint')}
          />
        </div>
        <p className="muted small">{t('agenda.timesIn', { zone: f.zoneLabel })}</p>
        <div className="grid-2">
          <TextField
            label={t('requests.earliest')}
            type="datetime-local"
            value={earliest}
            onChange={(e) => setEarliest(e.target.value)}
            error={fe.earliest}
          />
          <TextField
            label={t('requests.latest')}
            type="datetime-local"
            value={latest}
            onChange={(e) => setLatest(e.target.value)}
            error={fe.latest}
          />
        </div>
        <TextArea label={t('requests.note')} value={note} onChange={(e) => setNote(e.target.value)} rows={3} error={fe.note} />
        <FormError
          text={generalError(save.error, t, ['from_delegation_id', 'to_delegation_id', 'duration_minutes', 'priority', 'earliest', 'latest', 'note'])}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending || !to}>
            {t('requests.send')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

/**
 * bookingDefaults prefill the meeting that holds an accepted request: its two
 * delegations, its length, their likely languages, a title, and the request
 * itself; on its earliest time if it has one on a summit day, else on today
 * (during the summit) or the first day, at 10:00.
 */
export function bookingDefaults(r: BilateralRequest, byId: Map<string, Delegation>, summit: Summit | null | undefined, zone: string, t: Translate): MeetingDefaults {
  const days = summit ? daysBetween(summit.starts_on, summit.ends_on) : []
  const today = dayOf(new Date(), zone)
  const at = r.earliest ? new Date(r.earliest) : null
  const earliestDay = at ? dayOf(at, zone) : ''
  const day = days.includes(earliestDay) ? earliestDay : days.includes(today) ? today : (days[0] ?? today)
  const minute = at && earliestDay === day ? parseTime(timeOf(at, zone)) : null
  const pair = [byId.get(r.from_delegation_id), byId.get(r.to_delegation_id)]
  return {
    day,
    ...(minute !== null ? { minute } : {}),
    minutes: r.duration_minutes,
    title: t('requests.bookTitle', { from: pair[0]?.name ?? '…', to: pair[1]?.name ?? '…' }),
    delegationIds: [r.from_delegation_id, r.to_delegation_id],
    languages: suggestLanguages(pair.filter((d): d is Delegation => !!d)),
    requestId: r.id,
  }
}

/** BookRequest: "Book…" on an accepted request opens the meeting dialog prefilled; saving schedules the request. */
function BookRequest({ request: r, byId, from }: { request: BilateralRequest; byId: Map<string, Delegation>; from: string }) {
  const t = useT()
  const f = useFormat()
  const summit = useSummit()
  const [defaults, setDefaults] = useState<MeetingDefaults | null>(null)
  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => setDefaults(bookingDefaults(r, byId, summit.data, f.zone, t))}
      >
        {t('requests.book')}
        <span className="visually-hidden"> {from}</span>
      </button>
      {defaults && <MeetingDialog meeting={null} defaults={defaults} onClose={() => setDefaults(null)} />}
    </>
  )
}

/** RequestActions: accept and decline for the receiving side, withdraw for the requesting side; organisers book accepted ones. */
function RequestActions({ request: r, user, byId }: { request: BilateralRequest; user: User; byId: Map<string, Delegation> }) {
  const t = useT()
  const ln = useLocalName()
  const from = ln(byId.get(r.from_delegation_id)) || '…'
  const push = useToast()
  const act = useRequestAction({
    onSuccess: (_r, v) => push(t(`requests.done.${v.action}`), 'success'),
    onError: (e) => push(problemText(e, t), 'error'),
  })
  const organiser = user.role !== 'delegate'
  const canAnswer = r.status === 'pending' && (organiser || r.to_delegation_id === user.delegation_id)
  const canWithdraw =
    (r.status === 'pending' || r.status === 'accepted') && (organiser || r.from_delegation_id === user.delegation_id)
  const canBook = organiser && r.status === 'accepted'
  if (!canAnswer && !canWithdraw && !canBook) return null
  return (
    <div className="form-actions request__actions">
      {canBook && <BookRequest request={r} byId={byId} from={from} />}
      {canAnswer && (
        <>
          <button
            type="button"
            className="button button--small"
            disabled={act.isPending}
            onClick={() => act.mutate({ id: r.id, action: 'accept' })}
          >
            {t('requests.accept')}
            <span className="visually-hidden"> {from}</span>
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={act.isPending}
            onClick={() => act.mutate({ id: r.id, action: 'decline' })}
          >
            {t('requests.decline')}
            <span className="visually-hidden"> {from}</span>
          </button>
        </>
      )}
      {canWithdraw && (
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={act.isPending}
          onClick={() => window.confirm(t('requests.confirmWithdraw')) && act.mutate({ id: r.id, action: 'withdraw' })}
        >
          {t('requests.withdraw')}
          <span className="visually-hidden"> {from}</span>
        </button>
      )}
    </div>
  )
}
