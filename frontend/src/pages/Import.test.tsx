import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ImportResult } from '../api/types.ts'
import { leave, visitAs } from '../test/app.tsx'
import { user } from '../test/fakeServer.ts'

// The app loads the page lazily; loading it first keeps the first test's
// wait for the page about the page, not about compiling it on a busy machine.
beforeAll(async () => {
  await import('./Import.tsx')
})

afterEach(async () => {
  cleanup()
  await leave()
})

const columns = ['delegation_code', 'full_name', 'position', 'accreditation']

const preview = (extra: Partial<ImportResult> = {}): ImportResult => ({
  created: 1,
  updated: 1,
  unchanged: 1,
  errors: [],
  columns,
  rows: [
    { row: 2, action: 'unchanged', id: 'm1', cells: ['CHN', 'Xi Jinping', 'President', 'approved'], changed: [] },
    {
      row: 3,
      action: 'update',
      id: 'm2',
      cells: ['CHN', 'Wang Yi', 'Minister of Foreign Affairs', 'approved'],
      changed: ['position'],
      before: { position: 'Minister' },
    },
    { row: 4, action: 'create', cells: ['CHN', 'Li Qiang', 'Premier', 'pending'], changed: [] },
  ],
  impact: [],
  ...extra,
})

const withErrors = preview({
  created: 1,
  updated: 0,
  errors: [
    { row: 3, field: 'accreditation', message: 'must be one of pending, approved, rejected' },
    { row: 5, field: 'delegation_code', message: 'no delegation has code XYZ' },
  ],
  rows: [
    { row: 2, action: 'unchanged', id: 'm1', cells: ['CHN', 'Xi Jinping', 'President', 'approved'], changed: [] },
    { row: 3, action: 'error', cells: ['CHN', 'Wang Yi', 'Minister', 'maybe'], changed: [] },
    { row: 4, action: 'create', cells: ['CHN', 'Li Qiang', 'Premier', 'pending'], changed: [] },
    { row: 5, action: 'error', cells: ['XYZ', 'Nobody', '', ''], changed: [] },
  ],
})

const csv = (name = 'members.csv') => new File(['delegation_code,full_name\nCHN,Li Qiang\n'], name, { type: 'application/vnd.ms-excel' })

/** opened waits for the page: the app's start (session, summit, the lazy page) may take long on a busy machine. */
const opened = () => screen.findByRole('heading', { name: 'Import from a spreadsheet' }, { timeout: 15_000 })

/** choose picks a file in the page's file input (whose label is in the user's language). */
function choose(file: File) {
  fireEvent.change(document.querySelector('input[type="file"]')!, { target: { files: [file] } })
}

describe('the import page', () => {
  it('previews a file with a dry run, then imports it all', async () => {
    const posts: { dry: boolean; type: string | null; body: unknown }[] = []
    const { calls } = visitAs(user('organiser'), '/import', {
      'POST /api/v1/import/members': ({ url, init }) => {
        const dry = url.searchParams.get('dry_run') === '1'
        posts.push({ dry, type: new Headers(init.headers).get('Content-Type'), body: init.body })
        return { body: dry ? preview() : preview({ rows: preview().rows.map((r) => ({ ...r, id: r.id ?? 'm3' })) }) }
      },
    })
    expect(await opened()).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Import' })).toBeTruthy()
    expect(screen.getByLabelText('Spreadsheet (.csv or .xlsx, up to 10 MB)')).toBeTruthy()
    fireEvent.click(screen.getByLabelText('Members of delegations'))
    expect(screen.getByText('Rows are matched by the columns delegation_code and full_name.')).toBeTruthy()
    const file = csv()
    choose(file)
    expect(await screen.findByText('1 to create, 1 to update, 1 unchanged.')).toBeTruthy()
    // A CSV goes as text/csv whatever the browser calls it.
    expect(posts[0]).toEqual({ dry: true, type: 'text/csv', body: file })

    const table = screen.getByRole('table', { name: 'Preview' })
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(4)
    expect(within(rows[2]!).getByText('Update')).toBeTruthy()
    const changed = within(rows[2]!).getByText('Minister of Foreign Affairs').closest('td')!
    expect(changed.className).toBe('import-cell--changed')
    expect(changed.textContent).toBe('was Minister → Minister of Foreign Affairs')
    expect(within(rows[3]!).getByText('New')).toBeTruthy()

    fireEvent.click(screen.getByLabelText('Only rows that change or have errors'))
    expect(within(table).getAllByRole('row')).toHaveLength(3)

    fireEvent.click(screen.getByRole('button', { name: 'Import 2 rows' }))
    expect(await screen.findByText('Imported: 1 created, 1 updated, 1 unchanged.', { selector: '.import-done p' })).toBeTruthy()
    expect(posts[1]).toMatchObject({ dry: false, type: 'text/csv' })
    expect(screen.queryByRole('table', { name: 'Preview' })).toBeNull()
    expect(calls.filter((c) => c.path === '/api/v1/import/members')).toHaveLength(2)
  })

  it('marks each error on its cell and will not import a file with errors', async () => {
    visitAs(user('organiser'), '/import', { 'POST /api/v1/import/delegations': () => ({ body: withErrors }) })
    await opened()
    choose(csv())
    expect(await screen.findByText(/Rows with errors: 2\./)).toBeTruthy()
    expect(screen.getByText('Row 5, delegation_code: no delegation has code XYZ')).toBeTruthy()
    const table = screen.getByRole('table', { name: 'Preview' })
    const bad = within(table).getByText('maybe').closest('td')!
    expect(bad.getAttribute('aria-invalid')).toBe('true')
    expect(within(bad).getByText('must be one of Pending, Approved, Rejected')).toBeTruthy()
    expect(within(table).getAllByText('Error')).toHaveLength(2)
    expect((screen.getByRole('button', { name: 'Import 1 rows' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('says why a file is refused, in the user’s language, and sends no other kind of file', async () => {
    const { calls } = visitAs(user('organiser'), '/import', {
      'POST /api/v1/import/delegations': () => ({
        status: 422,
        body: {
          type: 'about:blank',
          title: 'Unprocessable Entity',
          status: 422,
          detail: "The file's header row does not name the columns of delegations.",
          errors: [{ row: 1, field: 'code', message: 'is a column the file must have' }],
        },
      }),
    })
    await opened()
    choose(new File(['%PDF'], 'programme.pdf', { type: 'application/pdf' }))
    expect(await screen.findByText('Choose a .csv or .xlsx file.')).toBeTruthy()
    expect(calls.some((c) => c.path.startsWith('/api/v1/import'))).toBe(false)

    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'ru' } })
    choose(csv('делегации.csv'))
    const alert = await screen.findByText('Этот файл нельзя импортировать:')
    await waitFor(() => expect(within(alert.closest('[role="alert"]')!).getByText('Строка 1, code: Этот столбец в файле обязателен')).toBeTruthy())
  })

  it('is not offered to delegates', async () => {
    visitAs(user('delegate'), '/import')
    expect(await screen.findByRole('heading', { name: /not found|Page not found/i })).toBeTruthy()
    expect(screen.queryByRole('link', { name: 'Import' })).toBeNull()
  })
})
