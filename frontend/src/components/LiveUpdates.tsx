// Keeps the cached server state fresh from the live stream and says what
// other people changed.
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { keys, meetingQuery } from '../api/queries.ts'
import { connectStream, type LiveEvent } from '../api/stream.ts'
import type { AgendaItem, Meeting, Room, User } from '../api/types.ts'
import { useT, type Translate } from '../i18n/index.tsx'
import { markChanged, markSeen } from '../lib/changed.ts'
import { useFormat, type Format } from '../lib/format.ts'
import { dayOf } from '../lib/time.ts'
import { useToast } from './Toasts.tsx'

/** cachedMeeting finds a meeting in any cached list or detail query. */
export function cachedMeeting(qc: QueryClient, id: string): Meeting | undefined {
  const one = qc.getQueryData<Meeting>(keys.meeting(id))
  if (one) return one
  for (const [, list] of qc.getQueriesData<Meeting[]>({ queryKey: keys.allMeetings })) {
    const m = list?.find((x) => x.id === id)
    if (m) return m
  }
  return undefined
}

function actorName(qc: QueryClient, ev: LiveEvent, t: Translate): string {
  if (ev.actor_name) return ev.actor_name
  const users = qc.getQueryData<User[]>(keys.users)
  const u = users?.find((x) => x.id === ev.actor_id)
  return u?.name ?? t('live.anotherOrganiser')
}

/** Slot: what a change toast compares of a meeting: where and when, with the room's name where known. */
export type Slot = { title: string; version: number; starts_at: string; ends_at: string; room_id: string | null; room: string | null }

/** roomName finds a room's name in the cached rooms, or in a cached agenda that shows it (a delegate reads no room list). */
function roomName(qc: QueryClient, id: string | null): string | null {
  if (!id) return null
  const room = qc.getQueryData<Room[]>(keys.rooms)?.find((r) => r.id === id)
  if (room) return room.name
  for (const [, list] of qc.getQueriesData<AgendaItem[]>({ queryKey: keys.allAgenda })) {
    const it = list?.find((x) => x.room_id === id && x.room_name)
    if (it) return it.room_name
  }
  return null
}

function slotOf(qc: QueryClient, m: Meeting): Slot {
  return { title: m.title, version: m.version, starts_at: m.starts_at, ends_at: m.ends_at, room_id: m.room_id, room: roomName(qc, m.room_id) }
}

/** cachedSlot: the last known version of a meeting, from any cached meeting or agenda. */
export function cachedSlot(qc: QueryClient, id: string): Slot | undefined {
  const m = cachedMeeting(qc, id)
  if (m) return slotOf(qc, m)
  for (const [, list] of qc.getQueriesData<AgendaItem[]>({ queryKey: keys.allAgenda })) {
    const it = list?.find((x) => x.meeting_id === id && x.kind !== 'movement') // a drive shares its meeting's id
    if (it) return { ...it, room: it.room_name || null }
  }
  return undefined
}

/** span says when a meeting is, "12:00–13:00" in the summit's zone, with its day when it differs from the other's. */
function span(s: Slot, other: Slot, f: Format): string {
  const day = dayOf(new Date(s.starts_at), f.zone)
  const range = `${f.time(s.starts_at)}–${f.time(s.ends_at)}`
  return day === dayOf(new Date(other.starts_at), f.zone) ? range : `${f.dayShort(day)} ${range}`
}

/** describeMeetingEvent says in words what happened to a meeting, old → new where it moved; null when nothing needs saying. */
export function describeMeetingEvent(
  ev: LiveEvent,
  before: Slot | undefined,
  after: Slot | undefined,
  who: string,
  t: Translate,
  f: Format,
): string | null {
  const title = after?.title ?? before?.title
  if (!title) return null
  switch (ev.type) {
    case 'meeting.created':
      return t('live.created', { title, who })
    case 'meeting.cancelled':
      return t('live.cancelled', { title, who })
    case 'meeting.deleted':
      return t('live.deleted', { title, who })
  }
  if (!before || !after) return t('live.updated', { title, who })
  const timeMoved = before.starts_at !== after.starts_at || before.ends_at !== after.ends_at
  const roomMoved = before.room_id !== after.room_id
  const room = after.room ?? t('agenda.noRoom')
  const from = span(before, after, f)
  const to = span(after, before, f)
  if (timeMoved && roomMoved) return t('live.movedBoth', { title, who, from, to, room })
  if (timeMoved) return t('live.movedTime', { title, who, from, to })
  if (roomMoved) return t('live.movedRoom', { title, who, room })
  return t('live.updated', { title, who })
}

export function LiveUpdates({ user }: { user: User }) {
  const qc = useQueryClient()
  const pushNow = useToast()
  const tNow = useT()
  const fNow = useFormat()
  const [live, setLive] = useState<boolean | null>(null)
  const ref = useRef({ push: pushNow, t: tNow, f: fNow })
  ref.current = { push: pushNow, t: tNow, f: fNow }

  useEffect(() => {
    const ctl = new AbortController()
    let dropped = false
    const onEvent = async (ev: LiveEvent) => {
      const { push, t, f } = ref.current
      const mine = ev.actor_id === user.id
      if (ev.type === 'request.changed') {
        void qc.invalidateQueries({ queryKey: keys.requests })
        void qc.invalidateQueries({ queryKey: keys.request(ev.id) })
        if (!mine) push(t('live.requestChanged', { who: actorName(qc, ev, t) }))
        return
      }
      if (ev.type === 'problems.changed') {
        void qc.invalidateQueries({ queryKey: keys.problems })
        return
      }
      if (ev.type === 'transport.changed') {
        // The motor pool or a motorcade changed: movements and transport problems read differently.
        for (const key of [keys.vehicles, keys.motorcades, keys.allMovements, keys.problems]) void qc.invalidateQueries({ queryKey: key })
        return
      }
      if (!ev.type.startsWith('meeting.')) return
      // Movements are derived from the programme: a moved meeting moves them at once.
      void qc.invalidateQueries({ queryKey: keys.allMovements })
      void qc.invalidateQueries({ queryKey: keys.problems })
      void qc.invalidateQueries({ queryKey: keys.myChanges })
      // The last known version, read before the refetch replaces it: the toast compares with it.
      const before = cachedSlot(qc, ev.id)
      if (before && before.version >= ev.version && ev.type === 'meeting.updated') return
      let after: Meeting | undefined
      if (!mine && ev.type !== 'meeting.deleted') {
        try {
          after = await qc.fetchQuery({ ...meetingQuery(ev.id), staleTime: 0 })
        } catch {
          after = undefined
        }
      }
      void qc.invalidateQueries({ queryKey: keys.allMeetings })
      const agenda = qc.invalidateQueries({ queryKey: keys.allAgenda })
      if (mine) {
        void qc.invalidateQueries({ queryKey: keys.meeting(ev.id) })
        return
      }
      if (ev.type === 'meeting.deleted') markSeen(user.id, ev.id)
      else {
        const was = before && ev.type === 'meeting.updated' ? { starts_at: before.starts_at, ends_at: before.ends_at, room: before.room } : undefined
        markChanged(user.id, ev.id, was)
      }
      // A delegate knows a room's name from its agenda: wait for the fresh one when the new room is not known yet.
      if (after?.room_id && !roomName(qc, after.room_id)) await agenda.catch(() => {})
      const text = describeMeetingEvent(ev, before, after && slotOf(qc, after), actorName(qc, ev, t), t, f)
      if (text) push(text)
    }
    void connectStream(ctl.signal, {
      onEvent: (ev) => void onEvent(ev),
      onReload: () => void qc.invalidateQueries(),
      onState: (on) => {
        setLive(on)
        // Back after a drop: fetch what may have changed beyond what Last-Event-ID replays.
        if (on && dropped) void qc.invalidateQueries({ refetchType: 'active' })
        if (!on) dropped = true
      },
    })
    return () => ctl.abort()
  }, [qc, user.id])
  if (live === null) return null
  return (
    <span className={`live live--${live ? 'on' : 'off'}`} role="status" title={live ? tNow('live.onHint') : tNow('live.offHint')}>
      <span className="live__dot" aria-hidden="true" />
      {live ? tNow('live.on') : tNow('live.off')}
    </span>
  )
}
