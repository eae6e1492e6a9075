// The whole app, signed in as a user (through the refresh cookie), for page tests
// that need the session, the navigation and the route guards.
import { act, render } from '@testing-library/react'
import { signOut } from '../api/client.ts'
import { makeQueryClient } from '../api/queries.ts'
import type { User } from '../api/types.ts'
import { Root } from '../Root.tsx'
import { fakeServer, summit, tokenPair, type Handler } from './fakeServer.ts'

/** visitAs opens location as a signed-in user; routes add to (or replace) the session's own. */
export function visitAs(me: User, location: string, routes: Record<string, Handler | object> = {}) {
  window.localStorage.setItem('summit.session', '1')
  window.history.replaceState(null, '', location)
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => ({ body: tokenPair(me) }),
    'POST /api/v1/auth/logout': () => ({ status: 204 }),
    'GET /api/v1/me': me,
    'GET /api/v1/summit': summit,
    'GET /api/v1/stream': () => ({ status: 401, body: {} }),
    ...routes,
  })
  return { ...server, ...render(<Root client={makeQueryClient()} />) }
}

/** leave ends the module-level session between tests. */
export async function leave() {
  await act(async () => {
    await signOut().catch(() => {})
  })
  window.history.replaceState(null, '', '/')
  window.localStorage.clear()
}
