// Accommodation (CONTRACT section 15): the blocks of rooms hotels hold for
// delegations. Members' rooms and nights are saved with the member
// (useSaveMember); these hooks read and write the blocks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, listAll } from './client.ts'
import { keys } from './keys.ts'
import type { Then, Versioned } from './mutations.ts'
import type { HotelBlock, HotelBlockWrite } from './types.ts'

const enc = encodeURIComponent

/** useHotelBlocks reads every block the user may see: organisers all, a delegate its delegation's. */
export function useHotelBlocks(enabled = true) {
  return useQuery({ queryKey: keys.hotelBlocks, queryFn: ({ signal }) => listAll<HotelBlock>('/hotel-blocks', {}, signal), enabled })
}

export type SaveBlock = { hotelId: string; block: Versioned | null; body: HotelBlockWrite }

export function useSaveHotelBlock(then: Then<HotelBlock, SaveBlock> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ hotelId, block, body }: SaveBlock) =>
      block
        ? api<HotelBlock>('PATCH', `/hotels/${enc(hotelId)}/blocks/${enc(block.id)}`, { ifMatch: block.version, body })
        : api<HotelBlock>('POST', `/hotels/${enc(hotelId)}/blocks`, { body }),
    onSuccess: (saved, vars) => {
      void qc.invalidateQueries({ queryKey: keys.hotelBlocks })
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

export function useDeleteHotelBlock(then: Then<void, HotelBlock> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (b: HotelBlock) => api<void>('DELETE', `/hotels/${enc(b.hotel_venue_id)}/blocks/${enc(b.id)}`, { ifMatch: b.version }),
    onSuccess: (_, b) => {
      void qc.invalidateQueries({ queryKey: keys.hotelBlocks })
      then.onSuccess?.(undefined, b)
    },
    onError: (error, b) => then.onError?.(error, b),
  })
}
