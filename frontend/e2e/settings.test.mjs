// The audit trail, the summit's settings and one's own account: an admin
// reads the trail, an organiser moves the end of the working day, and a
// delegate renames itself, changes its password and finds the organisers'
// pages closed.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiSend, apiToken, artifacts, onlyUnexpected, openPage, signIn, useSummit } from './harness.mjs'

describe('settings, audit trail and account', () => {
  const summit = useSummit()

  test('an admin opens the audit trail, sees who changed what, filters it and loads more', async () => {
    // Something to read: an organiser changes a venue, and renames itself often enough for a second page.
    const organiser = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const venue = (await apiGet(summit.baseURL, organiser, '/venues')).items.find((v) => v.name === 'Hilton Astana')
    const res = await apiSend(summit.baseURL, organiser, 'PATCH', `/venues/${venue.id}`, { address: 'Sauran Street 46, Astana' }, {
      'If-Match': `"${venue.version}"`,
    })
    assert.equal(res.status, 200)
    for (let i = 0; i < 55; i++) {
      const r = await apiSend(summit.baseURL, organiser, 'PATCH', '/me', { name: `Demo Organiser ${i % 2 ? 'A' : 'B'}` })
      assert.equal(r.status, 200)
    }

    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 1440, height: 900 })
    try {
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.admin)
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click()
      await page.getByRole('heading', { level: 2, name: 'Audit trail' }).waitFor()
      assert.equal(await page.title(), 'Audit trail · Summit Planner')
      const table = page.getByRole('table', { name: 'Audit trail' })
      const rows = table.locator('tbody tr')
      await rows.first().waitFor()
      assert.equal(await rows.count(), 50, 'one page of 50')
      // Newest first: this sign-in, then the organiser's renames, by name (the admin may read the users).
      assert.match(await rows.first().innerText(), /You \(Demo Admin\)\s+Signed in/)
      assert.match(await rows.nth(1).innerText(), /Demo Organiser B\s+Changed\s+User/)
      assert.match(await rows.nth(1).innerText(), /Name: Demo Organiser A → Demo Organiser B/)
      await page.getByText('Times are Astana time (UTC+5).').waitFor()

      await page.getByRole('button', { name: 'Load more' }).click()
      await page.getByText('No more entries.').waitFor()
      const all = await rows.count()
      assert.ok(all > 55, `all entries after "Load more", got ${all}`)
      await table.getByRole('row', { name: /System\s+Demo data loaded/ }).waitFor()
      const change = table.getByRole('row', { name: /Changed\s+Venue\s+Hilton Astana/ })
      assert.match(await change.innerText(), /Address: Sauran Street, Astana → Sauran Street 46, Astana/)

      // One record's history, then a kind of record.
      await change.getByRole('button', { name: 'History of Venue Hilton Astana' }).click()
      await page.getByText('Entries shown: 1').waitFor()
      await change.getByText('Data before and after').click()
      await change.getByRole('heading', { name: 'Before' }).waitFor()
      await page.screenshot({ path: join(artifacts, 'audit-history.png'), fullPage: true })
      await page.getByRole('button', { name: 'Clear filters' }).click()
      await page.getByLabel('Kind of record').selectOption('summit')
      await page.getByText('Entries shown: 1').waitFor()
      assert.match(await rows.first().innerText(), /Demo data loaded/)
      await page.getByRole('button', { name: 'Clear filters' }).click()
      await rows.nth(49).waitFor()
      await page.screenshot({ path: join(artifacts, 'audit.png') })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('an organiser changes the end of the summit’s working day and sees it saved', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.organiser)
      const nav = page.getByRole('navigation', { name: 'Main' })
      assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0)
      await nav.getByRole('link', { name: 'Summit settings' }).click()
      await page.getByRole('heading', { level: 2, name: 'Summit settings' }).waitFor()
      const dayEnds = page.getByLabel('Day ends')
      assert.equal(await dayEnds.inputValue(), '22:00')
      assert.equal(await page.getByLabel('Time zone').inputValue(), 'Asia/Almaty')
      await page.getByText('An IANA name such as Asia/Almaty. This one is UTC+5.').waitFor()

      // Before the start of the day: the server's field error, at the field.
      await dayEnds.fill('07:30')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.locator('.field--error', { has: page.getByLabel('Day ends') }).getByText('must be after “Day starts”').waitFor()
      assert.equal(await dayEnds.getAttribute('aria-invalid'), 'true')
      await page.screenshot({ path: join(artifacts, 'summit-settings-error.png'), fullPage: true })

      await dayEnds.fill('21:00')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Saved.').waitFor()
      assert.equal(await dayEnds.getAttribute('aria-invalid'), null)
      await page.screenshot({ path: join(artifacts, 'summit-settings.png'), fullPage: true })
      const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
      const saved = await apiGet(summit.baseURL, token, '/summit')
      assert.equal(saved.day_ends, '21:00')
      assert.equal(saved.day_starts, '08:00')
      assert.equal(saved.version, 2)

      await page.reload()
      await page.getByRole('heading', { level: 2, name: 'Summit settings' }).waitFor()
      assert.equal(await page.getByLabel('Day ends').inputValue(), '21:00')
      assert.deepEqual(onlyUnexpected(errors, 422), [])
    } finally {
      await context.close()
    }
  })

  test('a delegate renames itself, changes its password, and cannot reach the audit trail or the summit settings', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    const [email, password] = ACCOUNTS.delegate
    const newPassword = 'a fresh passphrase for Beijing'
    try {
      await page.goto('/')
      await signIn(page, email, password)
      const nav = page.getByRole('navigation', { name: 'Main' })
      await nav.getByRole('link', { name: 'My agenda' }).waitFor()
      assert.equal(await nav.getByRole('link', { name: 'Audit trail' }).count(), 0)
      assert.equal(await nav.getByRole('link', { name: 'Summit settings' }).count(), 0)

      await nav.getByRole('link', { name: 'My account' }).click()
      await page.getByRole('heading', { level: 2, name: 'My account' }).waitFor()
      await page.getByText('China', { exact: true }).waitFor()
      await page.getByLabel('Display name').fill('Li Wei (China)')
      await page.getByRole('button', { name: 'Save name' }).click()
      await page.getByText('Saved.').waitFor()
      await page.locator('.user-box__name', { hasText: 'Li Wei (China)' }).waitFor()

      // A wrong current password is said at its field.
      await page.getByLabel('Current password').fill('not-my-password')
      await page.getByLabel('New password', { exact: true }).fill(newPassword)
      await page.getByLabel('New password again').fill(newPassword)
      await page.getByRole('button', { name: 'Change password' }).click()
      await page.getByText('is wrong').waitFor()
      assert.equal(await page.getByLabel('Current password').getAttribute('aria-invalid'), 'true')

      await page.getByLabel('Current password').fill(password)
      await page.getByRole('button', { name: 'Change password' }).click()
      await page.getByText('Password changed. Your other devices are signed out.').waitFor()
      await page.screenshot({ path: join(artifacts, 'account.png'), fullPage: true })
      // Still signed in here, with the new session: a reload keeps it.
      await page.reload()
      await page.getByRole('heading', { level: 2, name: 'My account' }).waitFor()
      await page.locator('.user-box__name', { hasText: 'Li Wei (China)' }).waitFor()

      // The organisers' pages, by their addresses: not found.
      for (const path of ['/audit', '/summit']) {
        await page.goto(path)
        await page.getByRole('heading', { level: 2, name: 'Not found' }).waitFor()
        assert.equal(await page.getByRole('table').count(), 0)
        assert.equal(await page.getByLabel('Day ends').count(), 0)
      }
      await page.screenshot({ path: join(artifacts, 'delegate-summit-not-found.png') })

      // The new password signs in; the old one no longer does.
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByText('The email or the password is not right.').waitFor()
      await signIn(page, email, newPassword)
      await page.locator('.user-box__name', { hasText: 'Li Wei (China)' }).waitFor()
      assert.deepEqual(onlyUnexpected(errors, 401, 422), [])
    } finally {
      await context.close()
    }
  })

  test('the new pages fit a phone screen', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 })
    try {
      await page.goto('/account')
      await signIn(page, ...ACCOUNTS.admin)
      for (const [path, ready] of [
        ['/account', 'form'],
        ['/summit', 'form'],
        ['/audit', 'tbody tr'],
      ]) {
        await page.goto(path)
        await page.locator(ready).first().waitFor()
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px on a phone`)
        await page.screenshot({ path: join(artifacts, `${path.slice(1)}-phone.png`), fullPage: true })
      }
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
})
