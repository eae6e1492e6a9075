// Hotels (CONTRACT section 15): an organiser holds one room at The
// Ritz-Carlton for China, places Xi Jinping in room 1204 from China's page,
// finds that Wang Yi in another room would overfill the block (the dialog
// says which night), shares the room instead, reads the rooming list and
// downloads it as PDF. China's delegate sees where its members sleep.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, artifacts, openPage, signIn, useSummit } from './harness.mjs'

describe('hotels', () => {
  const summit = useSummit()

  test('a block, two members placed, the conflict of a night too many, the rooming list', async () => {
    const organiser = await openPage(summit.browser, summit.baseURL, { width: 1440, height: 900 }, { acceptDownloads: true })
    try {
      const p = organiser.page
      await p.goto('/hotels')
      await signIn(p, ...ACCOUNTS.organiser)
      await p.getByRole('heading', { level: 2, name: 'Hotels' }).waitFor()
      await p.getByLabel('Hotel', { exact: true }).selectOption({ label: 'The Ritz-Carlton Astana' })
      await p.getByRole('button', { name: 'Hold rooms' }).click()
      const dialog = p.getByRole('dialog')
      await dialog.getByLabel('Delegation').selectOption({ label: 'China' })
      await dialog.getByLabel('Rooms').fill('1')
      await dialog.getByLabel('First night').fill('2024-07-02')
      await dialog.getByLabel('Leaves on').fill('2024-07-05')
      await dialog.getByRole('button', { name: 'Save' }).click()
      await dialog.waitFor({ state: 'detached' })
      const blocks = p.getByRole('region', { name: 'Blocks at The Ritz-Carlton Astana' })
      await blocks.getByRole('row').filter({ hasText: 'China' }).getByRole('cell', { name: '0 of 1' }).waitFor()

      // Xi Jinping in room 1204, every night of the block.
      await p.goto('/delegations')
      await p.getByRole('link', { name: 'China', exact: true }).click()
      await p.getByRole('button', { name: /^Edit\s+Xi Jinping$/ }).click()
      await p.getByRole('dialog').getByLabel('Block').selectOption({ index: 1 })
      await p.getByRole('dialog').getByLabel('Room', { exact: true }).fill('1204')
      await p.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
      await p.getByRole('dialog').waitFor({ state: 'detached' })
      await p.getByRole('row').filter({ hasText: 'Xi Jinping' }).getByText('The Ritz-Carlton Astana · 1204').waitFor()

      // Wang Yi in another room on 3 July: the one room is taken.
      await p.getByRole('button', { name: /^Edit\s+Wang Yi$/ }).click()
      const wang = p.getByRole('dialog')
      await wang.getByLabel('Block').selectOption({ index: 1 })
      await wang.getByLabel('Room', { exact: true }).fill('1205')
      await wang.getByLabel('First night').fill('2024-07-03')
      await wang.getByLabel('Leaves on').fill('2024-07-04')
      await wang.getByRole('button', { name: 'Save' }).click()
      await wang.getByText(/holds 1 room for China on the night of 2024-07-03/).waitFor()
      await p.screenshot({ path: join(artifacts, 'hotels-conflict.png') })
      await wang.getByLabel('Room', { exact: true }).fill('1204')
      await wang.getByRole('button', { name: 'Save' }).click()
      await wang.waitFor({ state: 'detached' })

      // The rooming list, on screen and as PDF.
      await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hotels' }).click()
      await p.getByLabel('Hotel', { exact: true }).selectOption({ label: 'The Ritz-Carlton Astana' })
      const rooming = p.getByRole('region', { name: 'Rooming list' })
      await rooming.getByRole('row').filter({ hasText: 'Wang Yi' }).getByRole('cell', { name: '1204' }).waitFor()
      await blocks.getByRole('row').filter({ hasText: 'China' }).getByRole('cell', { name: '1 of 1' }).waitFor()
      await p.screenshot({ path: join(artifacts, 'hotels.png'), fullPage: true })
      const [pdf] = await Promise.all([p.waitForEvent('download'), rooming.getByRole('button', { name: 'PDF' }).click()])
      const bytes = await readFile(await pdf.path())
      assert.equal(bytes.subarray(0, 4).toString(), '%PDF')
      // The conflict was a 409 on purpose.
      assert.deepEqual(organiser.errors.filter((e) => !e.includes('status of 409')), [])
    } finally {
      await organiser.context.close()
    }

    const delegate = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 })
    try {
      const p = delegate.page
      await p.goto('/delegation')
      await signIn(p, ...ACCOUNTS.delegate)
      await p.getByRole('row').filter({ hasText: 'Wang Yi' }).getByText(/The Ritz-Carlton Astana · 1204 · /).waitFor()
      await p.screenshot({ path: join(artifacts, 'hotels-delegate.png'), fullPage: true })
      assert.deepEqual(delegate.errors, [])
    } finally {
      await delegate.context.close()
    }
  })
})
