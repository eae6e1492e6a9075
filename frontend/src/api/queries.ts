// The query layer: every read of server state goes through these hooks
// (TanStack Query: cached, refetched on window focus, invalidated by the live stream).
import { QueryClient, keepPreviousData, useInfiniteQuery, useQueries, useQuery, type QueryKey } from '@tanstack/react-query'
import { ApiError, api, listAll } from './client.ts'
import type {
  AgendaItem,
  AuditList,
  BilateralRequest,
  Delegation,
  Meeting,
  Member,
  Proposal,
  Room,
  Summit,
  User,
  Venue,
} from './types.ts'

/** makeQueryClient: retries only what may succeed on a second try (never 4xx). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  })
}

export const keys = {
  me: ['me'] as const,
  summit: ['summit'] as const,
  delegations: ['delegations'] as const,
  delegation: (id: string) => ['delegation', id] as const,
  members: (delegationId: string) => ['members', delegationId] as const,
  membersOf: (delegationIds: readonly string[]) => ['members', 'of', delegationIds] as const,
  venues: ['venues'] as const,
  rooms: ['rooms'] as const,
  meetings: (from: string, to: string) => ['meetings', from, to] as const,
  meeting: (id: string) => ['meeting', id] as const,
  agenda: (q: Record<string, string>) => ['agenda', q] as const,
  requests: ['requests'] as const,
  request: (id: string) => ['request', id] as const,
  users: ['users'] as const,
  proposal: (id: string) => ['proposal', id] as const,
  audit: (q: AuditFilter) => ['audit', q] as const,
} satisfies Record<string, QueryKey | ((...a: never[]) => QueryKey)>

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: ({ signal }) => api<User>('GET', '/me', { signal }) })
}

/** useSummit reads the summit's settings; null while none are set (404), so that an unset summit is data, not an error every page refetches. */
export function useSummit() {
  return useQuery({
    queryKey: keys.summit,
    queryFn: ({ signal }) =>
      api<Summit>('GET', '/summit', { signal }).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null
        throw e
      }),
    staleTime: 5 * 60_000,
  })
}

export function useDelegations() {
  return useQuery({
    queryKey: keys.delegations,
    queryFn: ({ signal }) => listAll<Delegation>('/delegations', {}, signal),
  })
}

export function useDelegation(id: string | null | undefined) {
  return useQuery({
    queryKey: keys.delegation(id ?? ''),
    queryFn: ({ signal }) => api<Delegation>('GET', `/delegations/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  })
}

export function useMembers(delegationId: string | null | undefined) {
  return useQuery({
    queryKey: keys.members(delegationId ?? ''),
    queryFn: ({ signal }) =>
      listAll<Member>(`/delegations/${encodeURIComponent(delegationId ?? '')}/members`, {}, signal),
    enabled: !!delegationId,
  })
}

export function useVenues() {
  return useQuery({ queryKey: keys.venues, queryFn: ({ signal }) => listAll<Venue>('/venues', {}, signal) })
}

export function useRooms() {
  return useQuery({ queryKey: keys.rooms, queryFn: ({ signal }) => listAll<Room>('/rooms', {}, signal) })
}

/** useMeetings reads every meeting that overlaps [from, to). */
export function useMeetings(from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: keys.meetings(from, to),
    queryFn: ({ signal }) => listAll<Meeting>('/meetings', { from, to }, signal),
    enabled,
  })
}

export function useMeeting(id: string | null) {
  return useQuery({
    queryKey: keys.meeting(id ?? ''),
    queryFn: ({ signal }) => api<Meeting>('GET', `/meetings/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  })
}

/**
 * useMembersOf reads the members of several delegations with one call
 * (GET /members, cached per set of delegations), grouped by delegation. While
 * a changed set loads, the lists read before stay shown.
 */
export function useMembersOf(delegationIds: readonly string[]) {
  const ids = [...new Set(delegationIds)].sort()
  return useQuery({
    queryKey: keys.membersOf(ids),
    queryFn: async ({ signal }) => {
      const items: Member[] = []
      // The server takes at most 100 delegations a call.
      for (let i = 0; i < ids.length; i += 100) {
        const qs = new URLSearchParams(ids.slice(i, i + 100).map((id) => ['delegation_id', id]))
        items.push(...(await api<{ items: Member[] }>('GET', `/members?${qs}`, { signal })).items)
      }
      // By delegation, in the server's order (head first); every id asked for has a list.
      const byDelegation: Record<string, Member[]> = Object.fromEntries(ids.map((id) => [id, []]))
      for (const m of items) byDelegation[m.delegation_id]?.push(m)
      return byDelegation
    },
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
  })
}

/** useMeetingsById reads several meetings by id (e.g. those a conflict names); a hidden or absent one fails alone. */
export function useMeetingsById(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.meeting(id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<Meeting>('GET', `/meetings/${encodeURIComponent(id)}`, { signal }),
    })),
  })
}

export function useAgenda(q: Record<string, string>, enabled = true) {
  return useQuery({
    queryKey: keys.agenda(q),
    queryFn: ({ signal }) => listAll<AgendaItem>('/agenda', q, signal),
    enabled,
  })
}

export function useRequests(enabled = true) {
  return useQuery({
    queryKey: keys.requests,
    queryFn: ({ signal }) => listAll<BilateralRequest>('/bilateral-requests', {}, signal),
    enabled,
  })
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: keys.request(id),
    queryFn: ({ signal }) => api<BilateralRequest>('GET', `/bilateral-requests/${encodeURIComponent(id)}`, { signal }),
  })
}

export function useUsers(enabled = true) {
  return useQuery({ queryKey: keys.users, queryFn: ({ signal }) => listAll<User>('/users', {}, signal), enabled })
}

/** useProposal polls a running proposal every 500 ms until it is ready. */
export function useProposal(id: string | null) {
  return useQuery({
    queryKey: keys.proposal(id ?? ''),
    queryFn: ({ signal }) => api<Proposal>('GET', `/scheduler/proposals/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 500 : false),
  })
}

/** AuditFilter: the audit trail's filters (CONTRACT: entity_type, entity_id, actor_id); empty means any. */
export type AuditFilter = { entity_type?: string; entity_id?: string; actor_id?: string }

/** AUDIT_PAGE is how many entries one "Load more" adds. */
export const AUDIT_PAGE = 50

/** useAudit reads the audit trail newest first, a page at a time (follow with fetchNextPage). */
export function useAudit(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: keys.audit(filter),
    queryFn: ({ signal, pageParam }) =>
      api<AuditList>('GET', '/audit', { signal, query: { ...filter, limit: AUDIT_PAGE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor || undefined,
    staleTime: 0,
  })
}

/** isNotFound: the caller may not see it, or it does not exist (the server answers alike). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403)
}
