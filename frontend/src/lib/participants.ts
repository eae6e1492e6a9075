// Who takes part in a meeting, as the API has it: delegations, each either
// represented by its head (no member_ids) or by the members named. Pure
// functions, so that the dialog stays simple and the rules are easy to test.
import type { Conflict, Delegation, Meeting, Member, Participant, Room, Venue } from '../api/types.ts'
import type { Translate } from '../i18n/index.tsx'
import type { Format } from './format.ts'

/** normalise copies participants, dropping an empty member_ids (which means the head, as absent does). */
export function normalise(parts: readonly Participant[]): Participant[] {
  return parts.map((p) =>
    p.member_ids && p.member_ids.length > 0 ? { delegation_id: p.delegation_id, member_ids: [...p.member_ids] } : { delegation_id: p.delegation_id },
  )
}

/** toggleDelegation adds a delegation (represented by its head) or removes it with its chosen people. */
export function toggleDelegation(parts: readonly Participant[], delegationId: string, on: boolean): Participant[] {
  const has = parts.some((p) => p.delegation_id === delegationId)
  if (on) return has ? [...parts] : [...parts, { delegation_id: delegationId }]
  return parts.filter((p) => p.delegation_id !== delegationId)
}

/** headOf is the delegation's head among its members. */
export function headOf(members: readonly Member[] | undefined): Member | undefined {
  return members?.find((m) => m.is_head)
}

/**
 * isAttending: whether a member is one of the people the participant stands
 * for. With no member_ids that is the head alone.
 */
export function isAttending(p: Participant, member: Member): boolean {
  return p.member_ids !== undefined ? p.member_ids.includes(member.id) : member.is_head
}

/**
 * toggleMember ticks or unticks one person of a participating delegation. The
 * first change starts from what is shown (the head, when nobody was named),
 * so ticking a second person keeps the head and unticking the head leaves the
 * others. An empty list is kept while the organiser picks (it is sent as
 * "the head", exactly as the API reads it).
 */
export function toggleMember(
  parts: readonly Participant[],
  delegationId: string,
  member: Member,
  on: boolean,
  members: readonly Member[] | undefined,
): Participant[] {
  return parts.map((p) => {
    if (p.delegation_id !== delegationId) return p
    const head = headOf(members)
    const current = p.member_ids ?? (head ? [head.id] : [])
    const next = on ? (current.includes(member.id) ? current : [...current, member.id]) : current.filter((id) => id !== member.id)
    // Keep the delegation's own order (head first), whatever the clicking order was.
    const order = new Map((members ?? []).map((m, i) => [m.id, i]))
    next.sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9))
    return { delegation_id: p.delegation_id, member_ids: next }
  })
}

/** attendees lists the people a participant stands for, as far as the members are known. */
export function attendees(p: Participant, members: readonly Member[] | undefined): Member[] {
  if (!members) return []
  if (p.member_ids && p.member_ids.length > 0) {
    const byId = new Map(members.map((m) => [m.id, m]))
    return p.member_ids.map((id) => byId.get(id)).filter((m): m is Member => m !== undefined)
  }
  const head = headOf(members)
  return head ? [head] : []
}

/** sortMembers puts the head first and keeps the server's order otherwise. */
export function sortMembers(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) => Number(b.is_head) - Number(a.is_head))
}

export type ConflictContext = {
  /** the meeting being booked or changed, as the form has it */
  meeting: { starts_at: string; ends_at: string; room_id: string | null | undefined }
  /** every person known, by member id */
  people: ReadonlyMap<string, Member>
  delegations: readonly Delegation[]
  /** the other meetings conflicts name, by id, as far as they are loaded */
  meetings: ReadonlyMap<string, Meeting>
  rooms: readonly Room[]
  venues: readonly Venue[]
}

/** travelMinutes between two venues; a pair given in one direction holds both ways (CONTRACT, venues). */
export function travelMinutes(venues: readonly Venue[], a: string, b: string): number | undefined {
  if (!a || !b || a === b) return undefined
  const va = venues.find((v) => v.id === a)
  const vb = venues.find((v) => v.id === b)
  return va?.travel_minutes[b] ?? vb?.travel_minutes[a]
}

const SUBJECT = /^(A member of the .+? delegation|A participant)\b/

/**
 * describeConflict says what a conflict means in plain words. Conflicts about
 * a person (member_overlap, travel_time) name the person and their
 * delegation, in the user's language, with the other meeting's title and
 * times in the summit's zone; everything else is the server's message.
 */
export function describeConflict(c: Conflict, ctx: ConflictContext, t: Translate, f: Format): string {
  const person = c.member_id ? ctx.people.get(c.member_id) : undefined
  if (!person) return c.message
  const delegation = ctx.delegations.find((d) => d.id === person.delegation_id)?.name ?? ''
  const who = delegation ? t('conflict.person', { name: person.full_name, delegation }) : person.full_name
  const other = c.meeting_id ? ctx.meetings.get(c.meeting_id) : undefined
  if (c.rule === 'member_overlap') {
    if (!other) return t('conflict.busyElsewhere', { who })
    return t('conflict.busy', { who, title: other.title, start: f.time(other.starts_at), end: f.time(other.ends_at) })
  }
  if (c.rule === 'travel_time' && other) {
    const venueOf = (roomId: string | null | undefined) => ctx.rooms.find((r) => r.id === roomId)?.venue_id ?? ''
    const n =
      travelMinutes(ctx.venues, venueOf(ctx.meeting.room_id), venueOf(other.room_id)) ??
      Number(/(\d+) minutes/.exec(c.message)?.[1] ?? Number.NaN)
    if (Number.isFinite(n)) {
      const before = Date.parse(other.ends_at) <= Date.parse(ctx.meeting.starts_at)
      return before
        ? t('conflict.travelFrom', { who, n, title: other.title, end: f.time(other.ends_at), start: f.time(ctx.meeting.starts_at) })
        : t('conflict.travelTo', { who, n, title: other.title, start: f.time(other.starts_at), end: f.time(ctx.meeting.ends_at) })
    }
  }
  // Another rule about a person, or details missing: the server's words with the person named.
  return SUBJECT.test(c.message) ? c.message.replace(SUBJECT, person.full_name) : c.message
}
