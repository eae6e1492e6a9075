import { describe, expect, it } from 'vitest'
import { dayOf, fromLocalInput, offsetLabel, timeOf, toLocalInput, zonedToInstant } from './time.ts'

describe('time in the summit’s zone', () => {
  it('reads wall-clock times of Astana as UTC instants', () => {
    expect(zonedToInstant('2024-07-03', 12 * 60, 'Asia/Almaty').toISOString()).toBe('2024-07-03T07:00:00.000Z')
    expect(fromLocalInput('2024-07-04T09:30', 'Asia/Almaty')).toBe('2024-07-04T04:30:00Z')
    expect(toLocalInput('2024-07-04T04:30:00Z', 'Asia/Almaty')).toBe('2024-07-04T09:30')
  })
  it('names the offset', () => {
    const d = new Date('2024-07-03T07:00:00Z')
    expect(offsetLabel(d, 'Asia/Almaty')).toBe('UTC+5')
    expect(offsetLabel(d, 'Asia/Kolkata')).toBe('UTC+5:30')
    expect(offsetLabel(d, 'UTC')).toBe('UTC')
    expect(offsetLabel(d, 'America/New_York')).toBe('UTC−4')
  })
  it('handles a day that crosses midnight in UTC', () => {
    const d = new Date('2024-07-03T20:00:00Z') // 01:00 on 4 July in Astana
    expect(dayOf(d, 'Asia/Almaty')).toBe('2024-07-04')
    expect(timeOf(d, 'Asia/Almaty')).toBe('01:00')
  })
  it('keeps wall-clock time across a DST change', () => {
    expect(zonedToInstant('2024-03-31', 12 * 60, 'Europe/Berlin').toISOString()).toBe('2024-03-31T10:00:00.000Z')
    expect(zonedToInstant('2024-03-30', 12 * 60, 'Europe/Berlin').toISOString()).toBe('2024-03-30T11:00:00.000Z')
  })
})
