// The HTTP client: the access token lives in memory only; the refresh token is
// the HttpOnly cookie the server sets. A 401 triggers one refresh (shared by
// every caller and, through a Web Lock, by every tab) and one retry.
import type { Problem, TokenPair } from './types.ts'

/** ApiError is a failed call: its status and, when the server sent one, the problem. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem | undefined
  constructor(status: number, problem: Problem | undefined, fallback: string) {
    super(problem?.detail || problem?.title || fallback)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }
  /** fieldErrors maps a field name to its message, from a 422's errors[]. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.problem?.errors ?? []) out[e.field] = out[e.field] ? `${out[e.field]}; ${e.message}` : e.message
    return out
  }
  get conflicts() {
    return this.problem?.conflicts ?? []
  }
}

type SessionListener = (pair: TokenPair | null) => void

let accessToken: string | null = null
let refreshing: Promise<TokenPair | null> | null = null
// Bumped by sign-in and sign-out: a refresh that started before answers too late to count.
let generation = 0
let refreshTimer: ReturnType<typeof setTimeout> | undefined
const listeners = new Set<SessionListener>()

/** onSession registers a listener for sign-in, refresh and sign-out. */
export function onSession(fn: SessionListener): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

export function getAccessToken(): string | null {
  return accessToken
}

const HINT_KEY = 'summit.session'

/** hasSessionHint: this browser signed in before and has not signed out (no secret, just a hint). */
export function hasSessionHint(): boolean {
  try {
    return window.localStorage.getItem(HINT_KEY) === '1'
  } catch {
    return true
  }
}

function setHint(on: boolean) {
  try {
    if (on) window.localStorage.setItem(HINT_KEY, '1')
    else window.localStorage.removeItem(HINT_KEY)
  } catch {
    /* storage blocked */
  }
}

function setSession(pair: TokenPair | null) {
  accessToken = pair?.access_token ?? null
  setHint(pair !== null)
  clearTimeout(refreshTimer)
  if (pair) {
    // Refresh a minute before the access token runs out (at most every 30 s).
    const ms = Math.max(30, pair.expires_in - 60) * 1000
    refreshTimer = setTimeout(() => void refreshSession(), ms)
  }
  for (const fn of listeners) fn(pair)
}

async function readProblem(res: Response): Promise<Problem | undefined> {
  const type = res.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return undefined
  try {
    return (await res.json()) as Problem
  } catch {
    return undefined
  }
}

async function doRefresh(): Promise<TokenPair | null> {
  const res = await fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin' })
  if (!res.ok) return null
  return (await res.json()) as TokenPair
}

/**
 * refreshSession trades the refresh cookie for a new pair. Concurrent callers
 * share one request: a refresh token works once, and reusing one ends the session.
 */
export function refreshSession(): Promise<TokenPair | null> {
  if (!refreshing) {
    const gen = generation
    const run = async () => {
      try {
        const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
        const pair = locks ? await locks.request('summit-refresh', doRefresh) : await doRefresh()
        if (gen !== generation) return null
        setSession(pair)
        return pair
      } catch {
        if (gen === generation) setSession(null)
        return null
      } finally {
        if (gen === generation) refreshing = null
      }
    }
    refreshing = run()
  }
  return refreshing
}

/** signIn posts the credentials; the server also sets the refresh cookie. */
export async function signIn(email: string, password: string): Promise<TokenPair> {
  generation++
  refreshing = null
  const res = await fetch('/api/v1/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new ApiError(res.status, await readProblem(res), `HTTP ${res.status}`)
  const pair = (await res.json()) as TokenPair
  setSession(pair)
  return pair
}

/**
 * adoptSession takes a pair the server issued outside sign-in (a password
 * change ends every session and answers with a new pair; the server has set
 * its refresh cookie already). A refresh still in flight no longer counts.
 */
export function adoptSession(pair: TokenPair): void {
  generation++
  refreshing = null
  setSession(pair)
}

/** signOut ends the session on the server (the cookie is cleared) and forgets the token. */
export async function signOut(): Promise<void> {
  generation++
  refreshing = null
  accessToken = null
  try {
    await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' })
  } finally {
    setSession(null)
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>

export type RequestOptions = {
  body?: unknown
  /** a file sent as the body as it is (an import), with its media type */
  file?: { data: Blob; type: string } | undefined
  query?: Query | undefined
  ifMatch?: number | undefined
  idempotencyKey?: string | undefined
  signal?: AbortSignal | undefined
}

/** withQuery appends the defined query parameters to a path. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v))
  const s = qs.toString()
  return s ? `${path}?${s}` : path
}

/** authFetch sends a request with the Bearer token, refreshing and retrying once on 401. */
export async function authFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const headers = new Headers(init.headers)
    if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`)
    return fetch(url, { ...init, headers, credentials: 'same-origin' })
  }
  if (!accessToken && refreshing) await refreshing
  let res = await send()
  if (res.status === 401) {
    const pair = await refreshSession()
    if (pair) res = await send()
  }
  return res
}

/** api calls /api/v1 + path and returns the JSON answer (undefined for 204). */
export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (opts.ifMatch !== undefined) headers['If-Match'] = `"${opts.ifMatch}"`
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey
  const init: RequestInit = { method, headers }
  if (opts.body !== undefined) init.body = JSON.stringify(opts.body)
  if (opts.file) {
    headers['Content-Type'] = opts.file.type
    init.body = opts.file.data
  }
  if (opts.signal) init.signal = opts.signal
  const res = await authFetch(withQuery(`/api/v1${path}`, opts.query), init)
  if (!res.ok) throw new ApiError(res.status, await readProblem(res), `HTTP ${res.status}`)
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

type Page<T> = { items: T[]; next_cursor?: string }

/** listAll follows next_cursor until the last page (500 a page). */
export async function listAll<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  for (let i = 0; i < 100; i++) {
    const opts: RequestOptions = { query: { ...query, limit: 500, cursor } }
    if (signal) opts.signal = signal
    const page = await api<Page<T>>('GET', path, opts)
    out.push(...page.items)
    if (!page.next_cursor) break
    cursor = page.next_cursor
  }
  return out
}

/** newKey makes an Idempotency-Key. */
export function newKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID()
  return `${Date.now()}-${Math.random().toString(36).slice(2)}`
}
