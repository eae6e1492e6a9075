// Changes in words: an organiser moves a meeting of China through the API;
// the delegate's open agenda says old → new in a toast and highlights the
// entry until it is marked seen (a reload keeps it); the audit trail then
// tells the move in words and names ("Moved", "Room: Golden Hall → Oval Hall").
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiSend, apiToken, artifacts, openPage, signIn, useSummit } from './harness.mjs'

const TITLE = 'Talks: Kazakhstan – China'
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** axe runs axe-core's WCAG 2.1 A/AA rules on the page and returns its violations as readable lines. */
async function axe(page, name) {
  await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }))
  return result.violations.map((v) => `${name}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
}

describe('changes in words', () => {
  const summit = useSummit()

  /** move changes the meeting through the API as the organiser, with the version it has now. */
  async function move(token, id, patch) {
    const m = await apiGet(summit.baseURL, token, `/meetings/${id}`)
    const res = await apiSend(summit.baseURL, token, 'PATCH', `/meetings/${id}`, patch, { 'If-Match': `"${m.version}"` })
    assert.equal(res.status, 200, await res.text())
  }

  test('the delegate sees the organiser’s move as old → new, highlighted until seen; the audit trail tells it in words', async () => {
    const organiser = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const meetings = (await apiGet(summit.baseURL, organiser, '/meetings?from=2024-07-03T00:00:00Z&to=2024-07-04T00:00:00Z')).items
    const talks = meetings.find((m) => m.title === TITLE)
    const oval = (await apiGet(summit.baseURL, organiser, '/rooms')).items.find((r) => r.name === 'Oval Hall')
    assert.ok(talks && oval)

    // bypassCSP: axe is injected as a script.
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, undefined, { bypassCSP: true })
    try {
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByRole('heading', { level: 2, name: 'My agenda · China' }).waitFor()
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
      const entry = page.locator('.agenda-item', { hasText: TITLE })
      assert.match(await entry.innerText(), /12:00\s*–\s*13:15/)

      // 12:00–13:15 → 12:15–13:30 in Astana (UTC+5).
      await move(organiser, talks.id, { starts_at: '2024-07-03T07:15:00Z', ends_at: '2024-07-03T08:30:00Z' })
      const toast = page.getByTestId('toast').filter({ hasText: TITLE })
      await toast.waitFor()
      assert.equal(
        (await toast.locator('span').first().innerText()).trim(),
        `Meeting “${TITLE}” was moved by Aigerim Protocol (demo organiser): 12:00–13:15 → 12:15–13:30.`,
      )
      await entry.getByText('before: 12:00–13:15').waitFor()
      assert.match(await entry.innerText(), /12:15\s*–\s*13:30/)
      assert.match(await entry.getAttribute('class'), /agenda-item--changed/)
      await entry.getByText(`“${TITLE}” was changed since you last looked`).waitFor({ state: 'attached' })
      await entry.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(artifacts, 'words-toast.png') })

      // Then to another room at the same time.
      await move(organiser, talks.id, { room_id: oval.id })
      await page.getByTestId('toast').filter({ hasText: `was moved by Aigerim Protocol (demo organiser) to Oval Hall.` }).waitFor()
      await entry.getByText('Oval Hall').waitFor()
      // What it was before the first change not seen.
      await entry.getByText('before: 12:00–13:15, Golden Hall').waitFor()
      assert.deepEqual(await axe(page, 'highlighted agenda'), [])

      // A reload keeps the highlight; on a phone too.
      await page.setViewportSize({ width: 390, height: 844 })
      await page.reload()
      await entry.getByText('before: 12:00–13:15, Golden Hall').waitFor()
      await entry.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(artifacts, 'words-agenda-phone.png') })
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 390, `the agenda fits a phone, scrollWidth ${width}`)
      await page.getByRole('button', { name: 'Calendar' }).click()
      const cal = page.locator('.cal__item', { hasText: TITLE })
      await cal.locator('.chip--changed').waitFor()
      assert.deepEqual(await axe(page, 'highlighted calendar'), [])
      await page.setViewportSize({ width: 1280, height: 800 })
      await cal.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(artifacts, 'words-calendar.png') })
      await page.getByRole('button', { name: 'List' }).click()
      await entry.getByRole('button', { name: `Mark “${TITLE}” as seen` }).click()
      await entry.getByText('before:', { exact: false }).waitFor({ state: 'detached' })
      assert.doesNotMatch(await entry.getAttribute('class'), /agenda-item--changed/)
      await page.reload()
      await entry.waitFor()
      assert.equal(await entry.locator('.chip--changed').count(), 0, 'seen stays seen after a reload')
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }

    // The audit trail, as the organiser: words and names, not codes and ids.
    const audit = await openPage(summit.browser, summit.baseURL, { width: 1440, height: 900 })
    try {
      const { page } = audit
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.organiser)
      await page.goto('/audit')
      const table = page.getByRole('table', { name: 'Audit trail' })
      const rows = table.locator('tbody tr')
      await rows.first().waitFor()
      const roomMove = rows.filter({ hasText: 'Golden Hall' }).first()
      const text = await roomMove.innerText()
      assert.match(text, /You \(Aigerim Protocol \(demo organiser\)\)\s+Moved\s+Meeting\s+Talks: Kazakhstan – China/)
      assert.match(text, /Room: Golden Hall → Oval Hall/)
      assert.doesNotMatch(text, /room_id|[0-9a-f]{8}-[0-9a-f]{4}-/)
      const timeMove = rows.filter({ hasText: 'Starts:' }).first()
      assert.match(await timeMove.innerText(), /Starts: 3 Jul 2024, 12:00 → 3 Jul 2024, 12:15/)
      assert.match(await timeMove.innerText(), /Ends: 3 Jul 2024, 13:15 → 3 Jul 2024, 13:30/)
      await page.screenshot({ path: join(artifacts, 'words-audit.png') })
      await page.setViewportSize({ width: 390, height: 844 })
      await roomMove.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(artifacts, 'words-audit-phone.png') })
      assert.deepEqual(audit.errors, [])
    } finally {
      await audit.context.close()
    }
  })
})
