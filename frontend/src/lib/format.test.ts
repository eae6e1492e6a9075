import { describe, expect, it } from 'vitest'
import { makeFormat } from './format.ts'

const zoneName = (offset: string) => `Astana time (${offset})`

describe('formatting in the summit’s zone', () => {
  it('formats times, days and the zone label through Intl', () => {
    const f = makeFormat('en-GB', 'Asia/Almaty', zoneName, '2024-07-03')
    expect(f.time('2024-07-03T07:00:00Z')).toBe('12:00')
    expect(f.day('2024-07-03')).toBe('Wednesday, 3 July 2024')
    expect(f.zoneLabel).toBe('Astana time (UTC+5)')
    expect(makeFormat('ru-RU', 'Asia/Almaty', zoneName).day('2024-07-04')).toMatch(/четверг, 4 июля 2024/)
  })

  it('names Kazakh months even where Intl lacks them', () => {
    const f = makeFormat('kk-KZ', 'Asia/Almaty', zoneName)
    expect(f.day('2024-07-03')).toMatch(/шілде/)
    expect(f.dateTime('2024-07-03T04:30:00Z')).toMatch(/3 шіл.*2024.*09:30|2024.*3 шіл.*09:30/)
  })
})
