import { describe, expect, it } from 'vitest'
import type { Meeting } from '../api/types.ts'
import { translate } from '../i18n/index.tsx'
import { describeMeetingEvent } from './LiveUpdates.tsx'

const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('en', k, p)
const m = { id: 'm1', title: 'Talks', starts_at: '2024-07-03T07:00:00Z', ends_at: '2024-07-03T08:00:00Z', room_id: 'r1' } as Meeting

describe('live change messages', () => {
  it('says a meeting was moved when its time or room changed, and who moved it', () => {
    const ev = { type: 'meeting.updated', id: 'm1', version: 2 }
    expect(describeMeetingEvent(ev, m, { ...m, starts_at: '2024-07-03T07:30:00Z' }, 'Aigerim', t)).toBe(
      'Meeting “Talks” was moved by Aigerim.',
    )
    expect(describeMeetingEvent(ev, m, { ...m, title: 'Talks', room_id: 'r2' }, 'another organiser', t)).toBe(
      'Meeting “Talks” was moved by another organiser.',
    )
    expect(describeMeetingEvent(ev, m, { ...m }, 'Aigerim', t)).toBe('Meeting “Talks” was changed by Aigerim.')
  })
  it('says nothing about a meeting it never knew', () => {
    expect(describeMeetingEvent({ type: 'meeting.deleted', id: 'x', version: 1 }, undefined, undefined, 'A', t)).toBeNull()
  })
})
