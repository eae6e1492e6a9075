// Create or edit a meeting. As the organiser types, the meeting is checked
// against the rules (POST /meetings/check, debounced); every conflict is
// shown in plain words, and overridable ones can be allowed with a checkbox.
// When something blocks, the check also names free times nearby: one click
// moves the meeting there.
import { useId, useMemo, useRef, useState } from 'react'
import { ApiError } from '../api/client.ts'
import {
  useDeleteMeeting,
  useDelegations,
  useMeetingCheck,
  useMeetingsById,
  useMembersOf,
  useRooms,
  useSaveMeeting,
  useSummit,
  useVenues,
} from '../api/queries.ts'
import {
  MEETING_KINDS,
  MEETING_STATUSES,
  VISIBILITIES,
  isOverridable,
  type AllowRule,
  type Conflict,
  type Delegation,
  type Meeting,
  type Member,
  type MeetingKind,
  type MeetingStatus,
  type MeetingWrite,
  type Participant,
  type Suggestion,
  type Visibility,
} from '../api/types.ts'
import { useI18n, useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { DEFAULT_ZONE, useFormat } from '../lib/format.ts'
import {
  attendees,
  describeConflict,
  headOf,
  isAttending,
  normalise,
  sortMembers,
  toggleDelegation,
  toggleMember,
  type ConflictContext,
} from '../lib/participants.ts'
import { dayOf, minutesToHHMM, offsetMinutes, parseDate, parseTime, timeOf, zonedToInstant } from '../lib/time.ts'
import { FormError, SelectField, TextField } from './Field.tsx'
import { Modal } from './Modal.tsx'
import { useToast } from './Toasts.tsx'
import { useLocalName } from '../lib/names.ts'

/**
 * MeetingDefaults fill a new meeting: the board's day, room and minute; for
 * booking a bilateral request also its delegations, length, languages, title
 * and request_id (saving it schedules the request).
 */
export type MeetingDefaults = {
  day: string
  roomId?: string
  minute?: number
  minutes?: number
  title?: string
  delegationIds?: string[]
  languages?: string[]
  requestId?: string
}

export type Form = {
  title: string
  kind: MeetingKind
  status: MeetingStatus
  visibility: Visibility
  day: string
  start: string
  end: string
  roomId: string
  /** as the API has them: a delegation alone stands for its head; member_ids names the people */
  participants: Participant[]
  languages: string
  attendance: string
  allow: AllowRule[]
  /** the bilateral request a new meeting holds */
  requestId?: string
}

/** initialForm fills the form from a meeting, or from the board's defaults for a new one. */
function initialForm(meeting: Meeting | null, d: MeetingDefaults, zone: string): Form {
  if (meeting) {
    return {
      title: meeting.title,
      kind: meeting.kind,
      status: meeting.status,
      visibility: meeting.visibility,
      day: dayOf(new Date(meeting.starts_at), zone),
      start: timeOf(new Date(meeting.starts_at), zone),
      end: timeOf(new Date(meeting.ends_at), zone),
      roomId: meeting.room_id ?? '',
      participants: normalise(meeting.participants),
      languages: meeting.languages.join(', '),
      attendance: String(meeting.expected_attendance),
      allow: meeting.allow.filter((r): r is AllowRule => isOverridable(r as Conflict['rule'])),
    }
  }
  const start = d.minute ?? 10 * 60
  return {
    title: d.title ?? '',
    kind: 'bilateral',
    status: 'draft',
    visibility: 'participants',
    day: d.day,
    start: minutesToHHMM(start),
    end: minutesToHHMM(start + (d.minutes ?? 45)),
    roomId: d.roomId ?? '',
    participants: (d.delegationIds ?? []).map((delegation_id) => ({ delegation_id })),
    languages: (d.languages ?? []).join(', '),
    attendance: '0',
    allow: [],
    ...(d.requestId ? { requestId: d.requestId } : {}),
  }
}

/** toBody turns the form into a meeting body; times are read in the summit's zone. */
export function toBody(form: Form, zone: string): MeetingWrite {
  const s = parseTime(form.start)
  let e = parseTime(form.end)
  if (s !== null && e !== null && e <= s) e += 24 * 60 // ends after midnight
  const iso = (min: number | null) =>
    min === null ? '' : zonedToInstant(form.day, min, zone).toISOString().replace('.000Z', 'Z')
  return {
    title: form.title.trim(),
    kind: form.kind,
    status: form.status,
    visibility: form.visibility,
    starts_at: iso(s),
    ends_at: iso(e),
    room_id: form.roomId || null,
    participants: normalise(form.participants),
    languages: form.languages
      .split(/[\s,;]+/)
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean),
    expected_attendance: Math.max(0, Number(form.attendance) || 0),
    allow: form.allow,
    ...(form.requestId ? { request_id: form.requestId } : {}),
  }
}

/**
 * suggestLanguages: the languages a new meeting of these delegations is likely
 * held in: one language every delegation speaks (the first delegation's first
 * such preference), else each delegation's first language.
 */
export function suggestLanguages(chosen: readonly Pick<Delegation, 'languages'>[]): string[] {
  const langs = chosen.map((d) => d.languages.map((l) => l.trim().toLowerCase()).filter(Boolean))
  const [first, ...rest] = langs
  if (!first) return []
  const shared = first.find((l) => rest.every((ls) => ls.includes(l)))
  if (shared) return [shared]
  return [...new Set(langs.map((ls) => ls[0]).filter((l): l is string => !!l))]
}

type Props = {
  meeting: Meeting | null
  defaults: MeetingDefaults
  onClose: () => void
  /** onRunningLate offers "Running late…" for a meeting in a room: it and the room's later meetings move */
  onRunningLate?: (m: Meeting) => void
}

export function MeetingDialog({ meeting, defaults, onClose, onRunningLate }: Props) {
  const t = useT()
  const ln = useLocalName()
  const f = useFormat()
  const push = useToast()
  const zone = useSummit().data?.timezone ?? DEFAULT_ZONE
  const rooms = useRooms()
  const venues = useVenues()
  const delegations = useDelegations()
  const [form, setForm] = useState<Form>(() => initialForm(meeting, defaults, zone))
  // A new meeting's languages follow the chosen delegations until the user edits them.
  const [languagesEdited, setLanguagesEdited] = useState(meeting !== null)
  const [error, setError] = useState<unknown>(null)
  const [filter, setFilter] = useState('')
  // Delegations whose people are shown for picking: at first those with people named.
  const [open, setOpen] = useState<Set<string>>(
    () => new Set((meeting?.participants ?? []).filter((p) => (p.member_ids ?? []).length > 0).map((p) => p.delegation_id)),
  )
  const startField = useRef<HTMLInputElement>(null)

  // The people of every participating delegation: for picking, for naming who attends and for conflicts about a person.
  const partIds = form.participants.map((p) => p.delegation_id)
  const members = useMembersOf(partIds).data
  const membersOf = new Map<string, Member[] | undefined>(
    partIds.map((id) => [id, members?.[id] ? sortMembers(members[id]) : undefined]),
  )

  const body = useMemo(() => toBody(form, zone), [form, zone])

  // The live check: debounced, and only the newest answer counts.
  const check = useMeetingCheck(body, meeting?.id)
  const save = useSaveMeeting({
    onSuccess: (saved) => {
      // A new draft is not booked yet: say it is saved as a draft.
      const said = meeting ? 'meeting.saved' : saved.status === 'draft' ? 'meeting.savedDraft' : 'meeting.booked'
      push(t(said, { title: saved.title }), 'success')
      onClose()
    },
    onError: (err) => {
      setError(err)
      // The rules the server found broken stand in for the live check's verdict.
      if (err instanceof ApiError && err.status === 409 && err.conflicts.length > 0) check.showConflicts(err.conflicts)
    },
  })
  const remove = useDeleteMeeting({
    onSuccess: () => {
      if (meeting) push(t('meeting.deleted', { title: meeting.title }), 'success')
      onClose()
    },
    onError: (err) => setError(err),
  })

  function set<K extends keyof Form>(key: K, value: Form[K]) {
    setForm((x) => ({ ...x, [key]: value }))
  }

  function chooseDelegation(id: string, on: boolean) {
    const participants = toggleDelegation(form.participants, id, on)
    if (languagesEdited) return set('participants', participants)
    const byId = new Map((delegations.data ?? []).map((d) => [d.id, d]))
    const chosen = participants.flatMap((p) => byId.get(p.delegation_id) ?? [])
    setForm((x) => ({ ...x, participants, languages: suggestLanguages(chosen).join(', ') }))
  }

  function toggleAllow(rule: AllowRule, on: boolean) {
    setForm((x) => ({ ...x, allow: on ? [...new Set([...x.allow, rule])] : x.allow.filter((r) => r !== rule) }))
  }

  /**
   * moveTo moves the meeting to a suggested time: the start as the summit's
   * clock shows it, the day and the length as they are. Focus goes to the
   * start field, which now says the new time (the suggestion's button goes
   * away once the check finds nothing blocking).
   */
  function moveTo(s: Suggestion) {
    const at = new Date(s.starts_at)
    const until = new Date(s.ends_at)
    if (Number.isNaN(at.getTime()) || Number.isNaN(until.getTime())) return
    const start = parseTime(timeOf(at, zone))
    if (start === null) return
    setForm((x) => {
      const a = parseTime(x.start)
      const b = parseTime(x.end)
      const length = a !== null && b !== null ? (b <= a ? b + 24 * 60 : b) - a : Math.round((until.getTime() - at.getTime()) / 60000)
      return { ...x, start: minutesToHHMM(start), end: minutesToHHMM(start + length) }
    })
    startField.current?.focus()
  }

  function submit() {
    setError(null)
    save.mutate({ meeting, body })
  }

  function confirmDelete() {
    if (!meeting || !window.confirm(t('meeting.confirmDelete', { title: meeting.title }))) return
    remove.mutate(meeting)
  }

  const fe = fieldErrorsOf(error, t)
  const roomOptions = useMemo(() => {
    const vName = new Map((venues.data ?? []).map((v) => [v.id, ln(v)]))
    return [
      { value: '', label: t('meeting.noRoom') },
      ...(rooms.data ?? [])
        .map((r) => ({ value: r.id, label: `${vName.get(r.venue_id) ?? ''} · ${ln(r)} (${f.number(r.capacity)})` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    ]
  }, [rooms.data, venues.data, t, f, ln])
  const chosen = new Set(partIds)
  const shownDelegations = (delegations.data ?? []).filter(
    (d) => chosen.has(d.id) || !filter || `${d.name} ${ln(d)} ${d.code}`.toLowerCase().includes(filter.trim().toLowerCase()),
  )
  const verdict = check.result
  const conflicts = verdict?.conflicts ?? []
  const warnings = verdict?.warnings ?? []
  const blocking = conflicts.length > 0
  const suggestions = blocking ? (verdict?.suggestions ?? []).slice(0, 3) : []

  // Conflicts about a person name the other meeting by id: read those to say which one, and when.
  const otherIds = [...new Set([...conflicts, ...warnings].filter((c) => c.member_id && c.meeting_id).map((c) => c.meeting_id ?? ''))]
  const others = useMeetingsById(otherIds)
  const people = new Map<string, Member>()
  for (const list of membersOf.values()) for (const m of list ?? []) people.set(m.id, m)
  const ctx: ConflictContext = {
    meeting: { starts_at: body.starts_at ?? '', ends_at: body.ends_at ?? '', room_id: body.room_id },
    people,
    delegations: delegations.data ?? [],
    meetings: new Map(others.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : []))),
    rooms: rooms.data ?? [],
    venues: venues.data ?? [],
  }

  const startMin = parseTime(form.start)
  const endMin = parseTime(form.end)
  const overnight = startMin !== null && endMin !== null && endMin <= startMin

  return (
    <Modal title={meeting ? t('meeting.edit') : t('meeting.new')} onClose={onClose} wide>
      <form
        className="meeting-form"
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <div className="meeting-form__fields">
          <TextField
            label={t('meeting.title')}
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
            error={fe.title}
            required
          />
          <div className="grid-3">
            <SelectField
              label={t('meeting.kind')}
              value={form.kind}
              onChange={(e) => set('kind', e.target.value as MeetingKind)}
              options={MEETING_KINDS.map((k) => ({ value: k, label: label(t, 'kind', k) }))}
              error={fe.kind}
            />
            <SelectField
              label={t('meeting.status')}
              value={form.status}
              onChange={(e) => set('status', e.target.value as MeetingStatus)}
              options={MEETING_STATUSES.map((k) => ({ value: k, label: label(t, 'status', k) }))}
              error={fe.status}
            />
            <SelectField
              label={t('meeting.visibility')}
              value={form.visibility}
              onChange={(e) => set('visibility', e.target.value as Visibility)}
              options={VISIBILITIES.map((k) => ({ value: k, label: label(t, 'visibility', k) }))}
              error={fe.visibility}
            />
          </div>
          <fieldset className="when">
            <legend>{t('meeting.when', { zone: f.zoneLabel })}</legend>
            <div className="grid-3">
              <TextField
                label={t('meeting.day')}
                type="date"
                lang={f.locale}
                value={form.day}
                onChange={(e) => set('day', e.target.value)}
                hint={parseDate(form.day) ? f.day(form.day) : undefined}
                required
              />
              <TextField
                ref={startField}
                label={t('meeting.start')}
                type="time"
                lang={f.locale}
                step={300}
                value={form.start}
                onChange={(e) => set('start', e.target.value)}
                error={fe.starts_at}
                required
              />
              <TextField
                label={t('meeting.end')}
                type="time"
                lang={f.locale}
                step={300}
                value={form.end}
                onChange={(e) => set('end', e.target.value)}
                hint={overnight ? t('meeting.nextDay') : undefined}
                error={fe.ends_at}
                required
              />
            </div>
            <LocalTime startsAt={body.starts_at} endsAt={body.ends_at} zone={zone} />
          </fieldset>
          <SelectField
            label={t('meeting.room')}
            value={form.roomId}
            onChange={(e) => set('roomId', e.target.value)}
            options={roomOptions}
            error={fe.room_id}
          />
          <div className="grid-2">
            <TextField
              label={t('meeting.languages')}
              value={form.languages}
              onChange={(e) => {
                setLanguagesEdited(true)
                set('languages', e.target.value)
              }}
              hint={t('meeting.languagesHint')}
              error={fe.languages}
            />
            <TextField
              label={t('meeting.attendance')}
              type="number"
              min={0}
              value={form.attendance}
              onChange={(e) => set('attendance', e.target.value)}
              error={fe.expected_attendance}
            />
          </div>
          <fieldset className="participants">
            <legend>
              {t('meeting.participants')} ({form.participants.length})
            </legend>
            <p className="muted small">{t('meeting.participantsHint')}</p>
            {form.participants.length > 0 && (
              <ul className="chosen" aria-label={t('meeting.attendingList')}>
                {form.participants.map((p) => (
                  <ChosenDelegation
                    key={p.delegation_id}
                    participant={p}
                    delegation={delegations.data?.find((d) => d.id === p.delegation_id)}
                    members={membersOf.get(p.delegation_id)}
                    open={open.has(p.delegation_id)}
                    onOpen={(on) =>
                      setOpen((x) => {
                        const next = new Set(x)
                        if (on) next.add(p.delegation_id)
                        else next.delete(p.delegation_id)
                        return next
                      })
                    }
                    onMember={(m, on) =>
                      set('participants', toggleMember(form.participants, p.delegation_id, m, on, membersOf.get(p.delegation_id)))
                    }
                  />
                ))}
              </ul>
            )}
            <input
              type="search"
              className="participants__filter"
              placeholder={t('common.searchPlaceholder')}
              aria-label={t('meeting.filterDelegations')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <div className="participants__list">
              {shownDelegations.map((d) => (
                <label key={d.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={chosen.has(d.id)}
                    onChange={(e) => chooseDelegation(d.id, e.target.checked)}
                  />
                  {ln(d)}
                </label>
              ))}
            </div>
            {fe.participants && <p className="field__error">{fe.participants}</p>}
          </fieldset>
        </div>
        <aside className="meeting-form__rules">
          <ConflictPanel
            conflicts={conflicts}
            warnings={warnings}
            checking={check.checking}
            checked={verdict !== null}
            allow={form.allow}
            onAllow={toggleAllow}
            describe={(c) => describeConflict(c, ctx, t, f)}
            suggestions={suggestions}
            onMove={moveTo}
          />
        </aside>
        <FormError
          text={
            error instanceof ApiError && error.status === 409
              ? t('meeting.notSaved')
              : generalError(error, t, ['title', 'kind', 'status', 'visibility', 'starts_at', 'ends_at', 'room_id', 'languages', 'expected_attendance', 'participants'])
          }
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {meeting ? t('common.save') : t('meeting.book')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {meeting && meeting.room_id && meeting.status !== 'cancelled' && onRunningLate && (
            <button type="button" className="button button--secondary" onClick={() => onRunningLate(meeting)}>
              {t('late.action')}
            </button>
          )}
          {meeting && (
            <button type="button" className="button button--danger" onClick={confirmDelete}>
              {t('common.delete')}
            </button>
          )}
          {blocking && <span className="muted small">{t('meeting.blockingNote')}</span>}
        </div>
        {error !== null && error instanceof ApiError && error.status !== 409 && error.status !== 422 && (
          <p className="muted small">{problemText(error, t)}</p>
        )}
      </form>
    </Modal>
  )
}

/** browserZone is the time zone of this device (which may not be the summit's). */
function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

/**
 * LocalTime repeats the meeting's times in the device's own zone, when that
 * differs from the summit's: the fields above are always summit time.
 */
function LocalTime({ startsAt, endsAt, zone }: { startsAt: string | undefined; endsAt: string | undefined; zone: string }) {
  const t = useT()
  const { locale } = useI18n()
  if (!startsAt || !endsAt) return null
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return null
  const local = browserZone()
  if (offsetMinutes(start, local) === offsetMinutes(start, zone) && offsetMinutes(end, local) === offsetMinutes(end, zone)) return null
  const withDay = new Intl.DateTimeFormat(locale, { timeZone: local, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const timeOnly = new Intl.DateTimeFormat(locale, { timeZone: local, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const sameDay = dayOf(start, local) === dayOf(end, local)
  return (
    <p className="muted small when__local">
      {t('meeting.yourTime', {
        zone: local.replace(/_/g, ' '),
        start: withDay.format(start),
        end: sameDay ? timeOnly.format(end) : withDay.format(end),
      })}
    </p>
  )
}

type ChosenProps = {
  participant: Participant
  delegation: Delegation | undefined
  members: Member[] | undefined
  open: boolean
  onOpen: (open: boolean) => void
  onMember: (m: Member, on: boolean) => void
}

/**
 * ChosenDelegation is one participating delegation: who attends for it (its
 * head, unless people are named) and, opened, its members to tick.
 */
function ChosenDelegation({ participant: p, delegation, members, open, onOpen, onMember }: ChosenProps) {
  const t = useT()
  const ln = useLocalName()
  const id = useId()
  const name = delegation ? ln(delegation) : p.delegation_id
  const head = headOf(members)
  // Named people; none named (or all unticked) means the head, as the API reads it.
  const named = (p.member_ids ?? []).length > 0
  const who = attendees(p, members)
  let summary: string
  if (!members) summary = t('common.loading')
  else if (named) summary = who.map((m) => ln(m)).join(', ')
  else if (head) summary = t('meeting.byHead', { name: ln(head) })
  else summary = t('meeting.noHead')
  const warn = !!members && !head && !named
  const toggleText = open ? t('meeting.peopleDone') : t('meeting.choosePeople')
  return (
    <li className="chosen__item">
      <div className="chosen__row">
        <span className="chosen__name">{name}</span>
        <span className={`chosen__who${warn ? ' chosen__who--warn' : ''}`}>{summary}</span>
        <button
          type="button"
          className="button button--secondary button--small chosen__toggle"
          aria-expanded={open}
          aria-controls={open ? id : undefined}
          aria-label={`${toggleText} (${name})`}
          onClick={() => onOpen(!open)}
        >
          {toggleText}
        </button>
      </div>
      {open && (
        <div id={id} className="chosen__people" role="group" aria-label={t('meeting.peopleOf', { name })}>
          {!members ? (
            <p className="muted small">{t('common.loading')}</p>
          ) : members.length === 0 ? (
            <p className="muted small">{t('meeting.noMembers')}</p>
          ) : (
            members.map((m) => (
              <label key={m.id} className="checkbox">
                <input type="checkbox" checked={isAttending(p, m)} onChange={(e) => onMember(m, e.target.checked)} />
                <span>
                  {ln(m)}
                  {m.position && <span className="muted"> · {m.position}</span>}
                  {m.is_head && <span className="badge badge--head">{t('members.head')}</span>}
                  {m.accreditation !== 'approved' && (
                    <span className="chosen__accreditation">
                      {' '}
                      ({t('members.accreditation')}: {label(t, 'accreditation', m.accreditation).toLowerCase()})
                    </span>
                  )}
                </span>
              </label>
            ))
          )}
          {p.member_ids?.length === 0 && head && <p className="muted small">{t('meeting.nobodyChosen', { name: head.full_name })}</p>}
        </div>
      )}
    </li>
  )
}

type PanelProps = {
  conflicts: Conflict[]
  warnings: Conflict[]
  checking: boolean
  checked: boolean
  allow: AllowRule[]
  onAllow: (rule: AllowRule, on: boolean) => void
  /** describe words a conflict for people (by default the server's message) */
  describe?: (c: Conflict) => string
  /** free times for the same meeting, shown under blocking conflicts */
  suggestions?: Suggestion[]
  /** onMove moves the meeting to a suggested time */
  onMove?: (s: Suggestion) => void
  /** the words by an override's check box */
  allowLabel?: string
}

/** ConflictPanel lists what the rules say about the meeting, in plain words. */
export function ConflictPanel({ conflicts, warnings, checking, checked, allow, onAllow, describe, suggestions = [], onMove, allowLabel }: PanelProps) {
  const t = useT()
  const f = useFormat()
  const freeId = useId()
  const all = [...conflicts.map((c) => ({ c, overridden: false })), ...warnings.map((c) => ({ c, overridden: true }))]
  return (
    <section className="conflicts" aria-labelledby="conflicts-heading" aria-live="polite">
      <h3 id="conflicts-heading">
        {t('meeting.checks')} {checking && (
          <>
            <span className="spinner" aria-hidden="true" />
            <span className="visually-hidden">{t('meeting.checking')}</span>
          </>
        )}
      </h3>
      {!checked ? (
        <p className="muted small">{t('meeting.checkPending')}</p>
      ) : all.length === 0 ? (
        <p className="conflicts__ok">✓ {t('meeting.noConflicts')}</p>
      ) : (
        <ul className="conflicts__list">
          {all.map(({ c, overridden }, i) => {
            const rule = c.rule
            const can = isOverridable(rule)
            return (
              <li key={`${rule}-${i}`} className={`conflict conflict--${overridden ? 'allowed' : can ? 'soft' : 'hard'}`}>
                <p className="conflict__rule">
                  <strong>{label(t, 'rule', rule)}</strong>
                  {!can && <span className="conflict__tag">{t('meeting.hard')}</span>}
                </p>
                <p className="conflict__message">{describe ? describe(c) : c.message}</p>
                {can && (
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={allow.includes(rule)}
                      onChange={(e) => onAllow(rule, e.target.checked)}
                    />
                    {allowLabel ?? t('meeting.allow')}
                  </label>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {checked && conflicts.length > 0 && suggestions.length > 0 && onMove && (
        // Inside the polite live region: announced once when the times change
        // (the keys keep unchanged buttons in place), not on every render.
        <div className="suggestions" role="group" aria-labelledby={freeId}>
          <p id={freeId} className="suggestions__intro">
            {t('meeting.freeTimes')}
          </p>
          <ul className="suggestions__list">
            {suggestions.map((s) => {
              const start = f.time(s.starts_at)
              const end = f.time(s.ends_at)
              return (
                <li key={`${s.starts_at}/${s.ends_at}`}>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={t('meeting.moveTo', { start, end })}
                    onClick={() => onMove(s)}
                  >
                    {`${start}–${end}`}
                  </button>
                </li>
              )
            })}
          </ul>
        </div>
      )}
    </section>
  )
}
