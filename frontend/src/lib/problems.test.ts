import { describe, expect, it } from 'vitest'
import { delegation, problem } from '../test/fakeServer.ts'
import { groupProblems, problemsByMeeting } from './problems.ts'

const kaz = delegation('d-kaz', 'KAZ', 'Kazakhstan', 1)
const chn = delegation('d-chn', 'CHN', 'China', 2)

describe('grouping the programme’s problems', () => {
  it('puts a meeting under each of its delegations, in protocol order, meetings by start, those of no delegation last', () => {
    const items = [
      problem('late', { starts_at: '2024-07-03T09:00:00Z', delegation_ids: ['d-chn'] }),
      problem('talks', { delegation_ids: ['d-kaz', 'd-chn'] }),
      problem('talks', { rule: 'room_capacity', delegation_id: undefined, delegation_ids: ['d-kaz', 'd-chn'] }),
      problem('hold', { delegation_ids: [] }),
    ]
    const groups = groupProblems(items, [chn, kaz])
    expect(groups.map((g) => g.delegation?.name ?? g.delegationId)).toEqual(['Kazakhstan', 'China', ''])
    expect(groups[0]?.meetings.map((m) => m.meeting_id)).toEqual(['talks'])
    expect(groups[1]?.meetings.map((m) => m.meeting_id)).toEqual(['talks', 'late'])
    // One entry per meeting, with every rule it breaks.
    expect(groups[1]?.meetings[0]?.problems.map((p) => p.rule)).toEqual(['delegation_presence', 'room_capacity'])
    expect(groups[2]?.meetings.map((m) => m.meeting_id)).toEqual(['hold'])
  })

  it('keeps a group for a delegation it cannot name, and nothing for no problems', () => {
    expect(groupProblems([problem('m', { delegation_ids: ['d-x'] })], [])[0]?.delegationId).toBe('d-x')
    expect(groupProblems([], [kaz])).toEqual([])
    expect(problemsByMeeting([problem('a'), problem('a', { rule: 'travel_time' })]).get('a')?.problems).toHaveLength(2)
  })
})
