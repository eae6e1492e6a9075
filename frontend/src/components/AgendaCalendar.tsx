// AgendaCalendar shows an agenda as a week-style calendar: one column per
// day, time downwards in the summit's time zone, overlapping meetings side by
// side. Screen readers get each day as a list of its meetings in time order.

import type { AgendaItem } from '../api/types.ts'
import { useI18n } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import type { ChangeMarks } from '../lib/changed.ts'
import type { Format } from '../lib/format.ts'
import { minutesToHHMM, zonedParts } from '../lib/time.ts'
import { ChangedMark } from './ChangedMark.tsx'

/** PX_PER_MIN is the calendar's vertical scale: an hour is 56 pixels (the hour lines in styles.css match). */
const PX_PER_MIN = 56 / 60

export type Placed = { item: AgendaItem; start: number; end: number; lane: number; lanes: number }

function minuteOfDay(iso: string, zone: string): number {
  const p = zonedParts(new Date(iso), zone)
  return p.hour * 60 + p.minute
}

/**
 * layoutDay places one day's items: start and end in minutes after midnight
 * in zone (an item running past midnight ends at 24:00), and lanes so that
 * items that overlap sit side by side, each group of overlapping items
 * sharing its width evenly.
 */
export function layoutDay(items: AgendaItem[], zone: string): Placed[] {
  const placed = [...items]
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at) || b.ends_at.localeCompare(a.ends_at))
    .map((item) => {
      const start = minuteOfDay(item.starts_at, zone)
      const length = (Date.parse(item.ends_at) - Date.parse(item.starts_at)) / 60000
      return { item, start, end: Math.min(24 * 60, start + Math.max(length, 1)), lane: 0, lanes: 1 }
    })
  let group: Placed[] = []
  let laneEnds: number[] = []
  const close = () => {
    for (const p of group) p.lanes = laneEnds.length
    group = []
    laneEnds = []
  }
  for (const p of placed) {
    if (group.length > 0 && p.start >= Math.max(...laneEnds)) close()
    const free = laneEnds.findIndex((end) => end <= p.start)
    p.lane = free >= 0 ? free : laneEnds.length
    laneEnds[p.lane] = p.end
    group.push(p)
  }
  close()
  return placed
}

type Props = {
  days: string[]
  byDay: Map<string, AgendaItem[]>
  /** the working hours to show at least, in minutes after midnight */
  from: number
  to: number
  f: Format
  /** the entries others changed since the user last looked, highlighted until seen */
  marks?: ChangeMarks
  onSeen?: (meetingId: string) => void
  /** where an entry takes place, in the reader's language; by default the agenda's room and venue names */
  placeOf?: (it: AgendaItem) => string
}

const agendaPlace = (it: AgendaItem) => [it.room_name, it.venue_name].filter(Boolean).join(', ')

export function AgendaCalendar({ days, byDay, from, to, f, marks = {}, onSeen = () => {}, placeOf = agendaPlace }: Props) {
  const { t } = useI18n()
  const layouts = days.map((day) => layoutDay(byDay.get(day) ?? [], f.zone))
  const all = layouts.flat()
  const first = Math.floor(Math.min(from, ...all.map((p) => p.start)) / 60) * 60
  const last = Math.ceil(Math.max(to, ...all.map((p) => p.end)) / 60) * 60
  const hours: number[] = []
  for (let m = first; m < last; m += 60) hours.push(m)
  const height = (last - first) * PX_PER_MIN

  return (
    <div className="cal" role="group" aria-label={t('agenda.calendar')}>
      <div className="cal__grid" style={{ gridTemplateColumns: `3.5rem repeat(${days.length}, minmax(9rem, 1fr))` }}>
        <div className="cal__corner" aria-hidden="true" />
        {days.map((day) => (
          <h3 key={day} id={`cal-${day}`} className="cal__dayhead">
            {f.dayShort(day)}
          </h3>
        ))}
        <div className="cal__hours" aria-hidden="true" style={{ height }}>
          {hours.map((m) => (
            <span key={m} className="cal__hour" style={{ top: (m - first) * PX_PER_MIN }}>
              {minutesToHHMM(m)}
            </span>
          ))}
        </div>
        {days.map((day, i) => {
          const placed = layouts[i] ?? []
          return (
            <ol key={day} className="cal__day" aria-labelledby={`cal-${day}`} style={{ height }}>
              {placed.length === 0 && <li className="visually-hidden">{t('agenda.freeDay')}</li>}
              {placed.map(({ item: it, start, end, lane, lanes }) => {
                const mark = it.movement ? undefined : marks[it.meeting_id]
                return (
                  <li
                    key={itemKey(it)}
                    className={`cal__item kind-${it.kind} status-${it.status}${end - start < 45 ? ' cal__item--short' : ''}${mark ? ' cal__item--changed' : ''}`}
                    onClick={mark ? () => onSeen(it.meeting_id) : undefined}
                    title={`${f.time(it.starts_at)}–${f.time(it.ends_at)} ${it.title}`}
                    style={{
                      top: (start - first) * PX_PER_MIN,
                      height: Math.max((end - start) * PX_PER_MIN - 2, 18),
                      left: `calc(${(lane / lanes) * 100}% + 2px)`,
                      width: `calc(${100 / lanes}% - 4px)`,
                    }}
                  >
                    {mark && <ChangedMark item={it} mark={mark} f={f} onSeen={() => onSeen(it.meeting_id)} compact />}
                    <span className="cal__time">
                      <time dateTime={it.starts_at}>{f.time(it.starts_at)}</time>–<time dateTime={it.ends_at}>{f.time(it.ends_at)}</time>
                    </span>{' '}
                    <span className="cal__title">{it.title}</span>
                    <span className="cal__meta">
                      {it.status !== 'confirmed' && `${label(t, 'status', it.status)} · `}
                      {placeOf(it) || t('agenda.noRoom')}
                    </span>
                  </li>
                )
              })}
            </ol>
          )
        })}
      </div>
    </div>
  )
}

/** itemKey tells an agenda's items apart: a movement shares its meeting's id. */
export function itemKey(it: AgendaItem): string {
  return it.movement?.id ?? it.meeting_id
}
