import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Delegation } from '../api/types.ts'
import { leave, visitAs } from '../test/app.tsx'
import { delegation, impact, isDryRun, user } from '../test/fakeServer.ts'
import { talks } from '../test/fixtures.ts'

afterEach(async () => {
  cleanup()
  await leave()
})

const chn: Delegation = { ...delegation('d-chn', 'CHN', 'China', 2), arrival_at: '2024-07-03T03:00:00Z', version: 3 }

/** chinaServer answers China's PATCH: a dry run with impact, the real one with the new version; it keeps every PATCH. */
function chinaRoutes(impactOf: (body: unknown) => ReturnType<typeof impact>[]) {
  const patches: { dryRun: boolean; body: unknown; ifMatch: string | null }[] = []
  const routes = {
    'GET /api/v1/delegations/d-chn': chn,
    'GET /api/v1/delegations': { items: [chn] },
    'GET /api/v1/delegations/d-chn/members': { items: [] },
    'PATCH /api/v1/delegations/d-chn': ({ url, body, init }: { url: URL; body: unknown; init: RequestInit }) => {
      const dryRun = isDryRun(url)
      patches.push({ dryRun, body, ifMatch: new Headers(init.headers).get('If-Match') })
      const after = { ...chn, ...(body as object), version: dryRun ? 3 : 4 }
      return { body: { ...after, impact: impactOf(body) } }
    },
  }
  return { routes, patches }
}

const late = [
  impact('m1', 'delegation_presence', 'China has not arrived by the start of “Welcome ceremony” (10:00)'),
  impact('m2', 'delegation_presence', 'China has not arrived by the start of “Talks: Kazakhstan – China” (12:00)'),
  impact('m2', 'travel_time', 'Xi Jinping needs 20 min from the airport'),
]

describe('saving a delegation’s arrival', () => {
  it('asks first with ?dry_run=1, lists what it would break, saves nothing on Cancel and for real on Save anyway', async () => {
    const { routes, patches } = chinaRoutes(() => late)
    // The delegate may see m1 (the meetings an impact lists are those the caller may see), which is named.
    visitAs(user('delegate'), '/delegation', { ...routes, 'GET /api/v1/meetings/m1': { ...talks, id: 'm1', title: 'Welcome ceremony' } })
    const arrival = (await screen.findByLabelText('Arrival')) as HTMLInputElement
    expect(arrival.value).toBe('2024-07-03T08:00')
    fireEvent.change(arrival, { target: { value: '2024-07-03T16:00' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))

    const dialog = await screen.findByRole('dialog', { name: 'This change breaks the programme' })
    expect(patches).toEqual([{ dryRun: true, body: { arrival_at: '2024-07-03T11:00:00Z', departure_at: null, hotel: '', hotel_venue_id: null }, ifMatch: '"3"' }])
    expect(dialog.textContent).toContain('Meetings affected: 2.')
    const summary = within(dialog).getAllByRole('list')[0]!
    expect(within(summary).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Meetings of China before its arrival or after its departure: 2',
      'Not enough travel time — meetings: 1',
    ])
    const items = within(dialog).getAllByRole('list')[1]!
    await waitFor(() =>
      expect(within(items).getAllByRole('listitem')[0]!.textContent).toBe(
        'Welcome ceremony (Wed 3 Jul, 12:00): China has not arrived by the start of “Welcome ceremony” (10:00)',
      ),
    )
    expect(within(items).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Welcome ceremony (Wed 3 Jul, 12:00): China has not arrived by the start of “Welcome ceremony” (10:00)',
      late[1]!.message,
      late[2]!.message,
    ])

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(patches).toHaveLength(1)
    expect(screen.queryByText('Saved.')).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Save anyway' }))
    expect(await screen.findByText('Saved.')).toBeTruthy()
    expect(patches.map((p) => p.dryRun)).toEqual([true, true, false])
    expect(patches[2]).toEqual({ dryRun: false, body: patches[0]!.body, ifMatch: '"3"' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('saves straight away when the change breaks nothing', async () => {
    const { routes, patches } = chinaRoutes(() => [])
    visitAs(user('delegate'), '/delegation', routes)
    fireEvent.change(await screen.findByLabelText('Hotel'), { target: { value: 'Hilton Astana' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Saved.')).toBeTruthy()
    expect(patches.map((p) => p.dryRun)).toEqual([true, false])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('asks the organiser too, in the delegation dialog, which stays open behind the confirmation', async () => {
    const { routes, patches } = chinaRoutes((body) => ((body as { departure_at?: string }).departure_at ? [late[0]!] : []))
    visitAs(user('organiser'), '/delegations', routes)
    fireEvent.click(await screen.findByRole('button', { name: /^Edit\s*China$/ }, { timeout: 3000 }))
    const form = await screen.findByRole('dialog', { name: 'Edit delegation' }, { timeout: 3000 })
    fireEvent.change(within(form).getByLabelText('Departure'), { target: { value: '2024-07-03T09:00' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    const confirm = await screen.findByRole('dialog', { name: 'This change breaks the programme' })
    expect(confirm.textContent).toContain('Meetings of China before its arrival or after its departure: 1')
    // Escape closes the confirmation only.
    fireEvent.keyDown(document, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'This change breaks the programme' })).toBeNull())
    expect(screen.getByRole('dialog', { name: 'Edit delegation' })).toBeTruthy()
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Save anyway' }))
    expect(await screen.findByText('Saved.')).toBeTruthy()
    expect(patches.map((p) => p.dryRun)).toEqual([true, true, false])
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })
})
