// Movements (CONTRACT section 14) in the reader's words: "Depart Hilton
// Astana 11:25 → Akorda, arrive 11:50", venues in the reader's language and
// times in the summit's zone.
import { useCallback } from 'react'
import { useVenues } from '../api/queries.ts'
import type { Movement } from '../api/types.ts'
import { useT } from '../i18n/index.tsx'
import { useFormat } from './format.ts'
import { useLocalName } from './names.ts'

/** useVenueName names a venue by id in the reader's language ("" while unknown). */
export function useVenueName(): (id: string) => string {
  const venues = useVenues().data
  const ln = useLocalName()
  return useCallback((id: string) => ln(venues?.find((v) => v.id === id)), [venues, ln])
}

/** useMovementTitle says a movement: where it departs and when, where it arrives and when. */
export function useMovementTitle(): (m: Movement) => string {
  const t = useT()
  const f = useFormat()
  const venue = useVenueName()
  return useCallback(
    (m: Movement) => t('transport.depart', { from: venue(m.from_venue_id), at: f.time(m.depart_at), to: venue(m.to_venue_id), arrive: f.time(m.arrive_at) }),
    [t, f, venue],
  )
}
