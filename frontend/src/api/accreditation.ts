// Accreditation (CONTRACT section 15): access zones, badge categories,
// members' photos, badge PDFs and the check at the door. Reads and writes
// as hooks, like queries.ts and mutations.ts (which re-export these).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { ApiError, api, authFetch, listAll } from './client.ts'
import { keys } from './keys.ts'
import type { AccessAnswer, AccessZone, AccessZoneWrite, BadgeCategory, BadgeCategoryWrite, Member } from './types.ts'
import type { Then, Versioned } from './mutations.ts'

const enc = encodeURIComponent

export function useAccessZones(enabled = true) {
  return useQuery({ queryKey: keys.accessZones, queryFn: ({ signal }) => listAll<AccessZone>('/access-zones', {}, signal), enabled })
}

export function useBadgeCategories(enabled = true) {
  return useQuery({
    queryKey: keys.badgeCategories,
    queryFn: ({ signal }) => listAll<BadgeCategory>('/badge-categories', {}, signal),
    enabled,
  })
}

export type SaveZone = { zone: Versioned | null; body: AccessZoneWrite }

export function useSaveZone(then: Then<AccessZone, SaveZone> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ zone, body }: SaveZone) =>
      zone
        ? api<AccessZone>('PATCH', `/access-zones/${enc(zone.id)}`, { ifMatch: zone.version, body })
        : api<AccessZone>('POST', '/access-zones', { body }),
    onSuccess: (saved, vars) => {
      void qc.invalidateQueries({ queryKey: keys.accessZones })
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

export function useDeleteZone(then: Then<void, Versioned> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (z: Versioned) => api<void>('DELETE', `/access-zones/${enc(z.id)}`, { ifMatch: z.version }),
    onSuccess: (_, z) => {
      void qc.invalidateQueries({ queryKey: keys.accessZones })
      then.onSuccess?.(undefined, z)
    },
    onError: (error, z) => then.onError?.(error, z),
  })
}

export type SaveCategory = { category: Versioned | null; body: BadgeCategoryWrite }

export function useSaveCategory(then: Then<BadgeCategory, SaveCategory> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ category, body }: SaveCategory) =>
      category
        ? api<BadgeCategory>('PATCH', `/badge-categories/${enc(category.id)}`, { ifMatch: category.version, body })
        : api<BadgeCategory>('POST', '/badge-categories', { body }),
    onSuccess: (saved, vars) => {
      void qc.invalidateQueries({ queryKey: keys.badgeCategories })
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

export function useDeleteCategory(then: Then<void, Versioned> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (c: Versioned) => api<void>('DELETE', `/badge-categories/${enc(c.id)}`, { ifMatch: c.version }),
    onSuccess: (_, c) => {
      void qc.invalidateQueries({ queryKey: keys.badgeCategories })
      then.onSuccess?.(undefined, c)
    },
    onError: (error, c) => then.onError?.(error, c),
  })
}

/** useAccreditMember approves or rejects a member, or gives it a badge category (organisers). */
export function useAccreditMember(then: Then<Member, { member: Member; body: { accreditation?: Member['accreditation']; badge_category_id?: string | null } }> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ member, body }: { member: Member; body: { accreditation?: Member['accreditation']; badge_category_id?: string | null } }) =>
      api<Member>('PATCH', `/members/${enc(member.id)}`, { ifMatch: member.version, body }),
    onSuccess: (saved, vars) => {
      void qc.invalidateQueries({ queryKey: keys.allMembers })
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

/** ok throws the problem of an answer that is not 2xx. */
async function ok(res: Response): Promise<Response> {
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => undefined), `HTTP ${res.status}`)
  return res
}

/** useUploadPhoto sends a JPEG or PNG file as a member's photo (PUT /members/{id}/photo). */
export function useUploadPhoto(then: Then<Member, { member: Member; file: Blob }> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ member, file }: { member: Member; file: Blob }) => {
      const res = await authFetch(`/api/v1/members/${enc(member.id)}/photo`, {
        method: 'PUT',
        headers: { 'Content-Type': file.type || 'application/octet-stream' },
        body: file,
      })
      return (await (await ok(res)).json()) as Member
    },
    onSuccess: (saved, vars) => {
      void qc.invalidateQueries({ queryKey: keys.allMembers })
      void qc.invalidateQueries({ queryKey: ['photo', saved.id] })
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

/**
 * usePhotoUrl reads a member's photo with the session's token (an <img> cannot
 * send it) and gives it as an object URL, freed when no longer shown; null
 * while loading and for a member without a photo.
 */
export function usePhotoUrl(member: Pick<Member, 'id' | 'has_photo' | 'updated_at'>): string | null {
  const q = useQuery({
    queryKey: keys.photo(member.id, member.updated_at),
    queryFn: async ({ signal }) => URL.createObjectURL(await (await ok(await authFetch(`/api/v1/members/${enc(member.id)}/photo`, { signal }))).blob()),
    enabled: member.has_photo,
    staleTime: Infinity,
    gcTime: 60_000,
  })
  const url = member.has_photo ? (q.data ?? null) : null
  useEffect(() => () => void (url && setTimeout(() => URL.revokeObjectURL(url), 60_000)), [url])
  return url
}

/** downloadPdf fetches a badge PDF and opens it as a download under the server's file name. */
export async function downloadPdf(path: string): Promise<void> {
  const res = await ok(await authFetch(`/api/v1${path}`))
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'badges.pdf'
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function useRotateBadgeKey(then: Then<void, void> = {}) {
  return useMutation({
    mutationFn: () => api<void>('POST', '/badges/key/rotate'),
    onSuccess: () => then.onSuccess?.(undefined, undefined),
    onError: (error) => then.onError?.(error, undefined),
  })
}

/** useCheckAccess asks the server whether a badge opens a room (gate staff, organisers). */
export function useCheckAccess() {
  return useMutation({
    mutationFn: (body: { token: string; room_id: string }) => api<AccessAnswer>('POST', '/access/check', { body }),
  })
}
