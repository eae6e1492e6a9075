// Create or edit a meeting. As the organiser types, the meeting is checked
// against the rules (POST /meetings/check, debounced); every conflict is
// shown in plain words, and overridable ones can be allowed with a checkbox.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useRef, useState } from 'react'
import { ApiError, api, newKey } from '../api/client.ts'
import { keys, useDelegations, useRooms, useSummit, useVenues } from '../api/queries.ts'
import {
  MEETING_KINDS,
  MEETING_STATUSES,
  VISIBILITIES,
  isOverridable,
  type AllowRule,
  type CheckResult,
  type Conflict,
  type Meeting,
  type MeetingKind,
  type MeetingStatus,
  type MeetingWrite,
  type Visibility,
} from '../api/types.ts'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { DEFAULT_ZONE, useFormat } from '../lib/format.ts'
import { dayOf, minutesToHHMM, parseTime, timeOf, zonedToInstant } from '../lib/time.ts'
import { FormError, SelectField, TextField } from './Field.tsx'
import { Modal } from './Modal.tsx'
import { useToast } from './Toasts.tsx'

export type MeetingDefaults = { day: string; roomId?: string; minute?: number }

type Form = {
  title: string
  kind: MeetingKind
  status: MeetingStatus
  visibility: Visibility
  day: string
  start: string
  end: string
  roomId: string
  participants: string[]
  languages: string
  attendance: string
  allow: AllowRule[]
}

const CHECK_DELAY_MS = 400

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
      participants: meeting.participants.map((p) => p.delegation_id),
      languages: meeting.languages.join(', '),
      attendance: String(meeting.expected_attendance),
      allow: meeting.allow.filter((r): r is AllowRule => isOverridable(r as Conflict['rule'])),
    }
  }
  const start = d.minute ?? 10 * 60
  return {
    title: '',
    kind: 'bilateral',
    status: 'draft',
    visibility: 'participants',
    day: d.day,
    start: minutesToHHMM(start),
    end: minutesToHHMM(start + 45),
    roomId: d.roomId ?? '',
    participants: [],
    languages: '',
    attendance: '0',
    allow: [],
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
    participants: form.participants.map((id) => ({ delegation_id: id })),
    languages: form.languages
      .split(/[\s,;]+/)
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean),
    expected_attendance: Math.max(0, Number(form.attendance) || 0),
    allow: form.allow,
  }
}

type Props = { meeting: Meeting | null; defaults: MeetingDefaults; onClose: () => void }

export function MeetingDialog({ meeting, defaults, onClose }: Props) {
  const t = useT()
  const f = useFormat()
  const qc = useQueryClient()
  const push = useToast()
  const zone = useSummit().data?.timezone ?? DEFAULT_ZONE
  const rooms = useRooms()
  const venues = useVenues()
  const delegations = useDelegations()
  const [form, setForm] = useState<Form>(() => initialForm(meeting, defaults, zone))
  const [check, setCheck] = useState<CheckResult | null>(null)
  const [checking, setChecking] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [filter, setFilter] = useState('')
  const idempotency = useRef(new Map<string, string>())

  const body = useMemo(() => toBody(form, zone), [form, zone])
  const bodyJson = JSON.stringify(body)

  // The live check: debounced, and only the newest answer counts.
  useEffect(() => {
    if (!body.starts_at || !body.ends_at) return
    const ctl = new AbortController()
    const timer = setTimeout(() => {
      setChecking(true)
      const checkBody = { ...body, title: body.title || '…' }
      api<CheckResult>('POST', '/meetings/check', {
        body: checkBody,
        query: meeting ? { meeting_id: meeting.id } : undefined,
        signal: ctl.signal,
      }).then(
        (r) => {
          setCheck(r)
          setChecking(false)
        },
        (err: unknown) => {
          if (ctl.signal.aborted) return
          setChecking(false)
          // A 422 here means the form is not complete yet; the save shows it at the fields.
          if (!(err instanceof ApiError && err.status === 422)) setCheck(null)
        },
      )
    }, CHECK_DELAY_MS)
    return () => {
      clearTimeout(timer)
      ctl.abort()
    }
    // bodyJson stands for body: a new object each render, the same JSON when nothing changed.
  }, [bodyJson, meeting?.id])

  function set<K extends keyof Form>(key: K, value: Form[K]) {
    setForm((x) => ({ ...x, [key]: value }))
  }

  function toggleAllow(rule: AllowRule, on: boolean) {
    setForm((x) => ({ ...x, allow: on ? [...new Set([...x.allow, rule])] : x.allow.filter((r) => r !== rule) }))
  }

  async function save() {
    setSaving(true)
    setError(null)
    try {
      let saved: Meeting
      if (meeting) {
        saved = await api<Meeting>('PATCH', `/meetings/${encodeURIComponent(meeting.id)}`, {
          ifMatch: meeting.version,
          body,
        })
      } else {
        let key = idempotency.current.get(bodyJson)
        if (!key) {
          key = newKey()
          idempotency.current.set(bodyJson, key)
        }
        saved = await api<Meeting>('POST', '/meetings', { body, idempotencyKey: key })
      }
      qc.setQueryData(keys.meeting(saved.id), saved)
      void qc.invalidateQueries({ queryKey: ['meetings'] })
      void qc.invalidateQueries({ queryKey: ['agenda'] })
      push(meeting ? t('meeting.saved', { title: saved.title }) : t('meeting.booked', { title: saved.title }), 'success')
      onClose()
    } catch (err) {
      setError(err)
      if (err instanceof ApiError && err.status === 409 && err.conflicts.length > 0) {
        setCheck({ conflicts: err.conflicts, warnings: check?.warnings ?? [] })
      }
      if (err instanceof ApiError && err.status === 412) void qc.invalidateQueries({ queryKey: ['meetings'] })
      setSaving(false)
    }
  }

  async function remove() {
    if (!meeting || !window.confirm(t('meeting.confirmDelete', { title: meeting.title }))) return
    try {
      await api<void>('DELETE', `/meetings/${encodeURIComponent(meeting.id)}`, { ifMatch: meeting.version })
      void qc.invalidateQueries({ queryKey: ['meetings'] })
      void qc.invalidateQueries({ queryKey: ['agenda'] })
      push(t('meeting.deleted', { title: meeting.title }), 'success')
      onClose()
    } catch (err) {
      setError(err)
    }
  }

  const fe = fieldErrorsOf(error)
  const roomOptions = useMemo(() => {
    const vName = new Map((venues.data ?? []).map((v) => [v.id, v.name]))
    return [
      { value: '', label: t('meeting.noRoom') },
      ...(rooms.data ?? [])
        .map((r) => ({ value: r.id, label: `${vName.get(r.venue_id) ?? ''} · ${r.name} (${f.number(r.capacity)})` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    ]
  }, [rooms.data, venues.data, t, f])
  const shownDelegations = (delegations.data ?? []).filter(
    (d) =>
      form.participants.includes(d.id) ||
      !filter ||
      `${d.name} ${d.code}`.toLowerCase().includes(filter.trim().toLowerCase()),
  )
  const conflicts = check?.conflicts ?? []
  const warnings = check?.warnings ?? []
  const blocking = conflicts.length > 0

  return (
    <Modal title={meeting ? t('meeting.edit') : t('meeting.new')} onClose={onClose} wide>
      <form
        className="meeting-form"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
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
          <div className="grid-3">
            <TextField
              label={t('meeting.day')}
              type="date"
              value={form.day}
              onChange={(e) => set('day', e.target.value)}
            />
            <TextField
              label={t('meeting.start')}
              type="time"
              step={300}
              value={form.start}
              onChange={(e) => set('start', e.target.value)}
              error={fe.starts_at}
            />
            <TextField
              label={t('meeting.end')}
              type="time"
              step={300}
              value={form.end}
              onChange={(e) => set('end', e.target.value)}
              error={fe.ends_at}
            />
          </div>
          <p className="muted small">{t('agenda.timesIn', { zone: f.zoneLabel })}</p>
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
              onChange={(e) => set('languages', e.target.value)}
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
                    checked={form.participants.includes(d.id)}
                    onChange={(e) =>
                      set(
                        'participants',
                        e.target.checked ? [...form.participants, d.id] : form.participants.filter((x) => x !== d.id),
                      )
                    }
                  />
                  {d.name}
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
            checking={checking}
            checked={check !== null}
            allow={form.allow}
            onAllow={toggleAllow}
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
          <button type="submit" className="button" disabled={saving}>
            {meeting ? t('common.save') : t('meeting.book')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {meeting && (
            <button type="button" className="button button--danger" onClick={() => void remove()}>
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

type PanelProps = {
  conflicts: Conflict[]
  warnings: Conflict[]
  checking: boolean
  checked: boolean
  allow: AllowRule[]
  onAllow: (rule: AllowRule, on: boolean) => void
}

/** ConflictPanel lists what the rules say about the meeting, in plain words. */
export function ConflictPanel({ conflicts, warnings, checking, checked, allow, onAllow }: PanelProps) {
  const t = useT()
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
                <p className="conflict__message">{c.message}</p>
                {can && (
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={allow.includes(rule)}
                      onChange={(e) => onAllow(rule, e.target.checked)}
                    />
                    {t('meeting.allow')}
                  </label>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
