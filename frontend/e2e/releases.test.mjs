// Releases of the programme: an organiser publishes release 1; China's
// liaison officer opens the app and is told what changed since then when
// the talks move (old → new, in Astana time), and marks it seen; the
// organiser publishes release 2 and compares the two side by side.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiSend, apiToken, artifacts, openPage, signIn, useSummit } from './harness.mjs'

const TALKS = 'Talks: Kazakhstan – China'

/** moveTalks moves the talks by the first of a few shifts the rules allow, and returns old and new start. */
async function moveTalks(baseURL, token) {
  const day = await apiGet(baseURL, token, '/meetings?from=2024-07-03T00:00:00Z&to=2024-07-04T00:00:00Z')
  const talks = day.items.find((m) => m.title === TALKS)
  assert.ok(talks, 'the demo has the talks')
  for (const minutes of [30, -30, 15, -15, 45, 60]) {
    const shift = (iso) => new Date(Date.parse(iso) + minutes * 60_000).toISOString()
    const res = await apiSend(baseURL, token, 'PATCH', `/meetings/${talks.id}`, { starts_at: shift(talks.starts_at), ends_at: shift(talks.ends_at) }, {
      'If-Match': `"${talks.version}"`,
    })
    if (res.ok) return { before: talks.starts_at, after: shift(talks.starts_at) }
  }
  throw new Error('the talks could not be moved')
}

const astana = (iso) => new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(11, 16)

describe('releases and what changed', () => {
  const summit = useSummit()

  test('publish, what changed for a delegate with mark as seen, and compare two releases', async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const organiser = await openPage(summit.browser, summit.baseURL, { width: 1280, height: 800 })
    const delegate = await openPage(summit.browser, summit.baseURL, { width: 1280, height: 800 })
    const phone = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 }, { isMobile: true, hasTouch: true })
    const phoneOrganiser = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 }, { isMobile: true, hasTouch: true })
    try {
      // The organiser publishes release 1.
      const p = organiser.page
      await p.goto('/releases')
      await signIn(p, ...ACCOUNTS.organiser)
      await p.getByRole('heading', { level: 2, name: 'Releases of the programme' }).waitFor()
      await p.getByText('Nothing has been released yet.').waitFor()
      await p.getByLabel('Note for this release').fill('Programme as agreed with the delegations')
      await p.getByRole('button', { name: 'Publish release' }).click()
      await p.getByText(/^Release 1 published: \d+ meetings\.$/).waitFor()
      await p.getByRole('cell', { name: 'Programme as agreed with the delegations' }).waitFor()

      // China's liaison officer: nothing changed since release 1.
      const d = delegate.page
      await d.goto('/')
      await signIn(d, ...ACCOUNTS.delegate)
      const panel = d.getByRole('region', { name: 'What changed since you last looked' })
      await panel.getByText('Compared with release 1 of the programme.').waitFor()
      await panel.getByText('Nothing changed.').waitFor()

      // The talks move; the open agenda follows live: old → new.
      const moved = await moveTalks(summit.baseURL, token)
      const change = panel.locator('.change--changed')
      await change.waitFor()
      assert.match(await change.innerText(), new RegExp(TALKS))
      assert.match(await change.locator('.change__before mark').first().innerText(), new RegExp(`^Wed 3 Jul, ${astana(moved.before)}–`))
      assert.match(await change.locator('.change__after mark').first().innerText(), new RegExp(`^Wed 3 Jul, ${astana(moved.after)}–`))
      await d.screenshot({ path: join(artifacts, 'releases-what-changed.png') })
      const ph = phone.page
      await ph.goto('/')
      await signIn(ph, ...ACCOUNTS.delegate)
      await ph.getByRole('region', { name: 'What changed since you last looked' }).locator('.change--changed').waitFor()
      await ph.screenshot({ path: join(artifacts, 'releases-what-changed-390.png'), fullPage: true })
      let overflow = await ph.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert.ok(overflow <= 0, `the agenda with its panel fits 390 px (overflow ${overflow})`)

      // Mark as seen: nothing new, on this and the next visit.
      await panel.getByRole('button', { name: 'Mark as seen' }).click()
      await panel.getByText('Nothing changed.').waitFor()
      await panel.getByText(/^Since you marked the changes seen on /).waitFor()
      const mine = await apiGet(summit.baseURL, await apiToken(summit.baseURL, ACCOUNTS.delegate), '/me/changes')
      assert.equal(mine.baseline, 'seen')
      assert.deepEqual([mine.added.length, mine.changed.length, mine.removed.length], [0, 0, 0])

      // Release 2, compared with release 1 side by side.
      await p.getByLabel('Note for this release').fill('The talks moved')
      await p.getByRole('button', { name: 'Publish release' }).click()
      await p.getByText(/^Release 2 published: \d+ meetings\.$/).waitFor()
      const compare = p.getByRole('region', { name: 'Compare releases' })
      await compare.getByText('Added: 0 · changed: 1 · removed: 0').waitFor()
      const item = compare.locator('.change--changed')
      assert.match(await item.innerText(), new RegExp(TALKS))
      assert.equal(await item.locator('.change__label').first().innerText(), 'Release 1')
      assert.match(await item.locator('.change__after mark').first().innerText(), new RegExp(astana(moved.after)))
      await p.screenshot({ path: join(artifacts, 'releases-compare.png'), fullPage: true })
      const op = phoneOrganiser.page
      await op.goto('/releases')
      await signIn(op, ...ACCOUNTS.organiser)
      await op.getByRole('region', { name: 'Compare releases' }).locator('.change--changed').waitFor()
      await op.screenshot({ path: join(artifacts, 'releases-compare-390.png'), fullPage: true })
      overflow = await op.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert.ok(overflow <= 0, `the Releases page fits 390 px (overflow ${overflow})`)

      // The printed agenda names the latest release (read when the page is opened).
      await d.reload()
      await d.getByRole('region', { name: 'What changed since you last looked' }).waitFor()
      await d.emulateMedia({ media: 'print' })
      await d.getByText(/^Programme release 2 · printed /).waitFor()
      await d.emulateMedia({ media: 'screen' })

      assert.deepEqual(organiser.errors, [])
      assert.deepEqual(delegate.errors, [])
      assert.deepEqual(phone.errors, [])
      assert.deepEqual(phoneOrganiser.errors, [])
    } finally {
      await organiser.context.close()
      await delegate.context.close()
      await phone.context.close()
      await phoneOrganiser.context.close()
    }
  })
})
