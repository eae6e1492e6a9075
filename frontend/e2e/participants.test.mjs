// An organiser names people, not only delegations: books a meeting with two
// named members (from a device in another time zone, typing Astana time),
// sees one of them reported busy by name when booking him into another
// meeting at the same time, and finds the named members again when editing.
// Then the board on a touch screen: a quick swipe over a block scrolls, a
// long press lifts the block and drags it.
import assert from 'node:assert/strict'
import { isDeepStrictEqual } from 'node:util'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiToken, artifacts, onlyUnexpected, openPage, signIn, useSummit } from './harness.mjs'

const BOARD = '/planning/board?day=2024-07-03'
const MINISTERS = 'Foreign ministers: China – Kyrgyzstan'
const PRESS = 'Press briefing: China'

/** sent waits until a request body in list matches, and returns it. */
async function sent(list, match, timeout = 10_000) {
  for (const end = Date.now() + timeout; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const found = list.findLast(match)
    if (found) return found
  }
  assert.fail(`no matching request in ${timeout} ms; last: ${JSON.stringify(list.at(-1))}`)
}

describe('an organiser choosing people', () => {
  const summit = useSummit()

  /** block finds a meeting's block on the board by its title. */
  const block = (page, title) => page.locator(`.board .block[title^="${title},"]`)

  /** memberIds reads a delegation's members by name, over the API. */
  async function memberIds(token, code) {
    const delegations = (await apiGet(summit.baseURL, token, '/delegations')).items
    const d = delegations.find((x) => x.code === code)
    const members = (await apiGet(summit.baseURL, token, `/delegations/${d.id}/members`)).items
    return { id: d.id, byName: Object.fromEntries(members.map((m) => [m.full_name, m.id])) }
  }

  test('books two named members, sees one of them busy by name, and finds them again when editing', async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const chn = await memberIds(token, 'CHN')
    const kgz = await memberIds(token, 'KGZ')
    // The device is in New York: the dialog still speaks Astana time.
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 1440, height: 1500 }, { timezoneId: 'America/New_York' })
    const checks = []
    page.on('request', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/meetings/check') checks.push(req.postDataJSON())
    })
    try {
      await page.goto(BOARD)
      await signIn(page, ...ACCOUNTS.organiser)
      await block(page, 'Talks: Kazakhstan – China').waitFor()

      // Book the foreign ministers of China and Kyrgyzstan, by name.
      await page.getByRole('button', { name: 'New meeting' }).click()
      const dialog = page.getByRole('dialog', { name: 'New meeting' })
      await dialog.getByRole('group', { name: 'When — Astana time (UTC+5)' }).waitFor()
      await dialog.getByLabel('Title').fill(MINISTERS)
      await dialog.getByLabel('Starts').fill('12:30')
      await dialog.getByLabel('Ends').fill('13:00')
      await dialog.getByText('On this device’s clock (America/New York): 3 Jul, 03:30–04:00.').waitFor()
      await dialog.getByLabel('Room').selectOption({ label: 'Palace of Independence · Bilateral Room 1 (20)' })
      await dialog.getByRole('checkbox', { name: 'China' }).check()
      await dialog.getByRole('checkbox', { name: 'Kyrgyzstan' }).check()
      const chosen = dialog.getByRole('list', { name: 'Chosen delegations and their people' })
      await chosen.getByText('Xi Jinping, head of delegation').waitFor()
      await chosen.getByText('Sadyr Japarov, head of delegation').waitFor()
      // No language is shared (zh; ky, ru), so the dialog suggests "zh, ky"; the room has ru and zh booths.
      assert.equal(await dialog.getByLabel('Languages').inputValue(), 'zh, ky')
      await dialog.getByLabel('Languages').fill('zh, ru')
      // China: Wang Yi instead of the head.
      await chosen.getByRole('button', { name: 'Choose people (China)' }).click()
      const chinese = dialog.getByRole('group', { name: 'People of China' })
      await chinese.getByRole('checkbox', { name: /^Wang Yi/ }).check()
      await chinese.getByRole('checkbox', { name: /^Xi Jinping/ }).uncheck()
      // Kyrgyzstan: Jeenbek Kulubaev instead of the head.
      await chosen.getByRole('button', { name: 'Choose people (Kyrgyzstan)' }).click()
      const kyrgyz = dialog.getByRole('group', { name: 'People of Kyrgyzstan' })
      await kyrgyz.getByRole('checkbox', { name: /^Jeenbek Kulubaev/ }).check()
      await kyrgyz.getByRole('checkbox', { name: /^Sadyr Japarov/ }).uncheck()
      const rules = dialog.getByRole('region', { name: /Rules/ })
      // The live check carries the named people (once the last tick has gone out: checks are debounced).
      const named = [
        { delegation_id: chn.id, member_ids: [chn.byName['Wang Yi']] },
        { delegation_id: kgz.id, member_ids: [kgz.byName['Jeenbek Kulubaev']] },
      ]
      const last = await sent(checks, (c) => isDeepStrictEqual(c.participants, named))
      await rules.getByText(/No conflicts/).waitFor()
      assert.equal(last.starts_at, '2024-07-03T07:30:00Z')
      await dialog.screenshot({ path: join(artifacts, 'meeting-members.png') })
      await dialog.getByRole('button', { name: 'Book meeting' }).click()
      await page.getByText(`“${MINISTERS}” is saved as a draft.`).waitFor() // a new meeting is a draft until confirmed
      const booked = block(page, MINISTERS)
      await booked.waitFor()
      assert.match(await booked.getAttribute('title'), /12:30–13:00, Bilateral Room 1/)
      const id = await booked.getAttribute('data-meeting-id')
      const saved = await apiGet(summit.baseURL, token, `/meetings/${id}`)
      assert.equal(saved.starts_at, '2024-07-03T07:30:00Z', '12:30 in Astana, typed on a New York device')
      const byDelegation = (list) => [...list].sort((a, b) => a.delegation_id.localeCompare(b.delegation_id))
      assert.deepEqual(byDelegation(saved.participants), byDelegation(last.participants))

      // Wang Yi into a press briefing at 12:45: he is busy, and the dialog says so by name.
      await page.getByRole('button', { name: 'New meeting' }).click()
      const second = page.getByRole('dialog', { name: 'New meeting' })
      await second.getByLabel('Title').fill(PRESS)
      await second.getByLabel('Starts').fill('12:45')
      await second.getByLabel('Ends').fill('13:15')
      await second.getByLabel('Room').selectOption({ label: 'Palace of Independence · Bilateral Room 2 (20)' })
      await second.getByRole('checkbox', { name: 'China' }).check()
      await second.getByRole('button', { name: 'Choose people (China)' }).click()
      await second.getByRole('group', { name: 'People of China' }).getByRole('checkbox', { name: /^Wang Yi/ }).check()
      // Xi Jinping (still ticked) is in the talks with Kazakhstan; Wang Yi in the ministers' meeting.
      const rules2 = second.getByRole('region', { name: /Rules/ })
      await rules2.getByText(`Wang Yi (China) is already in “${MINISTERS}” from 12:30 to 13:00.`).waitFor()
      await rules2.getByText('Xi Jinping (China) is already in “Talks: Kazakhstan – China” from 12:00 to 13:15.').waitFor()
      await second.screenshot({ path: join(artifacts, 'meeting-member-busy.png') })
      await second.getByRole('button', { name: 'Book meeting' }).click()
      await second.getByText(/Not saved: the rules above are broken/).waitFor()
      await second.getByRole('button', { name: 'Cancel' }).click()

      // Editing the ministers' meeting shows who was named.
      await booked.click()
      const edit = page.getByRole('dialog', { name: 'Edit meeting' })
      const editChosen = edit.getByRole('list', { name: 'Chosen delegations and their people' })
      await editChosen.getByText('Wang Yi', { exact: true }).waitFor()
      await editChosen.getByText('Jeenbek Kulubaev', { exact: true }).waitFor()
      assert.equal(await edit.getByRole('group', { name: 'People of China' }).getByRole('checkbox', { name: /^Wang Yi/ }).isChecked(), true)
      assert.equal(await edit.getByRole('group', { name: 'People of China' }).getByRole('checkbox', { name: /^Xi Jinping/ }).isChecked(), false)
      assert.equal(await edit.getByLabel('Starts').inputValue(), '12:30')
      await edit.screenshot({ path: join(artifacts, 'meeting-members-edit.png') })
      // On a phone the people still read clearly.
      await page.setViewportSize({ width: 390, height: 844 })
      await edit.getByRole('group', { name: 'People of China' }).scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(artifacts, 'meeting-members-phone.png') })
      await edit.getByText('When — Astana time (UTC+5)').scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(artifacts, 'meeting-when-phone.png') })
      await edit.getByRole('button', { name: 'Cancel' }).click()
      assert.deepEqual(onlyUnexpected(errors, 409), [])
    } finally {
      await context.close()
    }
  })

  test('on a touch screen, a swipe over a block scrolls the board and a long press drags the block', async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 900, height: 700 }, { hasTouch: true })
    try {
      await page.goto(BOARD)
      await signIn(page, ...ACCOUNTS.organiser)
      const talks = block(page, 'Talks: Kazakhstan – China')
      await talks.waitFor()
      await talks.scrollIntoViewIfNeeded()
      const board = page.locator('.board')
      const cdp = await context.newCDPSession(page)
      const touch = (type, x, y) =>
        cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] })
      const centre = async () => {
        const box = await talks.boundingBox()
        return { x: box.x + Math.min(box.width / 2, 40), y: box.y + box.height / 2 }
      }

      // A quick swipe to the left, starting on the block: the board scrolls, nothing moves.
      const before = await board.evaluate((el) => el.scrollLeft)
      let { x, y } = await centre()
      await touch('touchStart', x, y)
      for (let i = 1; i <= 6; i++) await touch('touchMove', x - i * 25, y)
      await touch('touchEnd')
      await page.waitForTimeout(400)
      const after = await board.evaluate((el) => el.scrollLeft)
      assert.ok(after > before + 50, `the board scrolled (scrollLeft ${before} → ${after})`)
      assert.match(await talks.getAttribute('title'), /12:00–13:15/)
      assert.equal(await page.getByText(/now \d\d:\d\d–/).count(), 0, 'no meeting moved')

      // Press and hold, then drag 30 px to the right (15 minutes at 2 px a minute).
      // The swipe may have scrolled the block under the room names: bring it back first.
      await talks.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }))
      // Press only once the page is idle: Chrome gives up waiting for a busy page's
      // touch listeners and lets that touch sequence scroll (no drag is possible then).
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(done)))))
      ;({ x, y } = await centre())
      await touch('touchStart', x, y)
      await page.waitForTimeout(450)
      await page.locator('.block--ghost').waitFor()
      const held = await board.evaluate((el) => el.scrollLeft)
      for (let i = 1; i <= 6; i++) await touch('touchMove', x + i * 5, y)
      await page.screenshot({ path: join(artifacts, 'board-touch-drag.png') })
      await touch('touchEnd')
      await page.getByText('“Talks: Kazakhstan – China” now 12:15–13:30.').waitFor()
      assert.equal(await board.evaluate((el) => el.scrollLeft), held, 'the board did not scroll while dragging')
      const id = await talks.getAttribute('data-meeting-id')
      const m = await apiGet(summit.baseURL, token, `/meetings/${id}`)
      assert.equal(m.starts_at, '2024-07-03T07:15:00Z')
      // No dialog opened by the lift.
      assert.equal(await page.getByRole('dialog').count(), 0)
      assert.deepEqual(onlyUnexpected(errors), [])
    } finally {
      await context.close()
    }
  })

  test('moves a meeting twice quickly with the keyboard without a stale refusal', async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 1440, height: 900 })
    try {
      await page.goto(BOARD)
      await signIn(page, ...ACCOUNTS.organiser)
      const qatar = block(page, 'Talks: Kazakhstan – Qatar')
      await qatar.waitFor()
      const id = await qatar.getAttribute('data-meeting-id')
      const before = await apiGet(summit.baseURL, token, `/meetings/${id}`)
      await qatar.focus()
      await page.keyboard.press('Alt+ArrowRight')
      await page.keyboard.press('Alt+ArrowRight')
      await page.getByText('“Talks: Kazakhstan – Qatar” now 15:25–16:10.').waitFor()
      assert.equal(await page.getByText(/was not moved/).count(), 0)
      const m = await apiGet(summit.baseURL, token, `/meetings/${id}`)
      assert.equal(m.starts_at, '2024-07-03T10:25:00Z')
      assert.equal(m.version, before.version + 2)
      assert.deepEqual(onlyUnexpected(errors), [])
    } finally {
      await context.close()
    }
  })
})
