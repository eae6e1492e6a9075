// How a hotel block and a member's stay read (CONTRACT section 15).
import type { HotelBlock, Member, Venue } from '../api/types.ts'
import type { useT } from '../i18n/index.tsx'
import type { Format } from './format.ts'
import { localName } from './names.ts'

type T = ReturnType<typeof useT>

/** nightsText: "3 Jul – 5 Jul", from the first night to the day of leaving. */
export function nightsText(from: string, to: string, fmt: Format): string {
  return `${fmt.dayShort(from)} – ${fmt.dayShort(to)}`
}

/** hotelName: the block's hotel in the reader's language. */
function hotelName(b: HotelBlock | undefined, venues: Venue[] | undefined, lang: string): string {
  return localName(venues?.find((v) => v.id === b?.hotel_venue_id), lang) || '…'
}

/** blockText: "Hilton Astana · 2 Jul – 5 Jul · 3 rooms". */
export function blockText(b: HotelBlock, venues: Venue[] | undefined, lang: string, fmt: Format, t: T): string {
  return `${hotelName(b, venues, lang)} · ${nightsText(b.from, b.to, fmt)} · ${t('hotels.roomsN', { n: b.rooms })}`
}

/** stayText: "Hilton Astana · 1204 · 3 Jul – 5 Jul", or a dash without a block. */
export function stayText(m: Member, blocks: HotelBlock[] | undefined, venues: Venue[] | undefined, lang: string, fmt: Format): string {
  if (!m.hotel_block_id) return '—'
  const b = blocks?.find((x) => x.id === m.hotel_block_id)
  const parts = [hotelName(b, venues, lang)]
  if (m.hotel_room) parts.push(m.hotel_room)
  if (m.nights) parts.push(nightsText(m.nights.from, m.nights.to, fmt))
  return parts.join(' · ')
}
