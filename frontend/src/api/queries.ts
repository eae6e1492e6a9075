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
import { useEffect, useMemo, useRef } from 'react'
import { useDebounced } from '../lib/useDebounced.ts'
import { ApiError, api, listAll } from './client.ts'
import { keys, type AuditFilter } from './keys.ts'
import type {
  AgendaItem,
  AuditList,
  BilateralRequest,
  CheckResult,
  Conflict,
  Delegation,
  Meeting,
  MeetingWrite,
  Member,
  ProblemList,
  Proposal,
  ProposalList,
  Room,
  Summit,
  User,
  Venue,
  MyChanges,
  NoticeList,
  ReleaseChanges,
  ReleaseList,
} from './types.ts'

export { keys, type AuditFilter } from './keys.ts'
export * from './mutations.ts'
export * from './accreditation.ts'
export * from './hotels.ts'
export * from './transport.ts'

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
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null // none yet; gate staff may not read it
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

export function useRooms(enabled = true) {
  return useQuery({ queryKey: keys.rooms, queryFn: ({ signal }) => listAll<Room>('/rooms', {}, signal), enabled })
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

/**
 * useProblems reads every rule the programme now breaks (organisers and
 * admins only: enabled false for others). The live stream invalidates it on
 * problems.changed and on every meeting event.
 */
export function useProblems(enabled = true) {
  return useQuery({
    queryKey: keys.problems,
    queryFn: ({ signal }) => api<ProblemList>('GET', '/problems', { signal }),
    enabled,
    staleTime: 10_000,
  })
}

/** NOTICES_PAGE is how many notices one "Load more" adds. */
export const NOTICES_PAGE = 50

/**
 * useNotices reads the outbox newest first, a page at a time (organisers),
 * again every few seconds while the page is open, so that a notice's status
 * follows the sender.
 */
export function useNotices() {
  return useInfiniteQuery({
    queryKey: keys.notices,
    queryFn: ({ signal, pageParam }) => api<NoticeList>('GET', '/notices', { signal, query: { limit: NOTICES_PAGE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor || undefined,
    refetchInterval: 5_000,
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

/** CHECK_DELAY_MS: how long a meeting's body must stand still before it is checked. */
export const CHECK_DELAY_MS = 400

export type MeetingCheck = {
  /** the newest verdict, kept while the next one loads; null before the first, or when the last check failed */
  result: CheckResult | null
  /** a check is on its way */
  checking: boolean
  /** showConflicts shows the conflicts a refused save named as the verdict, until the next check answers */
  showConflicts: (conflicts: Conflict[]) => void
}

/**
 * useMeetingCheck checks a meeting's body against the rules as it is typed
 * (POST /meetings/check): once the body has stood still for CHECK_DELAY_MS,
 * one request; a request for a body that has since changed is aborted, so
 * only the newest answer counts. The previous verdict stays shown while the
 * next one loads. Nothing is checked until both times are set; an empty title
 * is checked as "…". meetingId names the meeting being edited (it does not
 * clash with itself).
 */
export function useMeetingCheck(body: MeetingWrite | null, meetingId = ''): MeetingCheck {
  const qc = useQueryClient()
  // A body is rebuilt on every keystroke: its JSON says whether it changed.
  const json = body?.starts_at && body.ends_at ? JSON.stringify({ ...body, title: body.title || '…' }) : null
  const settledJson = useDebounced(json, CHECK_DELAY_MS)
  const settled = useMemo(() => (settledJson ? (JSON.parse(settledJson) as MeetingWrite) : null), [settledJson])
  // The verdict shown: what a 422 leaves standing (written only by the check's answers and showConflicts).
  const verdict = useRef<CheckResult | null>(null)
  const queryKey = keys.meetingCheck(meetingId, settled)
  const query = useQuery({
    queryKey,
    queryFn: async ({ queryKey: [, id, checked], signal }) => {
      try {
        verdict.current = await api<CheckResult>('POST', '/meetings/check', {
          body: checked,
          query: id ? { meeting_id: id } : undefined,
          signal,
        })
      } catch (err) {
        if (signal.aborted) throw err // the body changed (or the dialog closed): this answer no longer counts
        // A 422 means the form is not complete yet (the save shows it at the fields): the last verdict
        // stands. Any other failure leaves no verdict.
        if (!(err instanceof ApiError && err.status === 422)) verdict.current = null
      }
      return verdict.current
    },
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    // A verdict depends on every other meeting: a body checked before is asked about again
    // when it comes back (its old verdict shows meanwhile), and only then: not on focus or reconnect.
    staleTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  })
  const result = query.data ?? null
  return {
    result,
    checking: query.isFetching,
    showConflicts: (conflicts) => {
      const shown: CheckResult = { conflicts, warnings: result?.warnings ?? [], suggestions: result?.suggestions ?? [] }
      verdict.current = shown
      qc.setQueryData(queryKey, shown)
    },
  }
}

/** isNotFound: the caller may not see it, or it does not exist (the server answers alike). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403)
}

/** useReleases lists the releases of the programme, newest first. */
export function useReleases() {
  return useQuery({
    queryKey: keys.allReleases,
    queryFn: ({ signal }) => api<ReleaseList>('GET', '/releases', { signal }).then((r) => r.items),
  })
}

/** useReleaseChanges reads what changed from release since to release n (0: nothing to read). */
export function useReleaseChanges(n: number, since: number) {
  return useQuery({
    queryKey: keys.releaseChanges(n, since),
    queryFn: ({ signal }) => api<ReleaseChanges>('GET', `/releases/${n}/changes`, { signal, query: { since } }),
    enabled: n > 0 && since > 0 && since < n,
    staleTime: Infinity, // a release never changes
  })
}

/**
 * useMyChanges reads what changed in the meetings the user may see since
 * they last marked the changes seen. The live stream refreshes it on every
 * meeting event.
 */
export function useMyChanges(enabled = true) {
  return useQuery({
    queryKey: keys.myChanges,
    queryFn: ({ signal }) => api<MyChanges>('GET', '/me/changes', { signal }),
    enabled,
  })
}
