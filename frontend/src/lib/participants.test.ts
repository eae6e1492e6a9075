import { describe, expect, it } from 'vitest'
import type { Conflict, Meeting, Member } from '../api/types.ts'
import { translate } from '../i18n/index.tsx'
import { delegation, room, venue } from '../test/fakeServer.ts'
import { makeFormat } from './format.ts'
import { attendees, describeConflict, isAttending, normalise, toggleDelegation, toggleMember, travelMinutes, type ConflictContext } from './participants.ts'

function member(id: string, delegationId: string, fullName: string, isHead = false): Member {
  return {
    id,
    delegation_id: delegationId,
    full_name: fullName,
    position: '',
    is_head: isHead,
    accreditation: 'approved',
    badge_category_id: null,
    hotel_block_id: null,
    hotel_room: '',
    nights: null,
    has_photo: false,
    names: {},
    version: 1,
    created_at: '2024-06-01T00:00:00Z',
    updated_at: '2024-06-01T00:00:00Z',
  }
}

const xi = member('p-xi', 'd-chn', 'Xi Jinping', true)
const wang = member('p-wang', 'd-chn', 'Wang Yi')
const china = [xi, wang]

describe('participants', () => {
  it('adds a delegation for its head and removes it with its people', () => {
    let parts = toggleDelegation([], 'd-chn', true)
    expect(parts).toEqual([{ delegation_id: 'd-chn' }])
    expect(isAttending(parts[0]!, xi)).toBe(true)
    expect(isAttending(parts[0]!, wang)).toBe(false)
    parts = toggleMember(parts, 'd-chn', wang, true, china)
    expect(parts).toEqual([{ delegation_id: 'd-chn', member_ids: ['p-xi', 'p-wang'] }])
    expect(toggleDelegation(parts, 'd-chn', false)).toEqual([])
  })

  it('starts from the head when the first person is ticked or unticked, and keeps the delegation’s order', () => {
    const only = toggleMember([{ delegation_id: 'd-chn' }], 'd-chn', xi, false, china)
    expect(only).toEqual([{ delegation_id: 'd-chn', member_ids: [] }])
    // Nobody named is the head, as the API reads it.
    expect(normalise(only)).toEqual([{ delegation_id: 'd-chn' }])
    expect(attendees(only[0]!, china)).toEqual([xi])
    const both = toggleMember(toggleMember(only, 'd-chn', wang, true, china), 'd-chn', xi, true, china)
    expect(both).toEqual([{ delegation_id: 'd-chn', member_ids: ['p-xi', 'p-wang'] }])
    expect(attendees(both[0]!, china).map((m) => m.full_name)).toEqual(['Xi Jinping', 'Wang Yi'])
  })

  it('reads travel times in either direction', () => {
    const venues = [{ ...venue('v1', 'Akorda'), travel_minutes: { v2: 10 } }, venue('v2', 'Palace')]
    expect(travelMinutes(venues, 'v1', 'v2')).toBe(10)
    expect(travelMinutes(venues, 'v2', 'v1')).toBe(10)
    expect(travelMinutes(venues, 'v1', 'v1')).toBeUndefined()
  })
})

describe('conflicts about a person', () => {
  const other: Meeting = {
    id: 'm-talks',
    title: 'Talks: Kazakhstan – China',
    kind: 'bilateral',
    starts_at: '2024-07-03T07:00:00Z',
    ends_at: '2024-07-03T08:15:00Z',
    room_id: 'r-gold',
    status: 'confirmed',
    visibility: 'participants',
    languages: [],
    expected_attendance: 0,
    participants: [],
    allow: [],
    request_id: null,
    version: 1,
    created_at: '2024-06-01T00:00:00Z',
    updated_at: '2024-06-01T00:00:00Z',
  }
  const ctx: ConflictContext = {
    meeting: { starts_at: '2024-07-03T08:20:00Z', ends_at: '2024-07-03T09:00:00Z', room_id: 'r-br1' },
    people: new Map(china.map((m) => [m.id, m])),
    delegations: [delegation('d-chn', 'CHN', 'China', 5)],
    meetings: new Map([[other.id, other]]),
    rooms: [room('r-gold', 'v-akorda', 'Golden Hall'), room('r-br1', 'v-palace', 'Bilateral Room 1')],
    venues: [{ ...venue('v-akorda', 'Akorda'), travel_minutes: { 'v-palace': 10 } }, venue('v-palace', 'Palace')],
  }
  const f = makeFormat('en-GB', 'Asia/Almaty', (o) => o)
  const t = (lang: 'en' | 'ru' | 'zh' | 'kk') => (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) => translate(lang, k, p)
  const busy: Conflict = {
    rule: 'member_overlap',
    message: 'A member of the China delegation is already attending “Talks: Kazakhstan – China” from 12:00 to 13:15, at the same time as this meeting.',
    meeting_id: 'm-talks',
    member_id: 'p-wang',
  }

  it('names the person, their delegation and the other meeting, in each language', () => {
    expect(describeConflict(busy, ctx, t('en'), f)).toBe('Wang Yi (China) is already in “Talks: Kazakhstan – China” from 12:00 to 13:15.')
    expect(describeConflict(busy, ctx, t('ru'), f)).toBe('Wang Yi (China) уже участвует во встрече «Talks: Kazakhstan – China» с 12:00 до 13:15.')
    expect(describeConflict(busy, ctx, t('zh'), f)).toContain('Wang Yi（China）')
    expect(describeConflict(busy, { ...ctx, meetings: new Map() }, t('en'), f)).toBe('Wang Yi (China) is already in another meeting at that time.')
  })

  it('says how long the person needs to travel, from the venues', () => {
    const travel: Conflict = {
      rule: 'travel_time',
      message: 'A member of the China delegation needs 10 minutes to travel from “Talks: Kazakhstan – China”, which ends at 13:15; this meeting starts at 13:20.',
      meeting_id: 'm-talks',
      member_id: 'p-xi',
    }
    expect(describeConflict(travel, ctx, t('en'), f)).toBe(
      'Xi Jinping (China) needs 10 min to get here from “Talks: Kazakhstan – China”, which ends at 13:15; this meeting starts at 13:20.',
    )
  })

  it('keeps the server’s words for conflicts about no one it knows', () => {
    const room: Conflict = { rule: 'room_overlap', message: 'Room Oval Hall is already booked.', room_id: 'r1' }
    expect(describeConflict(room, ctx, t('en'), f)).toBe(room.message)
    expect(describeConflict({ ...busy, member_id: 'p-unknown' }, ctx, t('en'), f)).toBe(busy.message)
  })
})
