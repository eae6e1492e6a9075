import { describe, expect, it } from 'vitest'
import { translate, type Lang } from '../i18n/index.tsx'
import { makeFormat } from '../lib/format.ts'
import { describeMeetingEvent, type Slot } from './LiveUpdates.tsx'

const tr = (lang: Lang) => (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(lang, k, p)
const t = tr('en')
const f = makeFormat('en-GB', 'Asia/Almaty', (o) => o)
// 07:00Z is 12:00 in Astana.
const m: Slot = {
  title: 'Talks: China – Russia',
  version: 1,
  starts_at: '2024-07-03T07:00:00Z',
  ends_at: '2024-07-03T08:00:00Z',
  room_id: 'r1',
  room: 'Golden Hall',
}
const ev = { type: 'meeting.updated', id: 'm1', version: 2 }

describe('live change messages', () => {
  it('says old → new when a meeting moved, in the summit’s time zone, and who moved it', () => {
    const later = { ...m, starts_at: '2024-07-03T07:15:00Z', ends_at: '2024-07-03T08:15:00Z' }
    expect(describeMeetingEvent(ev, m, later, 'Aigerim', t, f)).toBe(
      'Meeting “Talks: China – Russia” was moved by Aigerim: 12:00–13:00 → 12:15–13:15.',
    )
    expect(describeMeetingEvent(ev, m, { ...m, room_id: 'r2', room: 'Oval Hall' }, 'another organiser', t, f)).toBe(
      'Meeting “Talks: China – Russia” was moved by another organiser to Oval Hall.',
    )
    expect(describeMeetingEvent(ev, m, { ...later, room_id: 'r2', room: 'Oval Hall' }, 'Aigerim', t, f)).toBe(
      'Meeting “Talks: China – Russia” was moved by Aigerim: 12:00–13:00 → 12:15–13:15, now in Oval Hall.',
    )
    // To another day: the days are named.
    const nextDay = { ...m, starts_at: '2024-07-04T07:00:00Z', ends_at: '2024-07-04T08:00:00Z' }
    expect(describeMeetingEvent(ev, m, nextDay, 'Aigerim', t, f)).toBe(
      'Meeting “Talks: China – Russia” was moved by Aigerim: Wed 3 Jul 12:00–13:00 → Thu 4 Jul 12:00–13:00.',
    )
    expect(describeMeetingEvent(ev, m, { ...m, title: 'Talks' }, 'Aigerim', t, f)).toBe('Meeting “Talks” was changed by Aigerim.')
  })

  it('says it in every language', () => {
    const later = { ...m, starts_at: '2024-07-03T07:15:00Z', ends_at: '2024-07-03T08:15:00Z' }
    expect(describeMeetingEvent(ev, m, later, 'Айгерим', tr('ru'), makeFormat('ru-RU', 'Asia/Almaty', (o) => o))).toBe(
      'Встречу «Talks: China – Russia» перенёс(ла) Айгерим: 12:00–13:00 → 12:15–13:15.',
    )
    expect(describeMeetingEvent(ev, m, { ...m, room_id: 'r2', room: 'Oval Hall' }, 'A', tr('zh'), f)).toBe(
      '会议“Talks: China – Russia”已被A改到Oval Hall。',
    )
    expect(describeMeetingEvent(ev, m, later, 'A', tr('kk'), f)).toBe(
      '«Talks: China – Russia» кездесуін A ауыстырды: 12:00–13:00 → 12:15–13:15.',
    )
  })

  it('says only that it changed when the old version is not known', () => {
    expect(describeMeetingEvent(ev, undefined, m, 'A', t, f)).toBe('Meeting “Talks: China – Russia” was changed by A.')
  })

  it('says nothing about a meeting it never knew', () => {
    expect(describeMeetingEvent({ type: 'meeting.deleted', id: 'x', version: 1 }, undefined, undefined, 'A', t, f)).toBeNull()
  })
})
