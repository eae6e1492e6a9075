// Export (CONTRACT section 13): an organiser downloads the delegations as CSV
// and the programme as Excel from the pages where they look for them.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, artifacts, openPage, signIn, useSummit } from './harness.mjs'

describe('export', () => {
  const summit = useSummit()

  test('an organiser downloads the delegations as CSV and the programme as Excel', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, undefined, { acceptDownloads: true })
    try {
      await page.goto('/delegations')
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByRole('link', { name: 'China', exact: true }).waitFor()
      const group = page.getByRole('group', { name: 'Export' })
      await page.screenshot({ path: join(artifacts, 'export-delegations.png') })
      const [csv] = await Promise.all([page.waitForEvent('download'), group.getByRole('button', { name: 'Export as CSV' }).click()])
      assert.equal(csv.suggestedFilename(), 'summit-delegations.csv')
      const text = await readFile(await csv.path(), 'utf8')
      const [header, ...rows] = text.trim().split('\n')
      assert.match(header, /^id,code,name,names\.ru,names\.zh,names\.kk,kind,/)
      assert.ok(rows.some((r) => r.includes(',CHN,China,Китай,中国,Қытай,member,')), 'China with its names')
      assert.ok(rows.some((r) => r.includes('2024-07-03T09:30:00+05:00')), "China's arrival in Astana time")

      await page.goto('/planning/board')
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Export as Excel' }).click(),
      ])
      assert.equal(xlsx.suggestedFilename(), 'summit-programme.xlsx')
      const bytes = await readFile(await xlsx.path())
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip')
      await page.screenshot({ path: join(artifacts, 'export-board.png') })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('the phone layout keeps the export buttons on the requests page', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 })
    try {
      await page.goto('/requests')
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Export as CSV' }).waitFor()
      await page.screenshot({ path: join(artifacts, 'export-requests-390.png') })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
})
