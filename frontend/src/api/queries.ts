// The query layer: every read of server state goes through these hooks
// (TanStack Query: cached, refetched on window focus, invalidated by the live
// stream), and every write through those of mutations.ts (re-exported here),
// each of which refreshes what it changed.
import {
  QueryClient,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { useEffect } from 'react'
import { ApiError, api, listAll } from './client.ts'
import { keys, type AuditFilter } from './keys.ts'
import type {
  AgendaItem,
  AuditList,
  BilateralRequest,
  Delegation,
  Meeting,
  Member,
  Proposal,
  ProposalList,
  Room,
  Summit,
  User,
  Venue,
} from './types.ts'

export { keys, type AuditFilter } from './keys.ts'
export * from './mutations.ts'

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

/** meetingQuery reads one meeting (for useMeeting, useMeetingsById and the live stream's fetches). */
export function meetingQuery(id: string) {
  return queryOptions({
    queryKey: keys.meeting(id),
    queryFn: ({ signal }) => api<Meeting>('GET', `/meetings/${encodeURIComponent(id)}`, { signal }),
  })
}

export function useMeeting(id: string | null) {
  return useQuery({ ...meetingQuery(id ?? ''), enabled: !!id })
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
  return useQueries({ queries: ids.map((id) => meetingQuery(id)) })
}

/** useMembersById reads members one by one (e.g. those a scheduler's reason names); kept for five minutes. */
export function useMembersById(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.member(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api<Member>('GET', `/members/${encodeURIComponent(id)}`, { signal }),
      staleTime: 5 * 60_000,
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

/**
 * useProposal polls a running proposal every 500 ms until it is ready. When
 * its status changes (it finishes, fails or is applied), the list of recent
 * proposals is read again, so that it says so at once.
 */
export function useProposal(id: string | null) {
  const qc = useQueryClient()
  const query = useQuery({
    queryKey: keys.proposal(id ?? ''),
    queryFn: ({ signal }) => api<Proposal>('GET', `/scheduler/proposals/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 500 : false),
  })
  const status = query.data?.status
  useEffect(() => {
    if (status) void qc.invalidateQueries({ queryKey: keys.proposals })
  }, [status, qc])
  return query
}

/** useProposals lists the latest proposals, polling every second while one of them runs. */
export function useProposals() {
  return useQuery({
    queryKey: keys.proposals,
    queryFn: ({ signal }) => api<ProposalList>('GET', '/scheduler/proposals', { signal }),
    refetchInterval: (q) => (q.state.data?.items.some((p) => p.status === 'running') ? 1000 : false),
  })
}

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
