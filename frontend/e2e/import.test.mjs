// Import from a spreadsheet: an organiser chooses an Excel delegation list
// made by hand (headers in any case, Cyrillic and Chinese names, a time
// without an offset), reads the preview with the rows to create and update
// and the changed cells, imports it, and finds the new delegations; a CSV
// with a bad row shows the error on its cell and cannot be imported.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { ACCOUNTS, apiGet, apiToken, artifacts, openPage, signIn, useSummit } from './harness.mjs'

const fixture = fileURLToPath(new URL('./fixtures/delegations.xlsx', import.meta.url))

describe('import', () => {
  const summit = useSummit()

  test('an Excel delegation list: preview, import, and a bad row marked on its cell', async () => {
    const organiser = await openPage(summit.browser, summit.baseURL, { width: 1440, height: 900 })
    try {
      const p = organiser.page
      await p.goto('/import')
      await signIn(p, ...ACCOUNTS.organiser)
      await p.getByRole('heading', { level: 2, name: 'Import from a spreadsheet' }).waitFor()
      await p.getByRole('radio', { name: 'Delegations', exact: true }).check()
      await p.getByLabel(/^Spreadsheet/).setInputFiles(fixture)

      const preview = p.getByRole('region', { name: 'Preview' })
      await preview.getByText('2 to create, 1 to update, 1 unchanged.').waitFor()
      const kuwait = preview.getByRole('row').filter({ hasText: 'KWT' })
      await kuwait.getByText('New', { exact: true }).waitFor()
      await kuwait.getByRole('cell', { name: '科威特' }).waitFor()
      // Turkmenistan moves hotel: the cell shows the old and the new value.
      const turkmenistan = preview.getByRole('row').filter({ hasText: 'TKM' })
      await turkmenistan.getByText('Update', { exact: true }).waitFor()
      await turkmenistan.getByRole('cell', { name: /Hilton Astana.*Rixos President Astana/ }).waitFor()
      await p.screenshot({ path: join(artifacts, 'import-preview.png'), fullPage: true })

      const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
      const before = await apiGet(summit.baseURL, token, '/delegations?limit=500')
      assert.equal(before.items.some((d) => d.code === 'KWT'), false, 'the preview wrote nothing')

      await preview.getByRole('button', { name: 'Import 3 rows' }).click()
      await p.getByText('Imported: 2 created, 1 updated, 1 unchanged.').first().waitFor()
      const after = await apiGet(summit.baseURL, token, '/delegations?limit=500')
      const kwt = after.items.find((d) => d.code === 'KWT')
      assert.equal(kwt?.names?.zh, '科威特')
      assert.equal(kwt?.hotel, 'The Ritz-Carlton Astana')
      const bhr = after.items.find((d) => d.code === 'BHR')
      assert.equal(bhr?.names?.ru, 'Бахрейн')

      // A bad row: its cell is marked, and nothing can be imported.
      await p.getByLabel(/^Spreadsheet/).setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('code,name,kind,precedence\nOMN,Oman,sultanate,7\nKWT,Kuwait,dialogue_partner,many\n'),
      })
      await preview.getByText('Rows with errors: 2.', { exact: false }).waitFor()
      await preview.getByText(/Row 2, kind:/).waitFor()
      await preview.getByText(/Row 3, precedence: must be a whole number/).waitFor()
      assert.equal(await preview.getByRole('button', { name: /^Import \d+ rows$/ }).isDisabled(), true)
      await p.screenshot({ path: join(artifacts, 'import-errors.png'), fullPage: true })
      assert.deepEqual(organiser.errors, [])
    } finally {
      await organiser.context.close()
    }
  })
})
