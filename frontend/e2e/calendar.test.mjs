// A delegate switches its agenda to the calendar view: a column per summit
// day, meetings placed by their time in Astana, on a desktop and on a phone.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, artifacts, openPage, signIn, useSummit } from './harness.mjs'

describe('the agenda as a calendar', () => {
  const summit = useSummit()

  test('shows the summit days side by side and stays chosen across a reload', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/agenda')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByRole('heading', { level: 2, name: 'My agenda · China' }).waitFor()
      await page.getByRole('button', { name: 'Calendar' }).click()
      assert.equal(await page.getByRole('button', { name: 'Calendar' }).getAttribute('aria-pressed'), 'true')
      const days = page.locator('.cal__day')
      assert.equal(await days.count(), 2, 'one column for each of the two summit days')
      // Talks: Kazakhstan – China, 07:00Z → 12:00 in Astana, below the 08:00 start of the day.
      const talks = page.locator('.cal__item', { hasText: 'Talks: Kazakhstan – China' })
      assert.match(await talks.innerText(), /12:00\s*–\s*13:15/)
      const top = await talks.evaluate((el) => el.offsetTop)
      assert.equal(top, 4 * 56, '12:00 is four hours of 56 px below 08:00')
      await page.screenshot({ path: join(artifacts, 'agenda-calendar.png'), fullPage: true })

      await page.reload()
      await page.locator('.cal__item').first().waitFor()
      assert.match(page.url(), /view=calendar/)
      await page.getByRole('button', { name: 'List' }).click()
      await page.locator('.agenda-item').first().waitFor()
      assert.equal(await page.locator('.cal').count(), 0)
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('fits a phone: columns keep a readable width and the page does not scroll sideways', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 })
    try {
      await page.goto('/agenda?view=calendar')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.locator('.cal__item').first().waitFor()
      for (const width of await page.locator('.cal__day').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width))) {
        assert.ok(width >= 144, `a day column is ${width} px wide`)
      }
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(pageWidth <= 390, `the page itself does not scroll sideways (${pageWidth})`)
      await page.screenshot({ path: join(artifacts, 'agenda-calendar-phone.png'), fullPage: true })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
})
