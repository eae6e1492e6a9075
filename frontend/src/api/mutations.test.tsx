// The write hooks: what each one sends, and which cached reads it refreshes.
import { QueryClientProvider, type QueryClient, type QueryKey } from '@tanstack/react-query'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { delegation, fakeServer, json, room, summit, tokenPair, user, venue } from '../test/fakeServer.ts'
import { getAccessToken, signOut } from './client.ts'
import {
  keys,
  makeQueryClient,
  useApplyProposal,
  useChangePassword,
  useConfirmMeetings,
  useCreateProposal,
  useCreateRequest,
  useDeleteDelegation,
  useDeleteMeeting,
  useDeleteMember,
  useDeleteRoom,
  useDeleteUser,
  useDeleteVenue,
  useMoveMeeting,
  useRequestAction,
  useRotateFeedToken,
  useSaveDelegation,
  useSaveMeeting,
  useSaveMember,
  useSaveRoom,
  useSaveSummit,
  useSaveUser,
  useSaveVenue,
  useUpdateMe,
} from './queries.ts'
import type { Meeting } from './types.ts'
import { talks } from '../test/fixtures.ts'

afterEach(cleanup)

function wrapper(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
}


const FROM = '2024-07-02T19:00:00.000Z'
const TO = '2024-07-03T19:00:00.000Z'

/** Every kind of cached read, each with something in it. */
const SEEDED: QueryKey[] = [
  keys.me,
  keys.summit,
  keys.delegations,
  keys.delegation('d1'),
  keys.members('d1'),
  keys.membersOf(['d1', 'd2']),
  keys.member('p1'),
  keys.venues,
  keys.rooms,
  keys.meetings(FROM, TO),
  keys.meetings('2024-07-03T19:00:00.000Z', '2024-07-04T19:00:00.000Z'),
  keys.meeting('m1'),
  keys.agenda({ delegation_id: 'd1' }),
  keys.requests,
  keys.request('q1'),
  keys.users,
  keys.proposals,
  keys.proposal('p1'),
]

function seededClient() {
  const client = makeQueryClient()
  for (const key of SEEDED) client.setQueryData(key, { seeded: true })
  client.setQueryData(keys.meetings(FROM, TO), [talks])
  return client
}

/** invalidated lists the cached reads marked stale, as JSON for easy comparison. */
function invalidated(client: QueryClient): string[] {
  return client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => JSON.stringify(q.queryKey))
    .sort()
}
const asJson = (...list: QueryKey[]) => list.map((k) => JSON.stringify(k)).sort()

const problem = (status: number) => ({ status, body: { type: 'x', title: 'Problem', status, detail: `status ${status}` } })

type Case = {
  name: string
  /** the route the write goes to, and its answer */
  route: string
  answer?: { status?: number; body?: unknown }
  run: (client: QueryClient) => Promise<unknown>
  /** what is marked stale afterwards */
  stale: QueryKey[]
  ifMatch?: string
  idempotent?: boolean
}

/** mutate renders a write hook and runs one write with it to the end. */
async function mutate<V>(client: QueryClient, use: () => { mutateAsync: (v: V) => Promise<unknown> }, vars: V) {
  const { result } = renderHook(use, { wrapper: wrapper(client) })
  return act(() => result.current.mutateAsync(vars))
}

const dKaz = delegation('d-kaz', 'KAZ', 'Kazakhstan', 4)
const meetingsAndAgenda = [keys.meetings(FROM, TO), keys.meetings('2024-07-03T19:00:00.000Z', '2024-07-04T19:00:00.000Z'), keys.agenda({ delegation_id: 'd1' })]
const allMembers = [keys.members('d1'), keys.membersOf(['d1', 'd2'])]

const cases: Case[] = [
  {
    name: 'useSaveMeeting (create)',
    route: 'POST /api/v1/meetings',
    answer: { status: 201, body: { ...talks, id: 'm2', version: 1 } },
    run: (c) => mutate(c, () => useSaveMeeting(), { meeting: null, body: { title: 'New' } }),
    stale: meetingsAndAgenda,
    idempotent: true,
  },
  {
    name: 'useSaveMeeting (change)',
    route: 'PATCH /api/v1/meetings/m1',
    answer: { body: { ...talks, version: 4 } },
    run: (c) => mutate(c, () => useSaveMeeting(), { meeting: talks, body: { title: 'Renamed' } }),
    stale: meetingsAndAgenda,
    ifMatch: '"3"',
  },
  {
    name: 'useDeleteMeeting',
    route: 'DELETE /api/v1/meetings/m1',
    answer: { status: 204 },
    run: (c) => mutate(c, () => useDeleteMeeting(), talks),
    stale: [...meetingsAndAgenda],
    ifMatch: '"3"',
  },
  {
    name: 'useConfirmMeetings',
    route: 'POST /api/v1/meetings/confirm',
    answer: { body: { items: [talks] } },
    run: (c) => mutate(c, () => useConfirmMeetings(), ['m1']),
    stale: meetingsAndAgenda,
  },
  {
    name: 'useCreateProposal',
    route: 'POST /api/v1/scheduler/proposals',
    answer: { status: 202, body: { id: 'p2', status: 'running' } },
    run: (c) => mutate(c, () => useCreateProposal(), { from: FROM, to: TO, wait: false }),
    stale: [keys.proposals],
  },
  {
    name: 'useApplyProposal',
    route: 'POST /api/v1/scheduler/proposals/p1/apply',
    answer: { body: { meeting_ids: ['m2'] } },
    run: (c) => mutate(c, () => useApplyProposal(), 'p1'),
    stale: [...meetingsAndAgenda, keys.requests, keys.proposal('p1'), keys.proposals],
    idempotent: true,
  },
  {
    name: 'useSaveDelegation (create)',
    route: 'POST /api/v1/delegations',
    answer: { status: 201, body: dKaz },
    run: (c) => mutate(c, () => useSaveDelegation(), { delegation: null, body: { code: 'KAZ', name: 'Kazakhstan' } }),
    stale: [keys.delegations],
  },
  {
    name: 'useSaveDelegation (change)',
    route: 'PATCH /api/v1/delegations/d-kaz',
    answer: { body: { ...dKaz, version: 2 } },
    run: (c) => mutate(c, () => useSaveDelegation(), { delegation: dKaz, body: { hotel: 'Rixos' } }),
    stale: [keys.delegations],
    ifMatch: '"1"',
  },
  {
    name: 'useDeleteDelegation',
    route: 'DELETE /api/v1/delegations/d-kaz',
    answer: { status: 204 },
    run: (c) => mutate(c, () => useDeleteDelegation(), dKaz),
    stale: [keys.delegations],
    ifMatch: '"1"',
  },
  {
    name: 'useSaveMember (create)',
    route: 'POST /api/v1/delegations/d1/members',
    answer: { status: 201, body: { id: 'p2' } },
    run: (c) => mutate(c, () => useSaveMember(), { delegationId: 'd1', member: null, body: { full_name: 'Wang Yi' } }),
    stale: allMembers,
  },
  {
    name: 'useSaveMember (change)',
    route: 'PATCH /api/v1/members/p1',
    answer: { body: { id: 'p1' } },
    run: (c) => mutate(c, () => useSaveMember(), { delegationId: 'd1', member: { id: 'p1', version: 5 }, body: { is_head: true } }),
    stale: allMembers,
    ifMatch: '"5"',
  },
  {
    name: 'useDeleteMember',
    route: 'DELETE /api/v1/members/p1',
    answer: { status: 204 },
    run: (c) => mutate(c, () => useDeleteMember(), { id: 'p1', version: 5 }),
    stale: allMembers,
    ifMatch: '"5"',
  },
  {
    name: 'useRotateFeedToken',
    route: 'POST /api/v1/delegations/d1/feed-token',
    answer: { status: 201, body: { url: 'https://x/feed', webcal_url: 'webcal://x/feed' } },
    run: (c) => mutate(c, () => useRotateFeedToken(), 'd1'),
    stale: [],
  },
  {
    name: 'useSaveVenue',
    route: 'PATCH /api/v1/venues/v1',
    answer: { body: venue('v1', 'Akorda') },
    run: (c) => mutate(c, () => useSaveVenue(), { venue: venue('v1', 'Akorda'), body: { address: 'Astana' } }),
    stale: [keys.venues],
    ifMatch: '"1"',
  },
  {
    name: 'useDeleteVenue',
    route: 'DELETE /api/v1/venues/v1',
    answer: { status: 204 },
    run: (c) => mutate(c, () => useDeleteVenue(), venue('v1', 'Akorda')),
    stale: [keys.venues],
    ifMatch: '"1"',
  },
  {
    name: 'useSaveRoom (create)',
    route: 'POST /api/v1/venues/v1/rooms',
    answer: { status: 201, body: room('r2', 'v1', 'Golden Hall') },
    run: (c) => mutate(c, () => useSaveRoom(), { venueId: 'v1', room: null, body: { name: 'Golden Hall' } }),
    stale: [keys.rooms],
  },
  {
    name: 'useDeleteRoom',
    route: 'DELETE /api/v1/rooms/r1',
    answer: { status: 204 },
    run: (c) => mutate(c, () => useDeleteRoom(), room('r1', 'v1', 'Oval Hall')),
    stale: [keys.rooms],
    ifMatch: '"1"',
  },
  {
    name: 'useSaveUser (create)',
    route: 'POST /api/v1/users',
    answer: { status: 201, body: user('organiser') },
    run: (c) =>
      mutate(c, () => useSaveUser(), { user: null, body: { email: 'o@x', name: 'O', role: 'organiser', password: 'secret-secret' } }),
    stale: [keys.users],
  },
  {
    name: 'useSaveUser (change)',
    route: 'PATCH /api/v1/users/u-organiser',
    answer: { body: user('organiser') },
    run: (c) => mutate(c, () => useSaveUser(), { user: user('organiser'), body: { disabled: true } }),
    stale: [keys.users],
    ifMatch: '"1"',
  },
  {
    name: 'useDeleteUser',
    route: 'DELETE /api/v1/users/u-organiser',
    answer: { status: 204 },
    run: (c) => mutate(c, () => useDeleteUser(), user('organiser')),
    stale: [keys.users],
    ifMatch: '"1"',
  },
  {
    name: 'useUpdateMe (an admin: the user list shows the new name)',
    route: 'PATCH /api/v1/me',
    answer: { body: user('admin') },
    run: (c) => mutate(c, () => useUpdateMe(), { name: 'Demo admin' }),
    stale: [keys.users],
  },
  {
    name: 'useUpdateMe (a delegate)',
    route: 'PATCH /api/v1/me',
    answer: { body: user('delegate') },
    run: (c) => mutate(c, () => useUpdateMe(), { name: 'Demo delegate' }),
    stale: [],
  },
  {
    name: 'useCreateRequest',
    route: 'POST /api/v1/bilateral-requests',
    answer: { status: 201, body: { id: 'q2' } },
    run: (c) => mutate(c, () => useCreateRequest(), { to_delegation_id: 'd2', duration_minutes: 30, priority: 3 }),
    stale: [keys.requests],
    idempotent: true,
  },
  {
    name: 'useRequestAction (accept)',
    route: 'POST /api/v1/bilateral-requests/q1/accept',
    answer: { body: { id: 'q1' } },
    run: (c) => mutate(c, () => useRequestAction(), { id: 'q1', action: 'accept' }),
    stale: [keys.requests, keys.request('q1')],
  },
  {
    name: 'useRequestAction (decline)',
    route: 'POST /api/v1/bilateral-requests/q1/decline',
    answer: { body: { id: 'q1' } },
    run: (c) => mutate(c, () => useRequestAction(), { id: 'q1', action: 'decline' }),
    stale: [keys.requests, keys.request('q1')],
  },
  {
    name: 'useRequestAction (withdraw)',
    route: 'DELETE /api/v1/bilateral-requests/q1',
    answer: { body: { id: 'q1' } },
    run: (c) => mutate(c, () => useRequestAction(), { id: 'q1', action: 'withdraw' }),
    stale: [keys.requests, keys.request('q1')],
  },
  {
    name: 'useSaveSummit',
    route: 'PUT /api/v1/summit',
    answer: { body: { ...summit, version: 2 } },
    run: (c) => mutate(c, () => useSaveSummit(), { body: { ...summit }, version: 1 }),
    stale: [],
    ifMatch: '"1"',
  },
]

describe('each write hook', () => {
  it.each(cases)('$name sends its request and refreshes what it changed', async ({ route, answer, run, stale, ifMatch, idempotent }) => {
    const { calls } = fakeServer({ [route]: () => answer ?? {} })
    const client = seededClient()
    await run(client)
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([route])
    const headers = new Headers(calls[0]?.init.headers)
    expect(headers.get('If-Match')).toBe(ifMatch ?? null)
    expect(!!headers.get('Idempotency-Key')).toBe(!!idempotent)
    expect(invalidated(client)).toEqual(asJson(...stale))
  })
})

describe('the meeting writes', () => {
  it('useSaveMeeting keeps the saved meeting and books the same body with the same Idempotency-Key', async () => {
    const { calls } = fakeServer({ 'POST /api/v1/meetings': () => ({ status: 201, body: { ...talks, id: 'm2', version: 1 } }) })
    const client = seededClient()
    const { result } = renderHook(() => useSaveMeeting(), { wrapper: wrapper(client) })
    await act(() => result.current.mutateAsync({ meeting: null, body: { title: 'New' } }))
    await act(() => result.current.mutateAsync({ meeting: null, body: { title: 'New' } }))
    await act(() => result.current.mutateAsync({ meeting: null, body: { title: 'Other' } }))
    const key = (i: number) => new Headers(calls[i]?.init.headers).get('Idempotency-Key')
    expect(key(0)).toBeTruthy()
    expect(key(1)).toBe(key(0))
    expect(key(2)).not.toBe(key(0))
    expect(client.getQueryData(keys.meeting('m2'))).toMatchObject({ id: 'm2', version: 1 })
  })

  it('useSaveMeeting reads the meeting lists again after a 412, and hands the error on', async () => {
    fakeServer({ 'PATCH /api/v1/meetings/m1': () => problem(412) })
    const client = seededClient()
    const errors: unknown[] = []
    const { result } = renderHook(() => useSaveMeeting({ onError: (e) => errors.push(e) }), { wrapper: wrapper(client) })
    act(() => result.current.mutate({ meeting: talks, body: { title: 'Renamed' } }))
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(errors).toHaveLength(1)
    expect(invalidated(client)).toEqual(asJson(keys.meetings(FROM, TO), keys.meetings('2024-07-03T19:00:00.000Z', '2024-07-04T19:00:00.000Z')))
  })

  it('useSaveSummit reads the settings again after a 412 (someone saved first)', async () => {
    fakeServer({ 'PUT /api/v1/summit': () => problem(412) })
    const client = seededClient()
    const { result } = renderHook(() => useSaveSummit(), { wrapper: wrapper(client) })
    act(() => result.current.mutate({ body: { ...summit }, version: 1 }))
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(invalidated(client)).toEqual(asJson(keys.summit))
  })

  it('useCreateRequest sends one Idempotency-Key for the hook’s lifetime', async () => {
    const { calls } = fakeServer({ 'POST /api/v1/bilateral-requests': () => problem(422) })
    const client = seededClient()
    const { result } = renderHook(() => useCreateRequest(), { wrapper: wrapper(client) })
    await act(() => result.current.mutateAsync({ to_delegation_id: 'd2', duration_minutes: 30, priority: 3 }).catch(() => {}))
    await act(() => result.current.mutateAsync({ to_delegation_id: 'd2', duration_minutes: 45, priority: 3 }).catch(() => {}))
    const key = (i: number) => new Headers(calls[i]?.init.headers).get('Idempotency-Key')
    expect(key(0)).toBeTruthy()
    expect(key(1)).toBe(key(0))
    expect(invalidated(client)).toEqual([])
  })

  it('useChangePassword goes on with the pair the server answers', async () => {
    const me = user('organiser')
    fakeServer({
      'POST /api/v1/me/password': () => ({ body: { ...tokenPair(me), access_token: 'after-change' } }),
      'POST /api/v1/auth/logout': () => ({ status: 204 }),
    })
    const client = seededClient()
    await mutate(client, () => useChangePassword(), { current_password: 'old-password', new_password: 'new-password-1' })
    expect(getAccessToken()).toBe('after-change')
    await act(() => signOut())
  })
})

describe('useMoveMeeting', () => {
  /** A server that refuses a stale If-Match, and refuses the moves refuse() names. */
  function versioned(refuse: (n: number) => number | undefined = () => undefined) {
    let current = { ...talks }
    const seen: { body: unknown; ifMatch: string | null }[] = []
    const api = fakeServer({})
    api.fetchMock.mockImplementation(async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      const body = JSON.parse(String(init.body)) as Partial<Meeting>
      const ifMatch = new Headers(init.headers).get('If-Match')
      seen.push({ body, ifMatch })
      await new Promise((r) => setTimeout(r, 10))
      const status = refuse(seen.length)
      if (status) return json(status, { type: 'x', title: 'Problem', status, detail: 'refused' })
      if (ifMatch !== `"${current.version}"`) return json(412, { type: 'x', title: 'Stale', status: 412, detail: 'stale' })
      current = { ...current, ...body, version: current.version + 1 }
      return json(200, current)
    })
    return seen
  }

  it('shows moves at once and sends each with the version the one before answered', async () => {
    const seen = versioned()
    const client = seededClient()
    const { result } = renderHook(() => useMoveMeeting(FROM, TO), { wrapper: wrapper(client) })
    let first!: Promise<unknown>
    let second!: Promise<unknown>
    act(() => {
      first = result.current(talks, { starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:20:00Z' })
      // The second press works on the copy the board had not yet redrawn: it goes on from the first.
      second = result.current(talks, { starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:20:00Z' })
    })
    expect(client.getQueryData<Meeting[]>(keys.meetings(FROM, TO))?.[0]?.starts_at).toBe('2024-07-03T07:10:00Z')
    expect(await first).toMatchObject({ status: 'moved', meeting: { version: 4 } })
    expect(await second).toMatchObject({ status: 'moved', meeting: { version: 5, starts_at: '2024-07-03T07:10:00Z' } })
    expect(seen.map((s) => s.ifMatch)).toEqual(['"3"', '"4"'])
    expect(client.getQueryData<Meeting[]>(keys.meetings(FROM, TO))?.[0]).toMatchObject({ version: 5, starts_at: '2024-07-03T07:10:00Z' })
    expect(client.getQueryData(keys.meeting('m1'))).toMatchObject({ version: 5 })
    expect(invalidated(client)).toEqual(asJson(keys.agenda({ delegation_id: 'd1' })))
  })

  it('snaps back after a refusal, drops the moves built on it, and reads the lists again after a 412', async () => {
    const seen = versioned((n) => (n === 1 ? 412 : undefined))
    const client = seededClient()
    const { result } = renderHook(() => useMoveMeeting(FROM, TO), { wrapper: wrapper(client) })
    let first!: Promise<unknown>
    let second!: Promise<unknown>
    act(() => {
      first = result.current(talks, { starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:20:00Z' })
      second = result.current(talks, { starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:20:00Z', room_id: 'r2' })
    })
    expect(await first).toMatchObject({ status: 'refused', error: { status: 412 } })
    expect(await second).toEqual({ status: 'dropped' })
    expect(seen).toHaveLength(1)
    expect(client.getQueryData<Meeting[]>(keys.meetings(FROM, TO))?.[0]).toEqual(talks)
    expect(invalidated(client)).toEqual(asJson(keys.meetings(FROM, TO), keys.meetings('2024-07-03T19:00:00.000Z', '2024-07-04T19:00:00.000Z')))
  })
})
