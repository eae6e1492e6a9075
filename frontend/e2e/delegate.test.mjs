// A delegate of China: the agenda, the calendar subscription, the requests
// inbox, what it may not see, and the language switch.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiToken, artifacts, onlyUnexpected, openPage, signIn, useSummit } from './harness.mjs'

describe('a delegate', () => {
  const summit = useSummit()

  test('sees its agenda day by day in Astana time, and prints it', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByRole('heading', { level: 2, name: 'My agenda · China' }).waitFor()
      await page.getByRole('heading', { level: 3, name: 'Wednesday, 3 July 2024' }).waitFor()
      await page.getByRole('heading', { level: 3, name: 'Thursday, 4 July 2024' }).waitFor()
      // Talks: Kazakhstan – China, 07:00Z → 12:00 in Astana.
      const talks = page.locator('.agenda-item', { hasText: 'Talks: Kazakhstan – China' })
      assert.match(await talks.innerText(), /12:00\s*–\s*13:15/)
      await page.getByText('Times are Astana time (UTC+5).').waitFor()
      await page.screenshot({ path: join(artifacts, 'agenda.png'), fullPage: true })
      await page.emulateMedia({ media: 'print' })
      await page.screenshot({ path: join(artifacts, 'agenda-print.png'), fullPage: true })
      assert.equal(await page.locator('.site-header').isVisible(), false, 'no header on paper')
      await page.pdf({ path: join(artifacts, 'agenda.pdf'), format: 'A4', printBackground: true })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('gets a calendar link with a QR code', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/delegation')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByRole('button', { name: 'Create a subscription link' }).click()
      const qr = page.getByRole('img', { name: 'QR code of the calendar link' })
      await qr.waitFor()
      assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml/)
      const link = page.getByRole('link', { name: 'Subscribe in the calendar app' })
      assert.match(await link.getAttribute('href'), /^webcal:\/\/.*\/ical\/delegations\/.+\.ics$/)
      const url = await page.locator('.feed-url code').innerText()
      const feed = await fetch(url)
      assert.equal(feed.status, 200)
      assert.match(await feed.text(), /BEGIN:VCALENDAR/)
      await page.screenshot({ path: join(artifacts, 'delegation.png'), fullPage: true })
      // The link is remembered in this browser: a reload shows it again without replacing it.
      await page.reload()
      await qr.waitFor()
      assert.equal(await page.locator('.feed-url code').innerText(), url)
      assert.equal((await fetch(url)).status, 200)
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('cannot reach another delegation’s bilateral request: its URL shows not found', async () => {
    const organiser = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const me = await apiGet(summit.baseURL, await apiToken(summit.baseURL, ACCOUNTS.delegate), '/me')
    const all = (await apiGet(summit.baseURL, organiser, '/bilateral-requests?limit=500')).items
    const foreign = all.find((r) => r.from_delegation_id !== me.delegation_id && r.to_delegation_id !== me.delegation_id)
    assert.ok(foreign, 'the demo has requests between other delegations')

    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto(`/requests/${foreign.id}`)
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByRole('heading', { level: 2, name: 'Not found' }).waitFor()
      assert.deepEqual(onlyUnexpected(errors, 404), [])
    } finally {
      await context.close()
    }
  })

  test('accepts an incoming request from its inbox', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/requests')
      await signIn(page, ...ACCOUNTS.delegate)
      const card = page.locator('.request', { hasText: 'Eurasian Economic Commission → China' })
      await card.waitFor()
      await card.getByText('Pending').waitFor()
      await card.getByRole('button', { name: /^Accept/ }).click()
      await page.getByText('Request accepted.').waitFor()
      await page.getByRole('button', { name: 'Outgoing' }).click()
      await page.getByRole('button', { name: 'Incoming' }).click()
      await page.locator('.request', { hasText: 'Eurasian Economic Commission → China' }).getByText('Accepted').waitFor()
      await page.screenshot({ path: join(artifacts, 'requests.png'), fullPage: true })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('switches the language, and the choice is remembered', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByRole('heading', { level: 2, name: 'My agenda · China' }).waitFor()
      await page.getByLabel('Language').selectOption('ru')
      await page.getByRole('heading', { level: 2, name: 'Моя программа · Китай' }).waitFor()
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru')
      await page.getByRole('heading', { level: 3, name: /3 июля 2024/ }).waitFor()
      await page.reload()
      await page.getByRole('heading', { level: 2, name: 'Моя программа · Китай' }).waitFor()
      await page.getByLabel('Язык').selectOption('zh')
      await page.getByRole('link', { name: '双边会见请求' }).waitFor()
      await page.getByLabel('语言').selectOption('kk')
      await page.getByRole('link', { name: 'Менің бағдарламам' }).waitFor()
      await page.getByRole('heading', { level: 3, name: /3 шілде/ }).waitFor()
      await page.screenshot({ path: join(artifacts, 'agenda-kk.png'), fullPage: true })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('edits its hotel, adds a member, files a request and withdraws it', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/delegation')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByLabel('Hotel', { exact: true }).fill('Hilton Astana')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Saved.').first().waitFor()

      await page.getByRole('button', { name: 'Add a member' }).click()
      const dialog = page.getByRole('dialog', { name: 'Add a member' })
      await dialog.getByLabel('Full name').fill('Li Qiang')
      await dialog.getByLabel('Position').fill('Adviser')
      await dialog.getByRole('button', { name: 'Save' }).click()
      await page.getByRole('cell', { name: 'Li Qiang', exact: true }).waitFor()

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bilateral requests' }).click()
      await page.getByRole('button', { name: 'New request' }).click()
      const form = page.getByRole('dialog', { name: 'New request' })
      await form.getByLabel('Meet with').selectOption({ label: 'Kazakhstan' })
      await form.getByLabel('Duration (minutes)').fill('40')
      await form.getByLabel('Subject').fill('Transit corridors')
      await form.getByRole('button', { name: 'Send request' }).click()
      await page.getByText('Request sent.').waitFor()
      await page.getByRole('button', { name: 'Outgoing' }).click()
      const card = page.locator('.request', { hasText: 'Transit corridors' })
      await card.getByText('Pending').waitFor()
      page.once('dialog', (d) => d.accept())
      await card.getByRole('button', { name: /^Withdraw/ }).click()
      await card.getByText('Withdrawn').waitFor()
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
})
