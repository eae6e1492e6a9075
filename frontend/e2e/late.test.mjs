// Running late and Book…: an organiser runs the Golden Hall 15 minutes late
// from the planning board (preview, then apply), meets a shift that would
// leave people too little travel time (shown in the preview, applied only
// once overridden), and books an accepted bilateral request from its page,
// which then shows as scheduled with the new meeting.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiToken, artifacts, onlyUnexpected, openPage, signIn, useSummit } from './harness.mjs'

const BOARD = '/planning/board?day=2024-07-03'
const UN = 'Meeting with the UN Secretary-General'
const RECEPTION = 'Official reception in honour of the heads of delegations'

describe('running late and booking a request', () => {
  const summit = useSummit()

  /** block finds a meeting's block on the board by its title. */
  const block = (page, title) => page.locator(`.board .block[title^="${title},"]`)

  /** golden reads the Golden Hall's meetings of 3 July over the API, by title. */
  async function golden(token) {
    const rooms = (await apiGet(summit.baseURL, token, '/rooms')).items
    const hall = rooms.find((r) => r.name === 'Golden Hall')
    const list = (await apiGet(summit.baseURL, token, `/meetings?room_id=${hall.id}&from=2024-07-02T19:00:00Z&to=2024-07-03T19:00:00Z`)).items
    return Object.fromEntries(list.map((m) => [m.title, m]))
  }

  test('runs a room 15 minutes late: the preview lists what moves, Apply moves it', async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const before = await golden(token)
    assert.equal(before['Talks: Kazakhstan – China'].starts_at, '2024-07-03T07:00:00Z')
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 1280, height: 900 })
    try {
      await page.goto(BOARD)
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByLabel('Venue').selectOption({ label: 'Akorda' })
      await block(page, 'Talks: Kazakhstan – China').waitFor()
      await page.getByRole('button', { name: 'Running late in Golden Hall…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Running late: Golden Hall' })
      // Not the summit's day today: from the room's first meeting.
      assert.equal(await dialog.getByLabel(/Meetings starting from/).inputValue(), '12:00')
      await dialog.getByRole('button', { name: '+15 min' }).click()
      const moves = dialog.getByRole('region', { name: 'What moves' })
      await moves.getByText('12:00–13:15 → 12:15–13:30').waitFor()
      await moves.getByText('15:15–16:00 → 15:30–16:15').waitFor()
      await moves.getByText('18:15–19:00 → 18:30–19:15').waitFor()
      assert.equal(await moves.getByRole('listitem').count(), 3)
      await dialog.getByText('No conflicts', { exact: false }).waitFor()
      // The preview changed nothing.
      assert.equal((await golden(token))['Talks: Kazakhstan – China'].starts_at, '2024-07-03T07:00:00Z')
      await dialog.screenshot({ path: join(artifacts, 'late-preview.png') })
      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({ path: join(artifacts, 'late-preview-phone.png') })
      await page.setViewportSize({ width: 1280, height: 900 })

      await dialog.getByRole('button', { name: 'Apply' }).click()
      await page.getByText('Meetings moved in Golden Hall: 3.').waitFor()
      await dialog.waitFor({ state: 'detached' })
      const after = await golden(token)
      assert.equal(after['Talks: Kazakhstan – China'].starts_at, '2024-07-03T07:15:00Z')
      assert.equal(after['Talks: Kazakhstan – China'].ends_at, '2024-07-03T08:30:00Z')
      assert.equal(after['Talks: Kazakhstan – Qatar'].starts_at, '2024-07-03T10:30:00Z')
      assert.equal(after[UN].starts_at, '2024-07-03T13:30:00Z')
      assert.equal(after[UN].version, before[UN].version + 1)
      // The board shows the new times.
      await page.locator('.board .block[title^="Talks: Kazakhstan – China, 12:15–13:30,"]').waitFor()
      // On a phone the room's name keeps its running-late button.
      await page.setViewportSize({ width: 390, height: 844 })
      await page.getByRole('button', { name: 'Running late in Golden Hall…' }).waitFor()
      await page.locator('.board').screenshot({ path: join(artifacts, 'late-board-phone.png') })
      assert.deepEqual(onlyUnexpected(errors), [])
    } finally {
      await context.close()
    }
  })

  test('a shift that leaves too little travel time shows it and applies only once overridden', async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const un = (await golden(token))[UN]
    // End the UN meeting at 19:25 (14:25Z): five minutes before the reception, ten minutes away.
    const minutes = (Date.parse('2024-07-03T14:25:00Z') - Date.parse(un.ends_at)) / 60000
    assert.ok(minutes > 0 && minutes < 60, `a small delay (${minutes} min)`)
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 1280, height: 900 })
    try {
      await page.goto(BOARD)
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByLabel('Venue').selectOption({ label: 'Akorda' })
      await block(page, UN).click()
      await page.getByRole('dialog', { name: 'Edit meeting' }).getByRole('button', { name: 'Running late…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Running late: Golden Hall' })
      // From the meeting's own start.
      const start = await page.evaluate((iso) => new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Asia/Almaty', hour: '2-digit', minute: '2-digit' }), un.starts_at)
      assert.equal(await dialog.getByLabel(/Meetings starting from/).inputValue(), start)
      await dialog.getByRole('button', { name: 'Other…' }).click()
      await dialog.getByLabel('Minutes').fill(String(minutes))
      const rules = dialog.getByRole('region', { name: /Rules/ })
      await rules.getByText(`Kassym-Jomart Tokayev (Kazakhstan) needs 10 minutes to travel to “${RECEPTION}”`, { exact: false }).waitFor()
      await rules.getByText('Not enough travel time').first().waitFor()
      await dialog.getByRole('region', { name: 'What moves' }).getByText(UN).waitFor()
      const apply = dialog.getByRole('button', { name: 'Apply' })
      assert.equal(await apply.isDisabled(), true, 'Apply waits for the override')
      await dialog.getByText('Nothing can be applied while a conflict above stands.').waitFor()
      await dialog.screenshot({ path: join(artifacts, 'late-conflict.png') })
      await page.setViewportSize({ width: 390, height: 844 })
      await rules.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(artifacts, 'late-conflict-phone.png') })
      await page.setViewportSize({ width: 1280, height: 900 })
      // Enter in the minutes field applies nothing either.
      await dialog.getByLabel('Minutes').press('Enter')
      await page.waitForTimeout(300)
      assert.equal((await golden(token))[UN].starts_at, un.starts_at, 'nothing moved without the override')

      await rules.getByRole('checkbox', { name: 'Override: move anyway' }).first().check()
      await apply.click()
      await page.getByText('Meetings moved in Golden Hall: 1.').waitFor()
      const moved = (await golden(token))[UN]
      assert.equal(moved.ends_at, '2024-07-03T14:25:00Z')
      assert.ok(moved.allow.includes('travel_time'), 'the override is recorded on the meeting')
      assert.deepEqual(onlyUnexpected(errors, 409), [])
    } finally {
      await context.close()
    }
  })

  test('books an accepted request with Book…, which then shows as scheduled with the new meeting', async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const delegations = (await apiGet(summit.baseURL, token, '/delegations')).items
    const code = (c) => delegations.find((d) => d.code === c).id
    const requests = (await apiGet(summit.baseURL, token, '/bilateral-requests')).items
    const request = requests.find((r) => r.from_delegation_id === code('CHN') && r.to_delegation_id === code('KGZ'))
    assert.equal(request.status, 'accepted')
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 1280, height: 1000 })
    try {
      await page.goto(`/requests/${request.id}`)
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByRole('button', { name: /^Book…/ }).click()
      const dialog = page.getByRole('dialog', { name: 'New meeting' })
      assert.equal(await dialog.getByLabel('Title').inputValue(), 'Talks: China – Kyrgyzstan')
      assert.equal(await dialog.getByLabel('Kind').inputValue(), 'bilateral')
      assert.equal(await dialog.getByLabel('Languages').inputValue(), 'zh, ky')
      const chosen = dialog.getByRole('list', { name: 'Chosen delegations and their people' })
      await chosen.getByText('Xi Jinping, head of delegation').waitFor()
      await chosen.getByText('Sadyr Japarov, head of delegation').waitFor()
      // The requested 30 minutes.
      assert.equal(await dialog.getByLabel('Starts').inputValue(), '10:00')
      assert.equal(await dialog.getByLabel('Ends').inputValue(), '10:30')
      await dialog.getByLabel('Starts').fill('16:00')
      await dialog.getByLabel('Ends').fill('16:30')
      await dialog.getByLabel('Languages').fill('zh, ru')
      await dialog.getByLabel('Room').selectOption({ label: 'Palace of Independence · Bilateral Room 3 (20)' })
      await dialog.getByRole('region', { name: /Rules/ }).getByText(/No conflicts/).waitFor()
      await dialog.getByRole('button', { name: 'Book meeting' }).click()
      await page.getByText('“Talks: China – Kyrgyzstan” is saved as a draft.').waitFor()
      // The page shows the request scheduled, with its meeting.
      await page.locator('.chip', { hasText: 'Scheduled' }).waitFor()
      await page.getByText('Booked: ', { exact: false }).waitFor()
      assert.equal(await page.getByRole('button', { name: /^Book…/ }).count(), 0)
      const after = await apiGet(summit.baseURL, token, `/bilateral-requests/${request.id}`)
      assert.equal(after.status, 'scheduled')
      const meeting = await apiGet(summit.baseURL, token, `/meetings/${after.meeting_id}`)
      assert.equal(meeting.request_id, request.id)
      assert.equal(meeting.title, 'Talks: China – Kyrgyzstan')
      assert.equal(meeting.starts_at, '2024-07-03T11:00:00Z')
      assert.equal(meeting.ends_at, '2024-07-03T11:30:00Z')
      await page.screenshot({ path: join(artifacts, 'request-booked.png') })
      assert.deepEqual(onlyUnexpected(errors), [])
    } finally {
      await context.close()
    }
  })
})
