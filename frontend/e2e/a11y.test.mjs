// Accessibility: axe-core's WCAG 2.1 A/AA rules on the main pages, for each
// role, in light and dark colour schemes. (The context bypasses the CSP only
// so that axe itself can be injected.)
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { describe, test } from 'node:test'
import { ACCOUNTS, openPage, signIn, useSummit } from './harness.mjs'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** audit runs axe on the page and returns its violations as readable lines. */
async function audit(page, name) {
  await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }),
  )
  return result.violations.map(
    (v) => `${name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  )
}

describe('accessibility', () => {
  const summit = useSummit()

  for (const colorScheme of ['light', 'dark']) {
    test(`organiser pages and the meeting dialog pass axe (${colorScheme})`, async () => {
      const { context, page } = await openPage(summit.browser, summit.baseURL, undefined, { bypassCSP: true, colorScheme })
      try {
        await page.goto('/')
        await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
        const found = await audit(page, 'sign-in')
        await signIn(page, ...ACCOUNTS.admin)
        for (const [path, ready] of [
          ['/planning/board', '.board .block'],
          ['/requests', 'tbody tr'],
          ['/planning/scheduler', 'form'],
          ['/problems', '.problems-empty'],
          ['/releases', '#releases-list'],
          ['/delegations', 'tbody tr'],
          ['/venues', 'tbody tr'],
          ['/transport', '.timeline__row'],
          ['/hotels', '.section-head'],
          ['/admin/users', 'tbody tr'],
          ['/summit', 'form'],
          ['/audit', 'tbody tr'],
          ['/account', 'form'],
        ]) {
          await page.goto(path)
          await page.locator(ready).first().waitFor()
          found.push(...(await audit(page, path)))
        }
        await page.goto('/planning/board')
        await page.locator('.board .block').first().click()
        await page.getByRole('dialog').getByRole('region', { name: /Rules/ }).waitFor()
        found.push(...(await audit(page, 'meeting dialog')))
        // Running late, with its preview.
        await page.keyboard.press('Escape')
        await page.getByRole('button', { name: /^Running late in / }).first().click()
        await page.getByRole('dialog').getByRole('region', { name: /Rules/ }).waitFor()
        found.push(...(await audit(page, 'running late')))
        assert.deepEqual(found, [])
      } finally {
        await context.close()
      }
    })
  }

  test('delegate pages pass axe', async () => {
    const { context, page } = await openPage(summit.browser, summit.baseURL, undefined, { bypassCSP: true })
    try {
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.delegate)
      const found = []
      for (const [path, ready] of [
        ['/agenda', '.agenda-item'],
        ['/agenda?view=calendar', '.cal__item'],
        ['/delegation', 'tbody tr'],
        ['/requests', '.request'],
        ['/account', 'form'],
      ]) {
        await page.goto(path)
        await page.locator(ready).first().waitFor()
        found.push(...(await audit(page, path)))
      }
      assert.deepEqual(found, [])
    } finally {
      await context.close()
    }
  })
})
