// Ground transport (CONTRACT section 14): the motor pool, motorcades and the
// movements the server derives from the programme. Reads and writes as
// hooks, like queries.ts and mutations.ts (which re-export these).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, listAll } from './client.ts'
import { keys } from './keys.ts'
import type { Then, Versioned } from './mutations.ts'
import type { Motorcade, Movement, Vehicle, VehicleWrite } from './types.ts'

const enc = encodeURIComponent

export function useVehicles(enabled = true) {
  return useQuery({ queryKey: keys.vehicles, queryFn: ({ signal }) => listAll<Vehicle>('/vehicles', {}, signal), enabled })
}

/** useMotorcades reads every delegation's motorcade (organisers). */
export function useMotorcades(enabled = true) {
  return useQuery({ queryKey: keys.motorcades, queryFn: ({ signal }) => listAll<Motorcade>('/motorcades', {}, signal), enabled })
}

/** useMotorcade reads one delegation's motorcade (a delegate its own). */
export function useMotorcade(delegationId: string, enabled = true) {
  return useQuery({
    queryKey: keys.motorcade(delegationId),
    queryFn: ({ signal }) => api<Motorcade>('GET', `/delegations/${enc(delegationId)}/motorcade`, { signal }),
    enabled: enabled && !!delegationId,
  })
}

/** useMovements reads the movements of a day (date) and/or a delegation (delegation_id). */
export function useMovements(q: Record<string, string>, enabled = true) {
  return useQuery({ queryKey: keys.movements(q), queryFn: ({ signal }) => listAll<Movement>('/movements', q, signal), enabled })
}

export type SaveVehicle = { vehicle: Versioned | null; body: VehicleWrite }

/** invalidateTransport: what a change of the motor pool or a motorcade may change. */
function invalidateTransport(qc: ReturnType<typeof useQueryClient>) {
  for (const key of [keys.vehicles, keys.motorcades, keys.allMovements, keys.problems, keys.allAgenda]) void qc.invalidateQueries({ queryKey: key })
}

export function useSaveVehicle(then: Then<Vehicle, SaveVehicle> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ vehicle, body }: SaveVehicle) =>
      vehicle
        ? api<Vehicle>('PATCH', `/vehicles/${enc(vehicle.id)}`, { ifMatch: vehicle.version, body })
        : api<Vehicle>('POST', '/vehicles', { body }),
    onSuccess: (saved, vars) => {
      invalidateTransport(qc)
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

export function useDeleteVehicle(then: Then<void, Versioned> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: Versioned) => api<void>('DELETE', `/vehicles/${enc(v.id)}`, { ifMatch: v.version }),
    onSuccess: (_, v) => {
      invalidateTransport(qc)
      then.onSuccess?.(undefined, v)
    },
    onError: (error, v) => then.onError?.(error, v),
  })
}

export type SetMotorcade = { delegationId: string; vehicleIds: string[] }

export function useSetMotorcade(then: Then<Motorcade, SetMotorcade> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ delegationId, vehicleIds }: SetMotorcade) =>
      api<Motorcade>('PUT', `/delegations/${enc(delegationId)}/motorcade`, { body: { vehicle_ids: vehicleIds } }),
    onSuccess: (saved, vars) => {
      invalidateTransport(qc)
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}
