// End-to-end smoke test: the real Go binary (with this app embedded) serving
// a fresh SQLite database with the demo summit, driven by Debian's Chromium.
//
//   make build && cd frontend && npm run e2e
//
// SUMMIT_BIN      the summit binary (default ../bin/summit, from frontend/)
// CHROMIUM_PATH   the browser (default /usr/bin/chromium: apt-get install chromium)
//
// Screenshots go to e2e/artifacts/.

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const summitBin = resolve(frontendDir, process.env.SUMMIT_BIN || '../bin/summit')
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const artifacts = join(frontendDir, 'e2e', 'artifacts')
const STARTUP_TIMEOUT_MS = 20_000
const DEEP_LINK = '/planning/board?day=2024-07-04'

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
class Summit {
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

describe('Summit Planner in a browser, served by the summit binary', () => {
  const summit = new Summit()
  /** @type {import('playwright-core').Browser | undefined} */
  let browser

  before(async () => {
    await mkdir(artifacts, { recursive: true })
    await summit.start()
    if (!existsSync(chromiumPath)) {
      throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH)`)
    }
    browser = await chromium.launch({
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
  })

  after(async () => {
    try {
      await browser?.close()
    } finally {
      await summit.stop()
    }
  })

  /**
   * openPage opens a page in a fresh context and records every console error
   * and uncaught exception (a CSP violation is logged as a console error).
   */
  async function openPage(viewport = { width: 1280, height: 800 }) {
    const context = await browser.newContext({ viewport, baseURL: summit.baseURL })
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    const errors = []
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
    })
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`))
    page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`))
    return { context, page, errors }
  }

  test('home page: title, subtitle, server ok, served under the CSP', async () => {
    const { context, page, errors } = await openPage()
    try {
      const res = await page.goto('/')
      assert.equal(res.status(), 200)
      const csp = res.headers()['content-security-policy'] ?? ''
      assert.match(csp, /script-src 'self'/, `the page must be served with the CSP, got ${JSON.stringify(csp)}`)

      await page.getByRole('heading', { level: 1, name: 'Summit Planner' }).waitFor()
      await page.getByText('Astana SCO Summit · 3–4 July 2024').waitFor()
      await page.getByText('Server: ok').waitFor()
      assert.equal(await page.title(), 'Summit Planner')
      assert.equal(await page.getByRole('link', { name: 'Open the API reference' }).getAttribute('href'), '/api/docs')
      await page.screenshot({ path: join(artifacts, 'home.png'), fullPage: true })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('home page on a phone', async () => {
    const { context, page, errors } = await openPage({ width: 390, height: 844 })
    try {
      await page.goto('/')
      await page.getByText('Server: ok').waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`)
      await page.screenshot({ path: join(artifacts, 'home-phone.png'), fullPage: true })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('a deep link gets the app (history fallback), which shows its not-found view', async () => {
    const { context, page, errors } = await openPage()
    try {
      const res = await page.goto(DEEP_LINK)
      assert.equal(res.status(), 200, 'the server must answer an unknown page path with index.html')
      await page.getByRole('heading', { level: 2, name: 'Page not found' }).waitFor()
      await page.getByText(DEEP_LINK, { exact: true }).waitFor()
      await page.getByRole('heading', { level: 1, name: 'Summit Planner' }).waitFor()
      await page.screenshot({ path: join(artifacts, 'not-found.png'), fullPage: true })

      // In-app navigation home, without a page load.
      await page.getByRole('link', { name: 'Go to the home page' }).click()
      await page.getByText('Server: ok').waitFor()
      assert.equal(new URL(page.url()).pathname, '/')
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('the API reference link opens the server’s docs', async () => {
    const { context, page, errors } = await openPage()
    try {
      await page.goto('/')
      const [res] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/docs'),
        page.getByRole('link', { name: 'Open the API reference' }).click(),
      ])
      assert.equal(res.status(), 200)
      await page.waitForLoadState('load')
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
})
