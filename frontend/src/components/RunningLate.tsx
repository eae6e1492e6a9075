// "Running late": a room's meetings from a chosen time on move by some
// minutes (POST /meetings/shift). Every choice is previewed first with a dry
// run: which meetings move, from when to when (summit time), and what would
// break; overridable rules are offered as check boxes. Apply does the real
// shift, all or nothing.
import { useCallback, useEffect, useState } from 'react'
import { ApiError } from '../api/client.ts'
import { useShiftMeetings, useSummit } from '../api/queries.ts'
import type { AllowRule, Conflict, Meeting, MeetingShift, Room } from '../api/types.ts'
import { useT } from '../i18n/index.tsx'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { DEFAULT_ZONE, useFormat } from '../lib/format.ts'
import { addDays, dayOf, parseTime, timeOf, zonedToInstant } from '../lib/time.ts'
import { useDebounced } from '../lib/useDebounced.ts'
import { FormError, TextField } from './Field.tsx'
import { ConflictPanel } from './MeetingDialog.tsx'
import { Modal } from './Modal.tsx'
import { useToast } from './Toasts.tsx'

/** How long a choice stands still before it is previewed. */
const PREVIEW_DELAY_MS = 250
const PRESETS = [5, 10, 15] as const

type Props = {
  room: Pick<Room, 'id' | 'name'>
  /** the summit day shown (YYYY-MM-DD) */
  day: string
  /** that day's meetings, to say what moves when a rule would break (the server then lists none) */
  meetings: Meeting[]
  /** the first start that moves (a meeting's start); by default now, on that day, else the room's first meeting */
  from?: string | undefined
  onClose: () => void
}

/** defaultStart: HH:MM to move from, in the summit's zone. */
export function defaultStart(roomId: string, day: string, meetings: Meeting[], zone: string, now = new Date()): string {
  if (dayOf(now, zone) === day) return timeOf(now, zone)
  const first = inRoom(roomId, meetings).find((m) => dayOf(new Date(m.starts_at), zone) === day)
  return first ? timeOf(new Date(first.starts_at), zone) : '08:00'
}

/** inRoom: the room's meetings that a shift may move, in time order. */
function inRoom(roomId: string, meetings: Meeting[]): Meeting[] {
  return meetings
    .filter((m) => m.room_id === roomId && m.status !== 'cancelled')
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
}

const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString()
const sameConflict = (a: Conflict, b: Conflict) =>
  a.rule === b.rule && a.message === b.message && a.meeting_id === b.meeting_id && a.member_id === b.member_id

export function RunningLate({ room, day, meetings, from, onClose }: Props) {
  const t = useT()
  const f = useFormat()
  const push = useToast()
  const zone = useSummit().data?.timezone ?? DEFAULT_ZONE
  const [start, setStart] = useState(() => (from ? timeOf(new Date(from), zone) : defaultStart(room.id, day, meetings, zone)))
  const [choice, setChoice] = useState<number | 'custom'>(15)
  const [custom, setCustom] = useState('')
  const [allow, setAllow] = useState<AllowRule[]>([])
  // Conflicts seen for this choice: those overridden since are still shown, ticked.
  const [seen, setSeen] = useState<Conflict[]>([])
  const [applyError, setApplyError] = useState<unknown>(null)

  const minutes = choice === 'custom' ? Number(custom.trim() || Number.NaN) : choice
  const startMin = parseTime(start)
  const fromISO = startMin === null ? '' : zonedToInstant(day, startMin, zone).toISOString().replace('.000Z', 'Z')
  const valid = startMin !== null && Number.isInteger(minutes) && minutes !== 0
  const body: MeetingShift = { room_id: room.id, from: fromISO, minutes, allow }
  const json = valid ? JSON.stringify(body) : null
  const settled = useDebounced(json, PREVIEW_DELAY_MS)

  // The last answer to a dry run, for the body it was asked with. It stays shown while an
  // override is ticked and the next one is on its way; a new time or number of minutes hides it.
  const [verdict, setVerdict] = useState<{ json: string; moved: Meeting[] | null; error: unknown } | null>(null)
  const preview = useShiftMeetings()
  const { mutate: runPreview } = preview
  const ask = useCallback(
    (asked: string) =>
      // Callbacks given to mutate answer only for the newest call: an older answer never shows.
      runPreview(
        { ...(JSON.parse(asked) as MeetingShift), dry_run: true },
        {
          onSuccess: (r) => setVerdict({ json: asked, moved: r.moved, error: null }),
          onError: (err) => {
            setVerdict({ json: asked, moved: null, error: err })
            if (err instanceof ApiError && err.status === 409) {
              setSeen((s) => [...s, ...err.conflicts.filter((c) => !s.some((x) => sameConflict(x, c)))])
            }
          },
        },
      ),
    [runPreview],
  )
  useEffect(() => {
    if (settled) ask(settled)
  }, [settled, ask])

  const apply = useShiftMeetings({
    onSuccess: (r) => {
      push(t('late.done', { n: r.moved.length, room: room.name }), 'success')
      onClose()
    },
    onError: (err) => {
      setApplyError(err)
      // Something changed meanwhile: preview again, to show what now moves and what breaks.
      if (json) ask(json)
    },
  })

  /** choose changes what moves: the overrides were for the previous choice. */
  function choose(change: () => void) {
    change()
    setAllow([])
    setSeen([])
    setApplyError(null)
  }

  const sameChoice = (a: string) => {
    const x = JSON.parse(a) as MeetingShift
    return x.from === fromISO && x.minutes === minutes
  }
  const shown = valid && verdict && sameChoice(verdict.json) ? verdict : null
  const error = shown?.error
  const conflicts = error instanceof ApiError && error.status === 409 ? error.conflicts : []
  const overridden = seen.filter((c) => allow.includes(c.rule as AllowRule) && !conflicts.some((x) => sameConflict(x, c)))
  const moved = shown?.moved ?? null
  // What moves: the server's answer; while a rule breaks it names none, so the board's copy says.
  const rows: { id: string; title: string; before: [string, string]; after: [string, string] }[] = moved
    ? moved.map((m) => ({
        id: m.id,
        title: m.title,
        before: [plus(m.starts_at, -minutes), plus(m.ends_at, -minutes)],
        after: [m.starts_at, m.ends_at],
      }))
    : conflicts.length > 0
      ? inRoom(room.id, meetings)
          .filter((m) => Date.parse(m.starts_at) >= Date.parse(fromISO) && Date.parse(m.starts_at) < zonedToInstant(addDays(day, 1), 0, zone).getTime())
          .map((m) => ({
            id: m.id,
            title: m.title,
            before: [m.starts_at, m.ends_at],
            after: [plus(m.starts_at, minutes), plus(m.ends_at, minutes)],
          }))
      : []
  const answered = !!moved || conflicts.length > 0
  const fe = fieldErrorsOf(error, t)
  const otherError = error && conflicts.length === 0 ? generalError(error, t, ['from', 'minutes']) : null
  // Apply only what the preview answered for exactly this body (overrides included).
  const canApply = !!moved && moved.length > 0 && verdict?.json === json && !apply.isPending
  const span = ([a, b]: [string, string]) => `${f.time(a)}–${f.time(b)}`

  return (
    <Modal title={t('late.title', { room: room.name })} onClose={onClose} wide>
      <form
        className="late"
        onSubmit={(e) => {
          e.preventDefault()
          if (!canApply || !json) return
          setApplyError(null)
          apply.mutate(JSON.parse(json) as MeetingShift)
        }}
      >
        <p className="muted small">{t('late.intro')}</p>
        <div className="late__choice">
          <TextField
            label={t('late.from', { zone: f.zoneLabel })}
            type="time"
            lang={f.locale}
            step={60}
            value={start}
            onChange={(e) => choose(() => setStart(e.target.value))}
            error={fe.from}
            required
          />
          <fieldset className="late__by">
            <legend>{t('late.by')}</legend>
            <div className="segmented">
              {PRESETS.map((n) => (
                <button key={n} type="button" aria-pressed={choice === n} onClick={() => choose(() => setChoice(n))}>
                  {t('late.plus', { n })}
                </button>
              ))}
              <button type="button" aria-pressed={choice === 'custom'} onClick={() => choose(() => setChoice('custom'))}>
                {t('late.custom')}
              </button>
            </div>
            {choice === 'custom' && (
              <TextField
                label={t('late.minutes')}
                type="number"
                step={1}
                min={-1440}
                max={1440}
                value={custom}
                onChange={(e) => choose(() => setCustom(e.target.value))}
                hint={t('late.minutesHint')}
                error={fe.minutes}
                autoFocus
              />
            )}
            {choice !== 'custom' && fe.minutes && <p className="field__error">{fe.minutes}</p>}
          </fieldset>
        </div>
        <section className="late__moves" aria-labelledby="late-moves-heading" aria-live="polite" aria-busy={valid && verdict?.json !== json}>
          <h3 id="late-moves-heading">{t('late.moves')}</h3>
          {!answered ? (
            <p className="muted small">{otherError ?? (valid ? t('late.checking') : t('late.choose'))}</p>
          ) : rows.length === 0 ? (
            <p>{t('late.nothing', { time: start })}</p>
          ) : (
            <ul className="late__list">
              {rows.map((r) => (
                <li key={r.id}>
                  <span className="late__title">{r.title}</span>{' '}
                  <span className="late__times">{t('late.change', { before: span(r.before), after: span(r.after) })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {answered && (
          <ConflictPanel
            conflicts={conflicts}
            warnings={overridden}
            checking={preview.isPending}
            checked
            allow={allow}
            onAllow={(rule, on) => {
              setApplyError(null)
              setAllow((a) => (on ? [...new Set([...a, rule])] : a.filter((r) => r !== rule)))
            }}
            allowLabel={t('late.allow')}
          />
        )}
        <FormError
          text={
            applyError === null ? null : applyError instanceof ApiError && applyError.status === 409 ? t('late.notApplied') : problemText(applyError, t)
          }
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={!canApply}>
            {t('late.apply')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {conflicts.length > 0 && <span className="muted small">{t('late.blocked')}</span>}
        </div>
      </form>
    </Modal>
  )
}
