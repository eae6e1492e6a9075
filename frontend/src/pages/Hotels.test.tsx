import { describe, expect, it } from 'vitest'
import type { HotelBlock, Member } from '../api/types.ts'
import { peakRooms } from './Hotels.tsx'

const block = { id: 'b', from: '2024-07-02', to: '2024-07-05', rooms: 2 } as HotelBlock
const guest = (id: string, room: string, nights: Member['nights'] = null) => ({ id, hotel_room: room, nights }) as Member

describe('peakRooms', () => {
  it('counts a shared room once and a member without a room as a room of its own, on the fullest night', () => {
    expect(peakRooms(block, [])).toBe(0)
    expect(peakRooms(block, [guest('a', '1204'), guest('b', '1204')])).toBe(1)
    expect(peakRooms(block, [guest('a', '1204'), guest('b', ''), guest('c', '')])).toBe(3)
    // Nights that do not overlap do not add up; the day of leaving is not a night.
    expect(peakRooms(block, [guest('a', '1', { from: '2024-07-02', to: '2024-07-03' }), guest('b', '2', { from: '2024-07-03', to: '2024-07-05' })])).toBe(1)
  })
})
