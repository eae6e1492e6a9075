import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { makeQueryClient } from './api/queries.ts'
import { signOut } from './api/client.ts'
import { Root } from './Root.tsx'
import { delegation, fakeServer, summit, tokenPair, user } from './test/fakeServer.ts'

function visit(location: string) {
  window.history.replaceState(null, '', location)
  return render(<Root client={makeQueryClient()} />)
}

beforeEach(() => {
  window.scrollTo = vi.fn()
  window.localStorage.clear()
})

afterEach(async () => {
  cleanup()
  await act(async () => {
    await signOut().catch(() => {})
  })
  window.history.replaceState(null, '', '/')
  window.localStorage.clear()
})

const agendaItem = {
  meeting_id: 'm1',
  title: 'Talks: Kazakhstan – China',
  kind: 'bilateral',
  status: 'confirmed',
  visibility: 'participants',
  starts_at: '2024-07-03T07:00:00Z',
  ends_at: '2024-07-03T08:15:00Z',
  room_id: 'r1',
  room_name: 'Golden Hall',
  venue_id: 'v1',
  venue_name: 'Akorda',
  version: 1,
}

function delegateServer() {
  const me = user('delegate')
  return fakeServer({
    'POST /api/v1/auth/login': ({ body }) =>
      (body as { password: string }).password === 'right-password'
        ? { body: tokenPair(me) }
        : { status: 401, body: { type: 'x', title: 'Unauthorized', status: 401, detail: 'bad' } },
    'POST /api/v1/auth/refresh': () => ({ body: tokenPair(me) }),
    'POST /api/v1/auth/logout': () => ({ status: 204 }),
    'GET /api/v1/me': me,
    'GET /api/v1/summit': summit,
    'GET /api/v1/delegations': { items: [delegation('d-chn', 'CHN', 'China', 5)] },
    'GET /api/v1/agenda': { items: [agendaItem] },
    'GET /api/v1/stream': () => ({ status: 401, body: {} }),
  })
}

describe('signing in', () => {
  it('shows the sign-in form when there is no session, and says so when the password is wrong', async () => {
    const { calls } = delegateServer()
    visit('/agenda')
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy()
    expect(calls.some((c) => c.path === '/api/v1/auth/refresh')).toBe(false)

    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'delegate@summit.example' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong-password' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText('The email or the password is not right.')).toBeTruthy()
  })

  it('signs a delegate in and shows the delegate’s navigation and agenda in the summit’s time zone', async () => {
    delegateServer()
    visit('/agenda')
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'delegate@summit.example' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'right-password' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))

    const nav = await screen.findByRole('navigation', { name: 'Main' })
    expect(within(nav).getByRole('link', { name: 'My agenda' })).toBeTruthy()
    expect(within(nav).getByRole('link', { name: 'My delegation' })).toBeTruthy()
    expect(within(nav).queryByRole('link', { name: 'Planning board' })).toBeNull()
    expect(within(nav).queryByRole('link', { name: 'Users' })).toBeNull()
    expect(await screen.findByText('Talks: Kazakhstan – China')).toBeTruthy()
    // 07:00Z is 12:00 in Astana (UTC+5).
    expect(screen.getByText('12:00')).toBeTruthy()
    expect((await screen.findAllByText(/Astana time \(UTC\+5\)/)).length).toBeGreaterThan(0)
    expect(window.localStorage.getItem('summit.session')).toBe('1')
  })

  it('resumes the session on reload through the refresh cookie', async () => {
    const { calls } = delegateServer()
    window.localStorage.setItem('summit.session', '1')
    visit('/agenda')
    expect(await screen.findByText('Talks: Kazakhstan – China')).toBeTruthy()
    const refresh = calls.find((c) => c.path === '/api/v1/auth/refresh')
    expect(refresh?.init.body).toBeUndefined()
    const agenda = calls.find((c) => c.path === '/api/v1/agenda')
    expect(agenda?.url.searchParams.get('delegation_id')).toBe('d-chn')
    expect(new Headers(agenda?.init.headers).get('Authorization')).toBe('Bearer token-u-delegate')
  })

  it('refreshes once and retries a call that answered 401', async () => {
    const me = user('delegate')
    let agendaCalls = 0
    let refreshes = 0
    fakeServer({
      'POST /api/v1/auth/refresh': () => {
        refreshes++
        return { body: { ...tokenPair(me), access_token: `token-${refreshes}` } }
      },
      'GET /api/v1/summit': summit,
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/stream': () => ({ status: 401, body: {} }),
      'GET /api/v1/agenda': ({ init }) => {
        agendaCalls++
        const auth = new Headers(init.headers).get('Authorization')
        return auth === 'Bearer token-2' ? { body: { items: [agendaItem] } } : { status: 401, body: {} }
      },
    })
    window.localStorage.setItem('summit.session', '1')
    visit('/agenda')
    expect(await screen.findByText('Talks: Kazakhstan – China')).toBeTruthy()
    expect(refreshes).toBe(2)
    expect(agendaCalls).toBe(2)
  })

  it('says so when the session ends by itself (refresh refused)', async () => {
    const me = user('delegate')
    let refreshes = 0
    fakeServer({
      'POST /api/v1/auth/refresh': () =>
        ++refreshes === 1 ? { body: tokenPair(me) } : { status: 401, body: { type: 'x', title: 'Unauthorized', status: 401, detail: 'revoked' } },
      'GET /api/v1/summit': summit,
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/stream': () => ({ status: 401, body: {} }),
      'GET /api/v1/agenda': () => ({ status: 401, body: {} }),
    })
    window.localStorage.setItem('summit.session', '1')
    visit('/agenda')
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy()
  })

  it('signs out', async () => {
    const { calls } = delegateServer()
    window.localStorage.setItem('summit.session', '1')
    visit('/agenda')
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }))
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy()
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/auth/logout')).toBe(true)
    expect(window.localStorage.getItem('summit.session')).toBeNull()
  })
})

describe('navigation', () => {
  it('shows an admin every page, including users', async () => {
    const me = user('admin')
    fakeServer({
      'POST /api/v1/auth/refresh': () => ({ body: tokenPair(me) }),
      'GET /api/v1/summit': summit,
      'GET /api/v1/stream': () => ({ status: 401, body: {} }),
    })
    window.localStorage.setItem('summit.session', '1')
    visit('/nowhere/at/all')
    const nav = await screen.findByRole('navigation', { name: 'Main' })
    for (const name of ['Planning board', 'Agendas', 'Bilateral requests', 'Scheduler', 'Delegations', 'Venues and rooms', 'Users']) {
      expect(within(nav).getByRole('link', { name })).toBeTruthy()
    }
    expect(screen.getByRole('heading', { level: 2, name: 'Not found' })).toBeTruthy()
    expect(screen.getByText('/nowhere/at/all')).toBeTruthy()
    await waitFor(() => expect(document.title).toBe('Not found · Summit Planner'))
  })

  it('treats a page of another role as not found', async () => {
    delegateServer()
    window.localStorage.setItem('summit.session', '1')
    visit('/admin/users')
    expect(await screen.findByRole('heading', { level: 2, name: 'Not found' })).toBeTruthy()
  })
})
