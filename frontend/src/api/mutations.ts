// The write hooks: every change the app makes to server state goes through one
// of these (re-exported by queries.ts), and each one refreshes, or updates in
// place, the cached reads it affects, by the keys of keys.ts. Components add
// only what the user sees (a toast, closing a dialog) through `then`, whose
// callbacks run after the hook's own, even when the component has gone.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import { rebaseChange } from '../lib/board.ts'
import { ApiError, adoptSession, api, newKey, type Query } from './client.ts'
import { keys } from './keys.ts'
import { OVERRIDABLE } from './types.ts'
import type {
  AllowRule,
  ApplyResult,
  ChangesSeen,
  BilateralRequest,
  BilateralRequestCreate,
  CheckResult,
  Delegation,
  DelegationWrite,
  FeedToken,
  Impact,
  ImportKind,
  ImportResult,
  Impacted,
  Meeting,
  MeetingItems,
  MeetingShift,
  MeetingShiftResult,
  MeetingWrite,
  MeUpdate,
  Member,
  MemberWrite,
  PasswordChange,
  Proposal,
  ProposalCreate,
  Notice,
  Release,
  Room,
  RoomWrite,
  Summit,
  SummitPut,
  TokenPair,
  User,
  UserCreate,
  UserPatch,
  Venue,
  VenueWrite,
} from './types.ts'

/** Then: what a component does after a write, once the hook has brought the cache up to date. */
export type Then<TData, TVars> = {
  onSuccess?: (data: TData, vars: TVars) => void
  onError?: (error: Error, vars: TVars) => void
}

/** Versioned: a record to change or delete, by id and the version it was read at (sent as If-Match). */
export type Versioned = { id: string; version: number }

const enc = encodeURIComponent

/** invalidate marks the queries under each key (or prefix) stale; those shown refetch. */
function invalidate(qc: QueryClient, ...queryKeys: readonly (readonly unknown[])[]) {
  for (const queryKey of queryKeys) void qc.invalidateQueries({ queryKey })
}

// ---------------------------------------------------------------- meetings

export type SaveMeeting = { meeting: Versioned | null; body: MeetingWrite }

/**
 * useSaveMeeting creates a meeting (POST, with an Idempotency-Key: the same
 * for the same body, so a retry books nothing twice) or changes one (PATCH
 * with If-Match). Refreshes every meeting list and agenda; after a 412 (someone
 * else changed it) the lists show their version.
 */
export function useSaveMeeting(then: Then<Meeting, SaveMeeting> = {}) {
  const qc = useQueryClient()
  const [idempotency] = useState(() => new Map<string, string>())
  return useMutation({
    mutationFn: ({ meeting, body }: SaveMeeting) => {
      if (meeting) return api<Meeting>('PATCH', `/meetings/${enc(meeting.id)}`, { ifMatch: meeting.version, body })
      const json = JSON.stringify(body)
      let key = idempotency.get(json)
      if (!key) {
        key = newKey()
        idempotency.set(json, key)
      }
      return api<Meeting>('POST', '/meetings', { body, idempotencyKey: key })
    },
    onSuccess: (saved, vars) => {
      qc.setQueryData(keys.meeting(saved.id), saved)
      invalidate(qc, keys.allMeetings, keys.allAgenda, keys.problems)
      // A meeting that holds a bilateral request makes it scheduled (CONTRACT section 10).
      if (vars.body.request_id) invalidate(qc, keys.requests, keys.request(vars.body.request_id))
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => {
      if (error instanceof ApiError && error.status === 412) invalidate(qc, keys.allMeetings)
      then.onError?.(error, vars)
    },
  })
}

/** useDeleteMeeting deletes a meeting (If-Match) and refreshes every meeting list and agenda. */
export function useDeleteMeeting(then: Then<void, Versioned> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (m: Versioned) => api<void>('DELETE', `/meetings/${enc(m.id)}`, { ifMatch: m.version }),
    onSuccess: (_, vars) => {
      invalidate(qc, keys.allMeetings, keys.allAgenda, keys.problems)
      then.onSuccess?.(undefined, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

/** useConfirmMeetings confirms draft meetings all at once, or none (POST /meetings/confirm). */
export function useConfirmMeetings(then: Then<MeetingItems, string[]> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (ids: string[]) => api<MeetingItems>('POST', '/meetings/confirm', { body: { meeting_ids: ids } }),
    onSuccess: (r, ids) => {
      for (const m of r.items) qc.setQueryData(keys.meeting(m.id), m)
      invalidate(qc, keys.allMeetings, keys.allAgenda, keys.problems)
      then.onSuccess?.(r, ids)
    },
    onError: (error, ids) => then.onError?.(error, ids),
  })
}

/**
 * useShiftMeetings is "running late" (POST /meetings/shift): a room's later
 * meetings of the day move by some minutes, all or none. With dry_run it only
 * answers what would move (or a 409 naming what would break) and nothing
 * cached changes; a real shift refreshes every meeting list and agenda.
 */
export function useShiftMeetings(then: Then<MeetingShiftResult, MeetingShift> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: MeetingShift) => api<MeetingShiftResult>('POST', '/meetings/shift', { body }),
    onSuccess: (r, body) => {
      if (!body.dry_run) {
        for (const m of r.moved) qc.setQueryData(keys.meeting(m.id), m)
        invalidate(qc, keys.allMeetings, keys.allAgenda)
      }
      then.onSuccess?.(r, body)
    },
    onError: (error, body) => then.onError?.(error, body),
  })
}

/** MeetingMove: where a move on the board puts a meeting. */
export type MeetingMove = { starts_at: string; ends_at: string; room_id?: string }

/** MoveOutcome: a move was saved, refused (the block went back), or dropped because one before it was refused. */
export type MoveOutcome = { status: 'moved'; meeting: Meeting } | { status: 'refused'; error: unknown } | { status: 'dropped' }

/** MoveQueue: the moves of one meeting on their way to the server, one at a time. */
type MoveQueue = {
  tail: Promise<void>
  /** moves queued or in flight */
  pending: number
  /** bumped when a move is refused: the moves queued behind it are dropped */
  epoch: number
  /** the last copy the server gave, to snap back to */
  confirmed: Meeting
  /** the newest version known */
  version: number
}

/**
 * useMoveMeeting gives the board's move function for the meeting list of
 * [from, to). A move shows at once (in the cached list); the moves of one
 * meeting go to the server one after another, each PATCH carrying the version
 * the previous one answered with (or a newer one the live stream brought), so
 * that pressing Alt+→ twice quickly, or dragging again before the first
 * answer, is not refused as stale. When one is refused, those queued behind
 * it (built on it) are dropped and the block returns to the last version the
 * server gave; after a 412 or 404 every meeting list is read again.
 */
export function useMoveMeeting(from: string, to: string) {
  const qc = useQueryClient()
  const queues = useRef(new Map<string, MoveQueue>())
  return useCallback(
    (m: Meeting, change: MeetingMove): Promise<MoveOutcome> => {
      const key = keys.meetings(from, to)
      const id = m.id
      let patch = change
      let queue = queues.current.get(id)
      if (queue) {
        // A move worked out on a copy the board had not yet redrawn: go on from the newest one.
        const shown = qc.getQueryData<Meeting[]>(key)?.find((x) => x.id === id)
        if (shown && shown !== m) patch = rebaseChange(m, shown, change)
      } else {
        // Nothing pending: m is the server's copy.
        queue = { tail: Promise.resolve(), pending: 0, epoch: 0, confirmed: m, version: m.version }
        queues.current.set(id, queue)
      }
      const q = queue
      const epoch = q.epoch
      q.pending++
      qc.setQueryData<Meeting[]>(key, (list) => list?.map((x) => (x.id === id ? { ...x, ...patch } : x)))
      const outcome = q.tail.then(async (): Promise<MoveOutcome> => {
        try {
          if (q.epoch !== epoch) return { status: 'dropped' } // an earlier move was refused; this one was built on it
          return { status: 'moved', meeting: await sendMove(qc, key, q, id, patch) }
        } catch (error) {
          q.epoch++
          qc.setQueryData<Meeting[]>(key, (list) => list?.map((x) => (x.id === id ? q.confirmed : x)))
          if (error instanceof ApiError && (error.status === 412 || error.status === 404)) invalidate(qc, keys.allMeetings)
          return { status: 'refused', error }
        } finally {
          q.pending--
          if (q.pending === 0 && queues.current.get(id) === q) queues.current.delete(id)
        }
      })
      q.tail = outcome.then(() => undefined)
      return outcome
    },
    [qc, from, to],
  )
}

async function sendMove(qc: QueryClient, key: readonly unknown[], queue: MoveQueue, id: string, patch: MeetingMove): Promise<Meeting> {
  // The newest version known: the last answer, or a newer one the live stream brought into the cache.
  const cached = qc.getQueryData<Meeting[]>(key)?.find((x) => x.id === id)
  const version = Math.max(queue.version, cached?.version ?? 0)
  const updated = await api<Meeting>('PATCH', `/meetings/${enc(id)}`, { ifMatch: version, body: patch })
  queue.version = Math.max(queue.version, updated.version)
  queue.confirmed = updated
  // Moves still queued keep the block where they put it; the version is the server's.
  const later = queue.pending > 1
  qc.setQueryData<Meeting[]>(key, (list) =>
    list?.map((x) => (x.id !== id ? x : later ? { ...updated, starts_at: x.starts_at, ends_at: x.ends_at, room_id: x.room_id } : updated)),
  )
  qc.setQueryData(keys.meeting(id), updated)
  invalidate(qc, keys.allAgenda, keys.problems)
  return updated
}

// --------------------------------------------------------------- scheduler

/** useCreateProposal starts the scheduler on a period (it answers at once, running); the recent list shows it. */
export function useCreateProposal(then: Then<Proposal, ProposalCreate> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: ProposalCreate) => api<Proposal>('POST', '/scheduler/proposals', { body }),
    onSuccess: (p, body) => {
      qc.setQueryData(keys.proposal(p.id), p)
      invalidate(qc, keys.proposals)
      then.onSuccess?.(p, body)
    },
    onError: (error, body) => then.onError?.(error, body),
  })
}

/**
 * useApplyProposal books a proposal's placements as draft meetings (with an
 * Idempotency-Key) and refreshes the meetings, agendas, requests (now
 * scheduled) and proposals.
 */
export function useApplyProposal(then: Then<ApplyResult, string> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api<ApplyResult>('POST', `/scheduler/proposals/${enc(id)}/apply`, { idempotencyKey: newKey() }),
    onSuccess: (r, id) => {
      invalidate(qc, keys.allMeetings, keys.allAgenda, keys.requests, keys.proposal(id), keys.proposals, keys.problems)
      then.onSuccess?.(r, id)
    },
    onError: (error, id) => then.onError?.(error, id),
  })
}

// ------------------------------------------------------ delegations, members

export type SaveDelegation = { delegation: Versioned | null; body: DelegationWrite }

function sendDelegation({ delegation: d, body }: SaveDelegation, query?: Query): Promise<Delegation & Impacted> {
  return d
    ? api<Delegation & Impacted>('PATCH', `/delegations/${enc(d.id)}`, { ifMatch: d.version, body, query })
    : api<Delegation>('POST', '/delegations', { body })
}

/** useSaveDelegation creates a delegation or changes one (only the fields given); the list and its page show it. */
export function useSaveDelegation(then: Then<Delegation, SaveDelegation> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (vars: SaveDelegation) => sendDelegation(vars),
    onSuccess: (saved, vars) => {
      const { impact: _, ...delegation } = saved as Delegation & Impacted
      qc.setQueryData(keys.delegation(saved.id), delegation)
      invalidate(qc, keys.delegations, keys.problems)
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

export function useDeleteDelegation(then: Then<void, Versioned> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (d: Versioned) => api<void>('DELETE', `/delegations/${enc(d.id)}`, { ifMatch: d.version }),
    onSuccess: (_, d) => {
      invalidate(qc, keys.delegations)
      then.onSuccess?.(undefined, d)
    },
    onError: (error, d) => then.onError?.(error, d),
  })
}

export type SaveMember = { delegationId: string; member: Versioned | null; body: MemberWrite }

function sendMember({ delegationId, member, body }: SaveMember, query?: Query): Promise<Member & Impacted> {
  return member
    ? api<Member & Impacted>('PATCH', `/members/${enc(member.id)}`, { ifMatch: member.version, body, query })
    : api<Member>('POST', `/delegations/${enc(delegationId)}/members`, { body })
}

function sendDeleteMember(m: Versioned, query?: Query) {
  // 204, or 200 with the impact
  return api<Impacted | undefined>('DELETE', `/members/${enc(m.id)}`, { ifMatch: m.version, query })
}

/**
 * useSaveMember adds a member to a delegation or changes one. Refreshes every
 * members list: the delegation's, and those the meeting dialog reads for
 * several delegations at once (a new head moves the head from the former one).
 */
export function useSaveMember(then: Then<Member, SaveMember> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (vars: SaveMember) => sendMember(vars),
    onSuccess: (saved, vars) => {
      invalidate(qc, keys.allMembers, keys.problems)
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

export function useDeleteMember(then: Then<void, Versioned> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (m: Versioned) => {
      await sendDeleteMember(m)
    },
    onSuccess: (_, m) => {
      invalidate(qc, keys.allMembers, keys.problems)
      then.onSuccess?.(undefined, m)
    },
    onError: (error, m) => then.onError?.(error, m),
  })
}

/**
 * useRotateFeedToken makes a new calendar feed URL for a delegation (the old
 * one stops working). Nothing cached changes: the API cannot read a feed URL back.
 */
export function useRotateFeedToken(then: Then<FeedToken, string> = {}) {
  return useMutation({
    mutationFn: (delegationId: string) => api<FeedToken>('POST', `/delegations/${enc(delegationId)}/feed-token`),
    onSuccess: (feed, delegationId) => then.onSuccess?.(feed, delegationId),
    onError: (error, delegationId) => then.onError?.(error, delegationId),
  })
}

// ----------------------------------------------------------- venues, rooms

export type SaveVenue = { venue: Versioned | null; body: VenueWrite }

function sendVenue({ venue: v, body }: SaveVenue, query?: Query): Promise<Venue & Impacted> {
  return v
    ? api<Venue & Impacted>('PATCH', `/venues/${enc(v.id)}`, { ifMatch: v.version, body, query })
    : api<Venue>('POST', '/venues', { body })
}

export function useSaveVenue(then: Then<Venue, SaveVenue> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (vars: SaveVenue) => sendVenue(vars),
    onSuccess: (saved, vars) => {
      invalidate(qc, keys.venues, keys.problems)
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

export function useDeleteVenue(then: Then<void, Versioned> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: Versioned) => api<void>('DELETE', `/venues/${enc(v.id)}`, { ifMatch: v.version }),
    onSuccess: (_, v) => {
      invalidate(qc, keys.venues)
      then.onSuccess?.(undefined, v)
    },
    onError: (error, v) => then.onError?.(error, v),
  })
}

export type SaveRoom = { venueId: string; room: Versioned | null; body: RoomWrite }

function sendRoom({ venueId, room: r, body }: SaveRoom, query?: Query): Promise<Room & Impacted> {
  return r
    ? api<Room & Impacted>('PATCH', `/rooms/${enc(r.id)}`, { ifMatch: r.version, body, query })
    : api<Room>('POST', `/venues/${enc(venueId)}/rooms`, { body })
}

/** useSaveRoom adds a room to a venue or changes one. */
export function useSaveRoom(then: Then<Room, SaveRoom> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (vars: SaveRoom) => sendRoom(vars),
    onSuccess: (saved, vars) => {
      invalidate(qc, keys.rooms, keys.problems)
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

export function useDeleteRoom(then: Then<void, Versioned> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (r: Versioned) => api<void>('DELETE', `/rooms/${enc(r.id)}`, { ifMatch: r.version }),
    onSuccess: (_, r) => {
      invalidate(qc, keys.rooms)
      then.onSuccess?.(undefined, r)
    },
    onError: (error, r) => then.onError?.(error, r),
  })
}

// ------------------------------------------------------------------ users

export type SaveUser = { user: null; body: UserCreate } | { user: Versioned; body: UserPatch }

/** useSaveUser creates an account or changes one (the admin's Users page). */
export function useSaveUser(then: Then<User, SaveUser> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (vars: SaveUser) =>
      vars.user === null
        ? api<User>('POST', '/users', { body: vars.body })
        : api<User>('PATCH', `/users/${enc(vars.user.id)}`, { ifMatch: vars.user.version, body: vars.body }),
    onSuccess: (saved, vars) => {
      invalidate(qc, keys.users)
      then.onSuccess?.(saved, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

export function useDeleteUser(then: Then<void, Versioned> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (u: Versioned) => api<void>('DELETE', `/users/${enc(u.id)}`, { ifMatch: u.version }),
    onSuccess: (_, u) => {
      invalidate(qc, keys.users)
      then.onSuccess?.(undefined, u)
    },
    onError: (error, u) => then.onError?.(error, u),
  })
}

/**
 * useUpdateMe changes the signed-in user's own name (PATCH /me). The session
 * shows it (the caller passes it to userChanged); an admin's user list is read again.
 */
export function useUpdateMe(then: Then<User, MeUpdate> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: MeUpdate) => api<User>('PATCH', '/me', { body }),
    onSuccess: (u, body) => {
      if (u.role === 'admin') invalidate(qc, keys.users)
      then.onSuccess?.(u, body)
    },
    onError: (error, body) => then.onError?.(error, body),
  })
}

/**
 * useChangePassword changes the signed-in user's password. Every other
 * session ends; this one goes on with the token pair the server answers with.
 */
export function useChangePassword(then: Then<TokenPair, PasswordChange> = {}) {
  return useMutation({
    mutationFn: (body: PasswordChange) => api<TokenPair>('POST', '/me/password', { body }),
    onSuccess: (pair, body) => {
      adoptSession(pair)
      then.onSuccess?.(pair, body)
    },
    onError: (error, body) => then.onError?.(error, body),
  })
}

// ----------------------------------------------------------------- requests

/**
 * useCreateRequest files a bilateral request. One Idempotency-Key for the
 * hook's lifetime (a dialog's): however often it is sent, one request is filed.
 */
export function useCreateRequest(then: Then<BilateralRequest, BilateralRequestCreate> = {}) {
  const qc = useQueryClient()
  const [key] = useState(newKey)
  return useMutation({
    mutationFn: (body: BilateralRequestCreate) => api<BilateralRequest>('POST', '/bilateral-requests', { body, idempotencyKey: key }),
    onSuccess: (r, body) => {
      invalidate(qc, keys.requests)
      then.onSuccess?.(r, body)
    },
    onError: (error, body) => then.onError?.(error, body),
  })
}

export type RequestAction = { id: string; action: 'accept' | 'decline' | 'withdraw' }

/** useRequestAction accepts or declines a request (the receiving side) or withdraws it (the requesting side). */
export function useRequestAction(then: Then<BilateralRequest, RequestAction> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, action }: RequestAction) =>
      action === 'withdraw'
        ? api<BilateralRequest>('DELETE', `/bilateral-requests/${enc(id)}`)
        : api<BilateralRequest>('POST', `/bilateral-requests/${enc(id)}/${action}`),
    onSuccess: (r, vars) => {
      invalidate(qc, keys.requests, keys.request(vars.id))
      then.onSuccess?.(r, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}

// ------------------------------------------------------------------ summit

/** SaveSummit: the settings, and the version they were read at (undefined: none set yet). */
export type SaveSummit = { body: SummitPut; version: number | undefined }

function sendSummit({ body, version }: SaveSummit, query?: Query) {
  return api<Summit & Impacted>('PUT', '/summit', { body, ifMatch: version, query })
}

/**
 * useSaveSummit sets the summit's settings (PUT /summit, If-Match). After a
 * 412 (someone else saved first) the settings are read again.
 */
export function useSaveSummit(then: Then<Summit, SaveSummit> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (vars: SaveSummit) => sendSummit(vars),
    onSuccess: (saved, vars) => {
      const { impact: _, ...s } = saved as Summit & Impacted
      invalidate(qc, keys.problems)
      qc.setQueryData(keys.summit, s)
      then.onSuccess?.(s, vars)
    },
    onError: (error, vars) => {
      if (error instanceof ApiError && error.status === 412) invalidate(qc, keys.summit)
      then.onError?.(error, vars)
    },
  })
}

// ------------------------------------------------------------ impact, problems

const DRY_RUN: Query = { dry_run: 1 }
const impactOf = (r: Impacted | undefined | void): Impact[] => r?.impact ?? []
const none = (): Promise<Impact[]> => Promise.resolve([])

/**
 * dryRun asks what a change to a delegation, member, room, venue or the
 * summit would break, before it is made (the same request with ?dry_run=1:
 * nothing is written). Creating something breaks nothing: no request.
 * Answers the impact, the problems the change would create.
 */
export const dryRun = {
  delegation: (v: SaveDelegation) => (v.delegation ? sendDelegation(v, DRY_RUN).then(impactOf) : none()),
  member: (v: SaveMember) => (v.member ? sendMember(v, DRY_RUN).then(impactOf) : none()),
  deleteMember: (m: Versioned) => sendDeleteMember(m, DRY_RUN).then(impactOf),
  venue: (v: SaveVenue) => (v.venue ? sendVenue(v, DRY_RUN).then(impactOf) : none()),
  room: (v: SaveRoom) => (v.room ? sendRoom(v, DRY_RUN).then(impactOf) : none()),
  summit: (v: SaveSummit) => sendSummit(v, DRY_RUN).then(impactOf),
}

/** meetingWrite is a meeting as a body to check: the fields a client sets. */
export function meetingWrite(m: Meeting): MeetingWrite {
  return {
    title: m.title,
    kind: m.kind,
    starts_at: m.starts_at,
    ends_at: m.ends_at,
    room_id: m.room_id,
    status: m.status,
    visibility: m.visibility,
    languages: m.languages,
    expected_attendance: m.expected_attendance,
    participants: m.participants,
    allow: m.allow.filter((r): r is AllowRule => (OVERRIDABLE as readonly string[]).includes(r)),
  }
}

/** FreeTimeOutcome: the meeting moved to the nearest free time, or there is none that day. */
export type FreeTimeOutcome = { status: 'moved'; before: Meeting; meeting: Meeting } | { status: 'none'; meeting: Meeting }

/**
 * useMoveToFreeTime moves a meeting to the nearest time at which it breaks no
 * rule: it reads the meeting, asks the check (POST /meetings/check) for it as
 * it is, and moves it (PATCH with If-Match of the version read) to the first
 * suggested time; none suggested, nothing changes.
 */
export function useMoveToFreeTime(then: Then<FreeTimeOutcome, string> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (id: string): Promise<FreeTimeOutcome> => {
      const m = await api<Meeting>('GET', `/meetings/${enc(id)}`)
      const check = await api<CheckResult>('POST', '/meetings/check', { body: meetingWrite(m), query: { meeting_id: m.id } })
      const s = check.suggestions?.[0]
      if (!s) return { status: 'none', meeting: m }
      const body = { starts_at: s.starts_at, ends_at: s.ends_at }
      const moved = await api<Meeting>('PATCH', `/meetings/${enc(m.id)}`, { ifMatch: m.version, body })
      return { status: 'moved', before: m, meeting: moved }
    },
    onSuccess: (r, id) => {
      if (r.status === 'moved') {
        qc.setQueryData(keys.meeting(id), r.meeting)
        invalidate(qc, keys.allMeetings, keys.allAgenda, keys.problems)
      }
      then.onSuccess?.(r, id)
    },
    onError: (error, id) => {
      invalidate(qc, keys.problems, keys.allMeetings)
      then.onError?.(error, id)
    },
  })
}

// ---------------------------------------------------------------- notices

/** useRetryNotice queues a notice again (POST /notices/{id}/retry) and refreshes the outbox. */
export function useRetryNotice(then: Then<Notice, Notice> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (n: Notice) => api<Notice>('POST', `/notices/${enc(n.id)}/retry`),
    onSuccess: (saved, n) => {
      invalidate(qc, keys.notices)
      then.onSuccess?.(saved, n)
    },
    onError: (error, n) => then.onError?.(error, n),
  })
}

// ---------------------------------------------------------------- releases

/** usePublishRelease freezes the confirmed programme as the next release (POST /releases) and refreshes the release lists. */
export function usePublishRelease(then: Then<Release, string> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (note: string) => api<Release>('POST', '/releases', { body: { note } }),
    onSuccess: (r, note) => {
      invalidate(qc, keys.allReleases, keys.myChanges)
      then.onSuccess?.(r, note)
    },
    onError: (error, note) => then.onError?.(error, note),
  })
}

/** useMarkChangesSeen marks the programme as the user now sees it as seen (POST /me/changes/seen). */
export function useMarkChangesSeen(then: Then<ChangesSeen, void> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => api<ChangesSeen>('POST', '/me/changes/seen'),
    onSuccess: (r) => {
      invalidate(qc, keys.myChanges)
      then.onSuccess?.(r, undefined)
    },
    onError: (error) => then.onError?.(error, undefined),
  })
}

// ---------------------------------------------------------------- import

export type ImportFile = { kind: ImportKind; file: File; dryRun: boolean }

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * spreadsheetType is the media type an import sends a file as, by its name
 * (a browser may call a CSV application/vnd.ms-excel); '' for a file that is
 * neither CSV nor XLSX.
 */
export function spreadsheetType(file: File): string {
  const name = file.name.toLowerCase()
  if (name.endsWith('.xlsx') || file.type === XLSX) return XLSX
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv'
  return ''
}

/**
 * useImportFile sends a spreadsheet to POST /import/{kind}: a dry run
 * answers the preview and writes nothing; a real import refreshes every
 * list it may have changed.
 */
export function useImportFile(then: Then<ImportResult, ImportFile> = {}) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ kind, file, dryRun }: ImportFile) =>
      api<ImportResult>('POST', `/import/${kind}`, {
        file: { data: file, type: spreadsheetType(file) },
        query: { dry_run: dryRun ? 1 : undefined },
      }),
    onSuccess: (r, vars) => {
      if (!vars.dryRun) {
        invalidate(qc, keys.delegations, ['delegation'], keys.allMembers, ['member'], keys.venues, keys.rooms, keys.problems, keys.allAgenda)
      }
      then.onSuccess?.(r, vars)
    },
    onError: (error, vars) => then.onError?.(error, vars),
  })
}
