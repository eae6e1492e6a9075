// Keeping the programme consistent: an organiser moves China's arrival later,
// is told first which meetings that breaks, saves anyway; a second organiser,
// on the board, sees the problems counted and marked live; the Problems page
// lists them under China, and "Move to the nearest free time" fixes one.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiToken, artifacts, openPage, signIn, useSummit } from './harness.mjs'

const BOARD = '/planning/board?day=2024-07-03'
const ARRIVAL = 'Arrival ceremony: Xi Jinping (China)'
const TALKS = 'Talks: Kazakhstan – China'

describe('problems in the programme', () => {
  const summit = useSummit()

  const badge = (page) => page.getByRole('link', { name: /^Meetings with problems: \d+$/ })
  const marked = (page) => page.locator('.board .block.block--problem')

  test('a later arrival is confirmed, counted and marked live, listed under China, and one meeting moved to a free time', async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    assert.deepEqual((await apiGet(summit.baseURL, token, '/problems')).items, [], 'the demo has no problems as shipped')

    // The second organiser watches the board.
    const watcher = await openPage(summit.browser, summit.baseURL, { width: 1440, height: 900 })
    const editor = await openPage(summit.browser, summit.baseURL, { width: 1280, height: 800 })
    const phone = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 }, { isMobile: true, hasTouch: true })
    try {
      const w = watcher.page
      await w.goto(BOARD)
      await signIn(w, ...ACCOUNTS.organiser)
      await w.locator(`.board .block[title^="${TALKS},"]`).waitFor()
      await w.getByRole('status').filter({ hasText: 'Live' }).waitFor()
      assert.equal(await badge(w).getAttribute('aria-label'), 'Meetings with problems: 0')
      assert.equal(await marked(w).count(), 0)

      // The first organiser moves China's arrival to 16:00 on 3 July (Astana time).
      const p = editor.page
      await p.goto('/delegations')
      await signIn(p, ...ACCOUNTS.organiser)
      await p.getByRole('button', { name: 'Edit China' }).click()
      const form = p.getByRole('dialog', { name: 'Edit delegation' })
      await form.getByLabel('Arrival').fill('2024-07-03T16:00')
      await form.getByRole('button', { name: 'Save' }).click()

      const confirm = p.getByRole('dialog', { name: 'This change breaks the programme' })
      await confirm.waitFor()
      await confirm.getByText('Meetings of China before its arrival or after its departure: 2').waitFor()
      await confirm.getByText(`${ARRIVAL} (Wed 3 Jul, 09:30)`, { exact: false }).waitFor()
      await confirm.getByText(`${TALKS} (Wed 3 Jul, 12:00)`, { exact: false }).waitFor()
      await confirm.getByText('The China delegation arrives on 3 July at 16:00, after this meeting starts.').first().waitFor()
      await p.screenshot({ path: join(artifacts, 'problems-confirm.png') })
      // Nothing saved yet.
      const chn = (await apiGet(summit.baseURL, token, '/delegations')).items.find((d) => d.code === 'CHN')
      assert.equal(chn.arrival_at, '2024-07-03T04:30:00Z')

      await confirm.getByRole('button', { name: 'Save anyway' }).click()
      const saved = Date.now()
      await p.getByText('Saved.').waitFor()
      assert.equal((await apiGet(summit.baseURL, token, `/delegations/${chn.id}`)).arrival_at, '2024-07-03T11:00:00Z')

      // Within about a second the watcher's header counts two meetings and the board marks them.
      await w.waitForFunction(
        () => document.querySelector('.problems-badge')?.getAttribute('aria-label') === 'Meetings with problems: 2',
        null,
        { timeout: 2500 },
      )
      const took = Date.now() - saved
      assert.ok(took < 2500, `the badge followed in ${took} ms`)
      await w.waitForFunction(() => document.querySelectorAll('.board .block.block--problem').length === 2)
      const talks = w.locator(`.board .block[title^="${TALKS},"]`)
      assert.match(await talks.getAttribute('aria-label'), /has problems: Delegation not in town$/)
      assert.equal(await talks.locator('.block__problem').innerText(), '⚠')
      await w.screenshot({ path: join(artifacts, 'problems-board.png') })
      await badge(w).screenshot({ path: join(artifacts, 'problems-badge.png') })

      // On a phone: the badge and the marks.
      const ph = phone.page
      await ph.goto(BOARD)
      await signIn(ph, ...ACCOUNTS.organiser)
      await ph.locator(`.board .block[title^="${ARRIVAL},"]`).waitFor()
      assert.equal(await badge(ph).getAttribute('aria-label'), 'Meetings with problems: 2')
      await ph.locator('.board .block.block--problem').first().scrollIntoViewIfNeeded()
      await ph.screenshot({ path: join(artifacts, 'problems-board-390.png') })

      // The Problems page, from the badge: both meetings under China, the talks under Kazakhstan too.
      await badge(p).click()
      await p.getByRole('heading', { level: 2, name: 'Problems in the programme' }).waitFor()
      const china = p.getByRole('region', { name: 'China (CHN)' })
      await china.locator('.problem').nth(1).waitFor()
      assert.deepEqual(await china.locator('.problem strong').allInnerTexts(), [ARRIVAL, TALKS])
      assert.match(await china.locator('.problem').nth(1).innerText(), /Wed 3 Jul, 12:00–13:15/)
      assert.match(await china.locator('.problem').nth(1).innerText(), /Delegation not in town: The China delegation arrives on 3 July at 16:00/)
      const kazakhstan = p.getByRole('region', { name: 'Kazakhstan (KAZ)' })
      assert.deepEqual(await kazakhstan.locator('.problem strong').allInnerTexts(), [TALKS])
      await p.screenshot({ path: join(artifacts, 'problems-page.png'), fullPage: true })
      await ph.goto('/problems')
      await ph.getByRole('region', { name: 'China (CHN)' }).locator('.problem').nth(1).waitFor()
      await ph.screenshot({ path: join(artifacts, 'problems-page-390.png'), fullPage: true })
      const overflow = await ph.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert.ok(overflow <= 0, `the Problems page fits 390 px (overflow ${overflow})`)

      // The talks have no free time left that day (the heads are busy once China is in town): it says so.
      await china.getByRole('button', { name: `Move to the nearest free time ${TALKS}` }).click()
      await p.getByText(`There is no free time that day for “${TALKS}”. Open the meeting to change it by hand.`).waitFor()
      // The arrival ceremony moves to the nearest free time after 16:00.
      await china.getByRole('button', { name: `Move to the nearest free time ${ARRIVAL}` }).click()
      await p.getByText(new RegExp(`“${ARRIVAL.replace(/[()]/g, '\\$&')}” moved to \\d\\d:\\d\\d–\\d\\d:\\d\\d\\.`)).waitFor()
      await p.waitForFunction(() => document.querySelector('.problems-badge')?.getAttribute('aria-label') === 'Meetings with problems: 1')
      assert.deepEqual(await china.locator('.problem strong').allInnerTexts(), [TALKS])
      assert.deepEqual(await kazakhstan.locator('.problem strong').allInnerTexts(), [TALKS])
      const left = (await apiGet(summit.baseURL, token, '/problems')).items
      assert.deepEqual(left.map((x) => x.title), [TALKS])
      const ceremony = (await apiGet(summit.baseURL, token, '/meetings?from=2024-07-03T00:00:00Z&to=2024-07-04T00:00:00Z')).items.find(
        (m) => m.title === ARRIVAL,
      )
      assert.ok(ceremony.starts_at >= '2024-07-03T11:00:00Z', `moved after the arrival: ${ceremony.starts_at}`)
      assert.equal(ceremony.version, 2)
      // The watcher's board follows.
      await w.waitForFunction(() => document.querySelectorAll('.board .block.block--problem').length === 1)

      assert.deepEqual(watcher.errors, [])
      assert.deepEqual(editor.errors, [])
      assert.deepEqual(phone.errors, [])
    } finally {
      await watcher.context.close()
      await editor.context.close()
      await phone.context.close()
    }
  })
})
