// End-to-end tests: the real Go binary (with this app embedded) serving a
// fresh SQLite database with the demo summit, driven by Debian's Chromium.
// One server for the file; each test opens its own browser context.
//
//   make build && cd frontend && npm run e2e
//
// SUMMIT_BIN      the summit binary (default ../bin/summit, from frontend/)
// CHROMIUM_PATH   the browser (default /usr/bin/chromium: apt-get install chromium)
//
// Screenshots go to e2e/artifacts/.

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { after, before } from 'node:test'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const summitBin = resolve(frontendDir, process.env.SUMMIT_BIN || '../bin/summit')
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const artifacts = join(frontendDir, 'e2e', 'artifacts')
const STARTUP_TIMEOUT_MS = 20_000

/** freePort asks the kernel for a port on the loopback interface that is free right now. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolvePort(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** A running `summit serve`, its base URL and the last of what it logged. */
export class Summit {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  proc
  baseURL = ''
  dataDir = ''
  log = ''
  exited = /** @type {Promise<void> | undefined} */ (undefined)
  exitStatus = /** @type {string | undefined} */ (undefined)

  async start() {
    if (!existsSync(summitBin)) {
      throw new Error(`summit binary not found at ${summitBin}: run \`make build\` in the repository root (or set SUMMIT_BIN)`)
    }
    this.dataDir = await mkdtemp(join(tmpdir(), 'summit-e2e-'))
    const addr = `127.0.0.1:${await freePort()}`
    this.baseURL = `http://${addr}`
    this.proc = spawn(summitBin, ['serve'], {
      env: {
        ...process.env,
        SUMMIT_ADDR: addr,
        SUMMIT_DATABASE_URL: `file:${join(this.dataDir, 'summit.db')}`,
        SUMMIT_DEMO: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const keep = (chunk) => {
      this.log = (this.log + chunk.toString()).slice(-8000)
    }
    this.proc.stdout.on('data', keep)
    this.proc.stderr.on('data', keep)
    this.exited = new Promise((resolveExit) => {
      this.proc.on('exit', (code, signal) => {
        this.exitStatus = signal ? `signal ${signal}` : `exit code ${code}`
        resolveExit()
      })
      this.proc.on('error', (err) => {
        this.exitStatus = `spawn error: ${err.message}`
        resolveExit()
      })
    })
    await this.waitHealthy()
  }

  async waitHealthy() {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS
    let last = 'no answer yet'
    while (Date.now() < deadline) {
      if (this.exitStatus) throw new Error(`summit serve stopped (${this.exitStatus}) before it was healthy:\n${this.log}`)
      try {
        const res = await fetch(`${this.baseURL}/healthz`, { signal: AbortSignal.timeout(2000) })
        if (res.status === 200) return
        last = `GET /healthz answered ${res.status}`
      } catch (err) {
        last = `GET /healthz failed: ${err.cause?.code ?? err.message}`
      }
      await sleep(200)
    }
    throw new Error(`summit serve was not healthy within ${STARTUP_TIMEOUT_MS / 1000} s (${last}):\n${this.log}`)
  }

  async stop() {
    if (this.proc && !this.exitStatus) {
      this.proc.kill('SIGTERM')
      let timer
      const stopped = await Promise.race([
        this.exited.then(() => true),
        new Promise((r) => (timer = setTimeout(r, 10_000, false))),
      ])
      clearTimeout(timer)
      if (!stopped) {
        this.proc.kill('SIGKILL')
        await this.exited
      }
    }
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true })
  }
}

/**
 * useSummit sets up what every e2e file shares, for the enclosing describe:
 * one `summit serve` on a fresh demo database and one Chromium, started
 * before its tests and stopped after them. It returns getters, read inside tests:
 *
 *   const summit = useSummit()
 *   test('…', async () => { const { page } = await openPage(summit.browser, summit.baseURL) })
 */
export function useSummit() {
  const server = new Summit()
  let browser

  before(async () => {
    await server.start()
    browser = await launchBrowser()
  })

  after(async () => {
    try {
      await browser?.close()
    } finally {
      await server.stop()
    }
  })

  return {
    /** The running server (its log, to explain a failure). */
    server,
    /** http://127.0.0.1:PORT of the server. */
    get baseURL() {
      return server.baseURL
    },
    /** The headless Chromium. */
    get browser() {
      return browser
    },
  }
}

/** launchBrowser starts headless Chromium. */
export async function launchBrowser() {
  await mkdir(artifacts, { recursive: true })
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH)`)
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * openPage opens a page in a fresh context and records every console error
 * and uncaught exception (a CSP violation is logged as a console error).
 */
export async function openPage(browser, baseURL, viewport = { width: 1280, height: 800 }, options = {}) {
  const context = await browser.newContext({ viewport, baseURL, locale: 'en-GB', ...options })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const errors = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`))
  page.on('requestfailed', (req) => {
    // The live stream is cut when a page closes or navigates; that is no failure.
    if (new URL(req.url()).pathname === '/api/v1/stream') return
    // A query the app cancelled itself (a newer fetch replaced it) is no failure either.
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && new URL(req.url()).pathname.startsWith('/api/')) return
    errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`)
  })
  return { context, page, errors }
}

export const ACCOUNTS = {
  admin: ['admin@summit.example', 'admin-demo-2024'],
  organiser: ['organiser@summit.example', 'organiser-demo-2024'],
  delegate: ['delegate@summit.example', 'delegate-demo-2024'],
}

/** signIn fills the sign-in form and waits for the main navigation. */
export async function signIn(page, email, password) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
}

/** apiToken signs in over the API (for test set-up) and returns an access token. */
export async function apiToken(baseURL, [email, password]) {
  const res = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new Error(`login ${email}: HTTP ${res.status}`)
  return (await res.json()).access_token
}

/** apiGet reads a JSON resource with a token. */
export async function apiGet(baseURL, token, path) {
  const res = await fetch(`${baseURL}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`)
  return res.json()
}

/** apiSend sends a JSON body with a token and returns the response. */
export async function apiSend(baseURL, token, method, path, body, headers = {}) {
  return fetch(`${baseURL}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

/** onlyUnexpected drops the console lines of answers a test provoked on purpose (e.g. a 404). */
export function onlyUnexpected(errors, ...statuses) {
  return errors.filter((e) => !statuses.some((s) => e.includes(`status of ${s}`)))
}
