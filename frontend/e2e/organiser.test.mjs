// An organiser on the planning board: books a meeting, sees a conflict
// explained and free times offered, moves a block by dragging, sees a drag
// refused and snapped back, and hears about another organiser's change live.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiSend, apiToken, artifacts, onlyUnexpected, openPage, signIn, useSummit } from './harness.mjs'

const BOARD = '/planning/board?day=2024-07-03'
const TITLE = 'Talks: China – Russia'

describe('an organiser', () => {
  const summit = useSummit()

  /** block finds a meeting's block on the board by its title. */
  const block = (page, title) => page.locator(`.board .block[title^="${title},"]`)

  /** dragBy drags a block (or one of its edges) by dx, dy pixels with the mouse. */
  async function dragBy(page, locator, dx, dy = 0, where = 'middle') {
    await locator.scrollIntoViewIfNeeded()
    const box = await locator.boundingBox()
    const x = where === 'end' ? box.x + box.width - 3 : where === 'start' ? box.x + 3 : box.x + Math.min(box.width / 2, 30)
    const y = box.y + box.height / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y + (dy * i) / 8)
    await page.mouse.up()
  }

  test('sees the day on the board, books a meeting after a conflict is explained, and drags it', async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 1440, height: 900 })
    try {
      await page.goto(BOARD)
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByRole('heading', { level: 2, name: 'Planning board · Wednesday, 3 July 2024' }).waitFor()
      await block(page, 'Talks: Kazakhstan – China').waitFor()
      assert.match(await block(page, 'Talks: Kazakhstan – China').getAttribute('title'), /12:00–13:15, Golden Hall/)
      await page.getByText('Astana time (UTC+5)').first().waitFor()
      await page.screenshot({ path: join(artifacts, 'board.png') })

      // Book: first at a time when Xi Jinping is in talks, in a booked room.
      await page.getByRole('button', { name: 'New meeting' }).click()
      const dialog = page.getByRole('dialog', { name: 'New meeting' })
      await dialog.getByLabel('Title').fill(TITLE)
      await dialog.getByLabel('Starts').fill('12:00')
      await dialog.getByLabel('Ends').fill('12:30')
      await dialog.getByLabel('Room').selectOption({ label: 'Akorda · Golden Hall (40)' })
      await dialog.getByRole('checkbox', { name: 'China' }).check()
      await dialog.getByRole('checkbox', { name: 'Russia' }).check()
      const rules = dialog.getByRole('region', { name: /Rules/ })
      await rules.getByText('Room double-booked').waitFor()
      await rules.getByText(/Golden Hall is already booked/).waitFor()
      await rules.getByText('Someone is in two places').waitFor()
      await page.screenshot({ path: join(artifacts, 'meeting-conflict.png') })
      // Russia is not in town before 14:00: no time that day breaks no rule, so no free times are offered.
      const free = rules.getByRole('group', { name: 'Free at the same place with the same people:' })
      assert.equal(await free.count(), 0, 'no free times for China and Russia in Golden Hall that day')

      // Booking anyway is refused, and says why.
      await dialog.getByRole('button', { name: 'Book meeting' }).click()
      await dialog.getByText(/Not saved: the rules above are broken/).waitFor()

      // China alone: under the conflicts, the nearest times at which Golden Hall and Xi Jinping are free.
      await dialog.getByRole('checkbox', { name: 'Russia' }).uncheck()
      const suggestion = free.getByRole('button', { name: /^Move to \d\d:\d\d–\d\d:\d\d$/ }).first()
      await suggestion.waitFor()
      await rules.getByText('Room double-booked').waitFor()
      await free.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(artifacts, 'meeting-suggestions.png') })
      // One click moves the meeting there (same day, same length), and nothing blocks any more.
      const [from, to] = (await suggestion.innerText()).split('–')
      await suggestion.click()
      assert.equal(await dialog.getByLabel('Starts').inputValue(), from)
      assert.equal(await dialog.getByLabel('Ends').inputValue(), to)
      await rules.getByText(/No conflicts/).waitFor()
      assert.equal(await free.count(), 0, 'no free times offered once nothing blocks')
      await dialog.getByRole('checkbox', { name: 'Russia' }).check()
      await rules.getByText('Delegation not in town').waitFor()

      // Another room and time: no conflicts, booked.
      await dialog.getByLabel('Room').selectOption({ label: 'Palace of Independence · Bilateral Room 1 (20)' })
      await dialog.getByLabel('Starts').fill('15:00')
      await dialog.getByLabel('Ends').fill('15:45')
      await rules.getByText(/No conflicts/).waitFor()
      await dialog.getByRole('button', { name: 'Book meeting' }).click()
      await page.getByText(`“${TITLE}” is saved as a draft.`).waitFor() // a new meeting is a draft until confirmed
      const booked = block(page, TITLE)
      await booked.waitFor()
      assert.match(await booked.getAttribute('title'), /15:00–15:45, Bilateral Room 1/)

      // Drag it 30 minutes later (2 px a minute).
      await dragBy(page, booked, 60)
      await page.getByText(`“${TITLE}” now 15:30–16:15.`).waitFor()
      const id = await booked.getAttribute('data-meeting-id')
      let m = await apiGet(summit.baseURL, token, `/meetings/${id}`)
      assert.equal(m.starts_at, '2024-07-03T10:30:00Z')
      assert.equal(m.ends_at, '2024-07-03T11:15:00Z')
      assert.equal(m.version, 2)

      // Drag its start 15 minutes earlier.
      await dragBy(page, booked, -30, 0, 'start')
      await page.getByText(`“${TITLE}” now 15:15–16:15.`).waitFor()
      m = await apiGet(summit.baseURL, token, `/meetings/${id}`)
      assert.equal(m.starts_at, '2024-07-03T10:15:00Z')
      assert.equal(m.ends_at, '2024-07-03T11:15:00Z')

      // Drag it onto the talks with Kazakhstan: Xi Jinping cannot be in two places; it snaps back.
      await dragBy(page, booked, -3.5 * 60 * 2)
      await page.getByText(new RegExp(`“${TITLE}” was not moved: .*`)).waitFor()
      assert.match(await booked.getAttribute('title'), /15:15–16:15/)
      m = await apiGet(summit.baseURL, token, `/meetings/${id}`)
      assert.equal(m.starts_at, '2024-07-03T10:15:00Z', 'the refused drag changed nothing')

      // Drag it one row down, into Bilateral Room 2: same time, another room.
      await dragBy(page, booked, 0, 48)
      await page.getByText(`“${TITLE}” now 15:15–16:15 in Bilateral Room 2.`).waitFor()
      await page.waitForFunction(
        (mid) => document.querySelector(`[data-meeting-id="${mid}"]`)?.getAttribute('title')?.includes('Bilateral Room 2'),
        id,
      )
      m = await apiGet(summit.baseURL, token, `/meetings/${id}`)
      const rooms = (await apiGet(summit.baseURL, token, '/rooms')).items
      assert.equal(rooms.find((r) => r.id === m.room_id)?.name, 'Bilateral Room 2')
      await page.screenshot({ path: join(artifacts, 'board-after-drag.png') })
      assert.deepEqual(onlyUnexpected(errors, 409), [])
    } finally {
      await context.close()
    }
  })

  test('sees another organiser’s change live, with who made it', async () => {
    const admin = await apiToken(summit.baseURL, ACCOUNTS.admin)
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto(BOARD)
      await signIn(page, ...ACCOUNTS.organiser)
      const talks = block(page, 'Talks: Kazakhstan – Qatar')
      await talks.waitFor()
      const id = await talks.getAttribute('data-meeting-id')
      const m = await apiGet(summit.baseURL, admin, `/meetings/${id}`)
      const res = await apiSend(summit.baseURL, admin, 'PATCH', `/meetings/${id}`,
        { starts_at: '2024-07-03T10:30:00Z', ends_at: '2024-07-03T11:15:00Z' }, { 'If-Match': `"${m.version}"` })
      assert.equal(res.status, 200, await res.text())
      await page.getByText(/Meeting “Talks: Kazakhstan – Qatar” was moved by /).waitFor()
      await page.waitForFunction(
        (mid) => document.querySelector(`[data-meeting-id="${mid}"]`)?.getAttribute('title')?.includes('15:30–16:15'),
        id,
      )
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('runs the scheduler with progress, reads why some requests were not placed, and applies the plan', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/planning/scheduler')
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByText(/Accepted requests waiting for a slot: \d+/).waitFor()
      await page.getByRole('button', { name: 'Propose a plan' }).click()
      // The search uses its whole time limit unless it proves its plan optimal; meanwhile it shows the best so far.
      await page.getByText(/^Best so far \d+ of at most \d+\.$/).waitFor({ timeout: 15_000 })
      await page.screenshot({ path: join(artifacts, 'scheduler-running.png'), fullPage: true })
      const apply = page.getByRole('button', { name: /^Book as draft meetings: \d+$/ })
      await apply.waitFor({ timeout: 30_000 })
      await page.getByText(/Requests placed: \d+ of \d+ \(priority points: \d+\)/).waitFor()
      const unplaced = page.locator('.unplaced li')
      assert.ok((await unplaced.count()) > 0, 'the demo has requests that cannot be placed')
      assert.doesNotMatch(await page.locator('.unplaced').innerText(), /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no raw ids in reasons')
      await page.screenshot({ path: join(artifacts, 'scheduler.png'), fullPage: true })
      // The proposal survives a reload: its id is in the URL.
      assert.match(page.url(), /proposal=/)
      await page.reload()
      await apply.waitFor()
      // Before booking anything, the organiser looks at the plan on the board, then comes back.
      await page.getByRole('link', { name: 'See the proposal on the planning board' }).click()
      await page.getByRole('note', { name: /^Proposed, not booked: / }).first().waitFor()
      await page.getByText(/placements fall on this day/).waitFor()
      await page.screenshot({ path: join(artifacts, 'board-proposal.png') })
      await page.getByRole('link', { name: 'Back to the proposal' }).click()
      await apply.waitFor()
      const n = Number((await apply.innerText()).match(/\d+/)[0])
      await apply.click()
      await page.getByText(`Booked as draft meetings: ${n}.`).waitFor()
      await page.getByRole('region', { name: 'Proposal', exact: true }).getByText('Applied').waitFor()
      // The recent proposals list it as applied, with what it placed.
      const recent = page.getByRole('region', { name: 'Recent proposals' })
      await recent.getByText('Applied').waitFor()
      await recent.getByText(`${n} of `, { exact: false }).waitFor()
      await page.getByRole('link', { name: 'See them on the planning board' }).click()
      await page.locator('.board .block.status-draft').first().waitFor()
      // Back to the proposal: its drafts are confirmed in one go.
      await page.goBack()
      await page.getByRole('button', { name: `Confirm these ${n} meetings` }).click()
      await page.getByText(`Confirmed: ${n} meetings.`).waitFor()
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('keeps delegations and rooms in searchable, sortable tables, and prints a room’s day', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/delegations')
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByRole('cell', { name: 'CHN', exact: true }).waitFor()
      assert.equal(await page.locator('tbody tr').count(), 24)
      await page.getByPlaceholder('Search…').fill('kaz')
      assert.equal(await page.locator('tbody tr').count(), 1)
      await page.getByPlaceholder('Search…').fill('')
      await page.getByRole('button', { name: 'Name' }).click()
      assert.equal(await page.locator('tbody tr').first().locator('td').nth(2).innerText(), 'Azerbaijan')
      await page.getByRole('button', { name: 'Name' }).click()
      assert.equal(await page.locator('tbody tr').first().locator('td').nth(2).innerText(), 'Uzbekistan')

      // A new delegation with a bad code: the server's field error appears at the field.
      await page.getByRole('button', { name: 'New delegation' }).click()
      const dialog = page.getByRole('dialog', { name: 'New delegation' })
      await dialog.getByLabel('Code', { exact: true }).fill('x')
      await dialog.getByLabel('Name', { exact: true }).fill('Test')
      await dialog.getByRole('button', { name: 'Create' }).click()
      await dialog.getByText(/capital letters or digits/).waitFor()
      await dialog.getByRole('button', { name: 'Cancel' }).click()

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Venues and rooms' }).click()
      await page.getByRole('link', { name: 'Grand Hall' }).click()
      await page.getByRole('heading', { level: 2, name: 'Grand Hall · Palace of Independence' }).waitFor()
      await page.getByRole('button', { name: 'Thu 4 Jul' }).click()
      await page.getByText('Meeting in the "SCO Plus" format').waitFor()
      await page.emulateMedia({ media: 'print' })
      await page.screenshot({ path: join(artifacts, 'room-day-print.png'), fullPage: true })
      await page.pdf({ path: join(artifacts, 'room-day.pdf'), format: 'A4', printBackground: true })
      assert.deepEqual(onlyUnexpected(errors, 422), [])
    } finally {
      await context.close()
    }
  })

  test('stays usable with 60 rooms and 1,000 meetings in a day', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 1440, height: 900 })
    const now = '2024-06-01T00:00:00Z'
    const venues = Array.from({ length: 4 }, (_, v) => ({ id: `v${v}`, name: `Venue ${v + 1}`, address: '', travel_minutes: {}, version: 1, created_at: now, updated_at: now }))
    const rooms = Array.from({ length: 60 }, (_, r) => ({
      id: `r${r}`, venue_id: `v${r % 4}`, name: `Room ${String(r + 1).padStart(2, '0')}`, capacity: 20, layout: 'bilateral',
      interpretation_languages: [], changeover_minutes: 0, version: 1, created_at: now, updated_at: now,
    }))
    const kinds = ['plenary', 'bilateral', 'meal', 'press', 'ceremony', 'cultural']
    const meetings = Array.from({ length: 1000 }, (_, i) => {
      const start = Date.parse('2024-07-03T03:00:00Z') + (i % 17) * 50 * 60000
      return {
        id: `m${i}`, title: `Meeting ${i}`, kind: kinds[i % kinds.length], starts_at: new Date(start).toISOString(),
        ends_at: new Date(start + 40 * 60000).toISOString(), room_id: `r${Math.floor(i / 17) % 60}`, status: i % 9 ? 'confirmed' : 'draft',
        visibility: 'participants', languages: [], expected_attendance: 0, participants: [], allow: [], version: 1, created_at: now, updated_at: now,
      }
    })
    const json = (body) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) })
    await page.route((url) => url.pathname === '/api/v1/venues', (r) => r.fulfill(json({ items: venues })))
    await page.route((url) => url.pathname === '/api/v1/rooms', (r) => r.fulfill(json({ items: rooms })))
    await page.route((url) => url.pathname === '/api/v1/meetings', (r) => r.fulfill(json({ items: meetings })))
    try {
      await page.goto(BOARD)
      await signIn(page, ...ACCOUNTS.organiser)
      const t0 = Date.now()
      await page.locator('[data-meeting-id="m0"]').waitFor()
      const firstPaint = Date.now() - t0
      await page.getByText('Meetings shown: 1000 of 1000.').waitFor()
      const dom = await page.evaluate(() => ({ rows: document.querySelectorAll('.board__row').length, blocks: document.querySelectorAll('.block').length }))
      assert.ok(dom.rows < 40, `only the rows in view are in the DOM (${dom.rows})`)
      assert.ok(dom.blocks < 700, `only the blocks in view are in the DOM (${dom.blocks})`)
      await page.screenshot({ path: join(artifacts, 'board-1000.png') })

      // Scroll to the bottom: the last room appears, quickly.
      const t1 = Date.now()
      await page.locator('.board').evaluate((el) => el.scrollTo(0, el.scrollHeight))
      await page.locator('[data-room="r59"]').waitFor()
      const scrolled = Date.now() - t1
      assert.ok(firstPaint < 8000 && scrolled < 4000, `board drew in ${firstPaint} ms, scrolled in ${scrolled} ms`)
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
})
