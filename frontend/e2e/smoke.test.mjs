// The shell in a browser: served under the CSP, the sign-in page, deep links,
// a phone-sized screen.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, artifacts, openPage, signIn, useSummit } from './harness.mjs'

describe('Summit Planner in a browser, served by the summit binary', () => {
  const summit = useSummit()

  test('the sign-in page is served under the CSP and asks for an account', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      const res = await page.goto('/')
      assert.equal(res.status(), 200)
      const csp = res.headers()['content-security-policy'] ?? ''
      assert.match(csp, /script-src 'self'/, `the page must be served with the CSP, got ${JSON.stringify(csp)}`)
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
      assert.equal(await page.title(), 'Sign in · Summit Planner')
      await page.screenshot({ path: join(artifacts, 'sign-in.png'), fullPage: true })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('a deep link survives sign-in, and the session survives a reload (Secure cookie on 127.0.0.1)', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      const res = await page.goto('/requests')
      assert.equal(res.status(), 200, 'the server must answer an app path with index.html')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByRole('heading', { level: 2, name: 'Bilateral requests' }).waitFor()
      const cookies = await context.cookies()
      const refresh = cookies.find((c) => c.name === 'summit_refresh')
      assert.ok(refresh, 'the refresh cookie is stored')
      assert.equal(refresh.httpOnly, true)
      assert.equal(refresh.secure, true)
      assert.equal(refresh.path, '/api/v1/auth')
      assert.equal(await page.evaluate(() => document.cookie), '', 'no cookie is readable by scripts')

      await page.reload()
      await page.getByRole('heading', { level: 2, name: 'Bilateral requests' }).waitFor()
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('an unknown path shows the not-found view inside the app', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/no/such/page?x=1')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByRole('heading', { level: 2, name: 'Not found' }).waitFor()
      await page.getByText('/no/such/page?x=1', { exact: true }).waitFor()
      await page.getByRole('link', { name: 'Go to the start page' }).click()
      await page.getByRole('heading', { level: 2, name: /My agenda/ }).waitFor()
      assert.equal(new URL(page.url()).pathname, '/')
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('a phone-sized screen does not scroll sideways', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 })
    try {
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByText('Talks: Kazakhstan – China').waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`)
      await page.screenshot({ path: join(artifacts, 'agenda-phone.png'), fullPage: true })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('every organiser page fits a phone screen', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 })
    try {
      await page.goto('/planning/board')
      await signIn(page, ...ACCOUNTS.admin)
      await page.locator('.board .block').first().waitFor()
      await page.screenshot({ path: join(artifacts, 'board-phone.png'), fullPage: true })
      for (const [path, ready] of [
        ['/planning/board', '.board .block'],
        ['/agenda', 'h2'],
        ['/requests', 'tbody tr'],
        ['/planning/scheduler', 'form'],
        ['/delegations', 'tbody tr'],
        ['/venues', 'tbody tr'],
        ['/admin/users', 'tbody tr'],
      ]) {
        await page.goto(path)
        await page.locator(ready).first().waitFor()
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px on a phone`)
      }
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
})
