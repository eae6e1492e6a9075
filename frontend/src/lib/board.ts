// Pure layout for the planning board: which rooms are rows, where each
// meeting's block sits, and what a drag changes. Kept free of React so it is
// easy to test and cheap to run for a thousand meetings.
import type { Meeting, Room, Venue } from '../api/types.ts'
import { parseTime, zonedToInstant } from './time.ts'

export const ROOM_ROW = 48
export const VENUE_ROW = 32

export type Row =
  | { type: 'venue'; key: string; venue: Venue | null; top: number; height: number }
  | { type: 'room'; key: string; room: Room | null; top: number; height: number }

/** buildRows lists rooms grouped by venue (venues and rooms by name), with their offsets from the top. */
export function buildRows(venues: Venue[], rooms: Room[], opts: { venueId?: string; unassigned?: boolean } = {}): Row[] {
  const rows: Row[] = []
  let top = 0
  type NewRow =
    | { type: 'venue'; key: string; venue: Venue | null; height: number }
    | { type: 'room'; key: string; room: Room | null; height: number }
  const push = (r: NewRow) => {
    rows.push({ ...r, top })
    top += r.height
  }
  if (opts.unassigned) {
    push({ type: 'room', key: 'room:none', room: null, height: ROOM_ROW })
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
  for (const v of [...venues].sort(byName)) {
    if (opts.venueId && v.id !== opts.venueId) continue
    const own = rooms.filter((r) => r.venue_id === v.id).sort(byName)
    if (own.length === 0) continue
    push({ type: 'venue', key: `venue:${v.id}`, venue: v, height: VENUE_ROW })
    for (const r of own) push({ type: 'room', key: `room:${r.id}`, room: r, height: ROOM_ROW })
  }
  return rows
}

/** visibleRows picks the rows that intersect [top, top+height), plus a margin. */
export function visibleRows(rows: Row[], top: number, height: number, margin = 200): Row[] {
  const lo = top - margin
  const hi = top + height + margin
  // Rows are sorted by top: binary search for the first row ending after lo.
  let a = 0
  let b = rows.length
  while (a < b) {
    const m = (a + b) >> 1
    const r = rows[m]
    if (r && r.top + r.height <= lo) a = m + 1
    else b = m
  }
  const out: Row[] = []
  for (let i = a; i < rows.length; i++) {
    const r = rows[i]
    if (!r || r.top >= hi) break
    out.push(r)
  }
  return out
}

export type TimeWindow = { day: string; zone: string; start: Date; startMin: number; endMin: number }

/**
 * dayWindow is the span of hours the board shows for a day: the summit's
 * working hours, widened to whole hours and to every meeting of the day.
 */
export function dayWindow(day: string, zone: string, dayStarts: string, dayEnds: string, meetings: Meeting[]): TimeWindow {
  const midnight = zonedToInstant(day, 0, zone).getTime()
  let lo = Math.max(0, (parseTime(dayStarts) ?? 8 * 60) - 60)
  let hi = Math.min(24 * 60, (parseTime(dayEnds) ?? 22 * 60) + 60)
  for (const m of meetings) {
    const s = (Date.parse(m.starts_at) - midnight) / 60000
    const e = (Date.parse(m.ends_at) - midnight) / 60000
    if (e > 0 && s < 24 * 60) {
      lo = Math.min(lo, Math.max(0, s))
      hi = Math.max(hi, Math.min(24 * 60, e))
    }
  }
  lo = Math.floor(lo / 60) * 60
  hi = Math.ceil(hi / 60) * 60
  return { day, zone, start: zonedToInstant(day, lo, zone), startMin: lo, endMin: hi }
}

/** minutesFromStart: how many minutes after the window's start an instant is. */
export function minutesFromStart(iso: string, w: TimeWindow): number {
  return (Date.parse(iso) - w.start.getTime()) / 60000
}

export type Block = { meeting: Meeting; left: number; width: number; lane: number; lanes: number }

/**
 * layoutBlocks places one room's meetings: x from the start time in the
 * summit's zone, and lanes when (cancelled) meetings overlap.
 */
export function layoutBlocks(meetings: Meeting[], w: TimeWindow, pxPerMin: number): Block[] {
  const sorted = [...meetings].sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.ends_at.localeCompare(b.ends_at))
  const laneEnds: number[] = []
  const placed: { m: Meeting; s: number; e: number; lane: number }[] = []
  for (const m of sorted) {
    const s = minutesFromStart(m.starts_at, w)
    const e = minutesFromStart(m.ends_at, w)
    let lane = laneEnds.findIndex((end) => end <= s)
    if (lane === -1) {
      lane = laneEnds.length
      laneEnds.push(e)
    } else laneEnds[lane] = e
    placed.push({ m, s, e, lane })
  }
  const lanes = Math.max(1, laneEnds.length)
  return placed.map(({ m, s, e, lane }) => ({
    meeting: m,
    left: s * pxPerMin,
    width: Math.max(4, (e - s) * pxPerMin),
    lane,
    lanes,
  }))
}

export type DragMode = 'move' | 'start' | 'end'

/**
 * dragResult is the new interval after dragging by dxMinutes (snapped to
 * step): a move keeps the length; an edge keeps at least one step.
 */
export function dragResult(m: Meeting, mode: DragMode, dxMinutes: number, step: number): { starts_at: string; ends_at: string } {
  const s = Date.parse(m.starts_at)
  const e = Date.parse(m.ends_at)
  const snapTo = (t: number) => Math.round(t / (step * 60000)) * step * 60000
  const dx = dxMinutes * 60000
  let ns = s
  let ne = e
  if (mode === 'move') {
    ns = snapTo(s + dx)
    ne = ns + (e - s)
  } else if (mode === 'start') {
    ns = Math.min(snapTo(s + dx), e - step * 60000)
  } else {
    ne = Math.max(snapTo(e + dx), s + step * 60000)
  }
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z')
  return { starts_at: iso(ns), ends_at: iso(ne) }
}

/** meetingMatches applies the board's delegation and kind filters. */
export function meetingMatches(m: Meeting, delegationId: string, kind: string): boolean {
  if (kind && m.kind !== kind) return false
  if (delegationId && !m.participants.some((p) => p.delegation_id === delegationId)) return false
  return true
}

/**
 * rebaseChange re-applies a change that was worked out on an older copy of a
 * meeting (from) to a newer one (onto): each end moves by as much as the
 * change moved it. A second key press that lands before the board shows the
 * first one thus goes on from the first instead of repeating it.
 */
export function rebaseChange<C extends { starts_at: string; ends_at: string; room_id?: string }>(
  from: Pick<Meeting, 'starts_at' | 'ends_at'>,
  onto: Pick<Meeting, 'starts_at' | 'ends_at'>,
  change: C,
): C {
  const shift = (target: string, was: string, now: string) =>
    new Date(Date.parse(now) + (Date.parse(target) - Date.parse(was))).toISOString().replace('.000Z', 'Z')
  return {
    ...change,
    starts_at: shift(change.starts_at, from.starts_at, onto.starts_at),
    ends_at: shift(change.ends_at, from.ends_at, onto.ends_at),
  }
}
