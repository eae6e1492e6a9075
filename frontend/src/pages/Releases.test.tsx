import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { MyChanges, Release, ReleaseChanges, ReleasedMeeting } from '../api/types.ts'
import { leave, visitAs } from '../test/app.tsx'
import { delegation, user } from '../test/fakeServer.ts'

afterEach(async () => {
  cleanup()
  await leave()
})

const release = (number: number, meetings: number, note = ''): Release => ({ number, meetings, note, created_at: '2024-07-01T06:00:00Z' })

const frozen = (id: string, title: string, extra: Partial<ReleasedMeeting> = {}): ReleasedMeeting => ({
  id,
  title,
  kind: 'bilateral',
  starts_at: '2024-07-04T05:00:00Z', // 10:00 in Astana
  ends_at: '2024-07-04T06:00:00Z',
  room_id: 'r1',
  room_name: 'Oval Hall',
  venue_id: 'v1',
  venue_name: 'Akorda',
  status: 'confirmed',
  visibility: 'participants',
  languages: ['ru', 'zh'],
  expected_attendance: 0,
  participants: [{ delegation_id: 'd-chn' }],
  version: 1,
  ...extra,
})

const talks = frozen('m1', 'Talks: Kazakhstan – China')
const moved = { ...talks, starts_at: '2024-07-04T05:30:00Z', ends_at: '2024-07-04T06:30:00Z', room_id: 'r2', room_name: 'Small', version: 2 }
const lunch = frozen('m2', 'Lunch of China', { starts_at: '2024-07-04T08:00:00Z', ends_at: '2024-07-04T09:00:00Z' })
const gala = frozen('m3', 'Gala concert', { starts_at: '2024-07-04T14:00:00Z', ends_at: '2024-07-04T16:00:00Z' })
const changes = (since: number, number: number): ReleaseChanges => ({ number, since, added: [lunch], changed: [{ before: talks, after: moved }], removed: [gala] })

describe('the releases page', () => {
  it('publishes the programme with a note and lists the new release', async () => {
    let list = [release(1, 4, 'First')]
    const { calls } = visitAs(user('organiser'), '/releases', {
      'GET /api/v1/releases': () => ({ body: { items: list } }),
      'POST /api/v1/releases': ({ body }) => {
        const r = release(2, 5, (body as { note: string }).note)
        list = [r, ...list]
        return { status: 201, body: r }
      },
      'GET /api/v1/releases/2/changes': changes(1, 2),
    })
    expect(await screen.findByRole('heading', { name: 'Releases of the programme' })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Note for this release'), { target: { value: 'After the talks moved' } })
    fireEvent.click(screen.getByRole('button', { name: 'Publish release' }))
    expect(await screen.findByText('Release 2 published: 5 meetings.')).toBeTruthy()
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/releases')?.body).toEqual({ note: 'After the talks moved' })
    const table = screen.getByRole('table')
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3))
    expect(within(table).getByText('After the talks moved')).toBeTruthy()
    expect((screen.getByLabelText('Note for this release') as HTMLTextAreaElement).value).toBe('')
  })

  it('says so when the release is empty', async () => {
    visitAs(user('organiser'), '/releases', {
      'GET /api/v1/releases': { items: [] },
      'POST /api/v1/releases': () => ({ status: 201, body: { ...release(1, 0), message: 'Release 1 holds no meetings' } }),
    })
    expect(await screen.findByText('Nothing has been released yet.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Publish release' }))
    expect(await screen.findByText('Release 1 published, but it is empty: nothing was confirmed.')).toBeTruthy()
  })

  it('compares two releases side by side: added, changed old → new in Astana time with what differs marked, removed', async () => {
    const { calls } = visitAs(user('organiser'), '/releases', {
      'GET /api/v1/releases': { items: [release(3, 5), release(2, 4), release(1, 0)] },
      'GET /api/v1/releases/3/changes': ({ url }) => ({ body: changes(Number(url.searchParams.get('since')), 3) }),
    })
    expect(await screen.findByText('Added: 1 · changed: 1 · removed: 1')).toBeTruthy()
    expect(calls.find((c) => c.path === '/api/v1/releases/3/changes')?.url.searchParams.get('since')).toBe('2')
    const changed = document.querySelector('.change--changed') as HTMLElement
    expect(within(changed).getByText('Release 2')).toBeTruthy()
    expect(within(changed).getByText('Release 3')).toBeTruthy()
    // Old and new times in Astana time (UTC+5); what differs is marked.
    const before = changed.querySelector('.change__before') as HTMLElement
    const after = changed.querySelector('.change__after') as HTMLElement
    expect(before.querySelector('mark')?.textContent).toBe('Thu 4 Jul, 10:00–11:00')
    expect(after.querySelector('mark')?.textContent).toBe('Thu 4 Jul, 10:30–11:30')
    expect([...after.querySelectorAll('mark')].map((m) => m.textContent)).toContain('Small, Akorda')
    expect(document.querySelector('.change--added')?.textContent).toContain('Lunch of China')
    expect(document.querySelector('.change--removed')?.textContent).toContain('Gala concert')
    // Another earlier release is asked for with since.
    fireEvent.change(screen.getByLabelText('Earlier'), { target: { value: '1' } })
    await waitFor(() => expect(calls.some((c) => c.url.searchParams.get('since') === '1')).toBe(true))
    // Earlier not before later: nothing is asked, it says why.
    fireEvent.change(screen.getByLabelText('Earlier'), { target: { value: '3' } })
    expect(await screen.findByText('Choose an earlier release on the left than on the right.')).toBeTruthy()
    expect(calls.some((c) => c.url.searchParams.get('since') === '3')).toBe(false)
  })
})

describe('what changed since you last looked', () => {
  const chn = delegation('d-chn', 'CHN', 'China', 2)
  const delegate = user('delegate', { delegation_id: 'd-chn' })
  const base = {
    'GET /api/v1/delegations': { items: [chn] },
    'GET /api/v1/agenda': { items: [] },
    'GET /api/v1/releases': { items: [release(2, 4)] },
  }

  it('opens the delegate’s agenda with old → new in their language, and marks it seen', async () => {
    window.localStorage.setItem('summit.lang', 'ru')
    let seen = false
    const mine = (): MyChanges =>
      seen
        ? { added: [], changed: [], removed: [], baseline: 'seen', seen_at: '2024-07-04T07:00:00Z', release: 2, latest_release: 2 }
        : { added: [lunch], changed: [{ before: talks, after: moved }], removed: [], baseline: 'release', seen_at: null, release: 2, latest_release: 2 }
    const { calls } = visitAs(delegate, '/', {
      ...base,
      'GET /api/v1/me/changes': () => ({ body: mine() }),
      'POST /api/v1/me/changes/seen': () => {
        seen = true
        return { body: { seen_at: '2024-07-04T07:00:00Z', release: 2, meetings: 2 } }
      },
    })
    const panel = await screen.findByRole('region', { name: 'Что изменилось с вашего последнего просмотра' })
    expect(within(panel).getByText('По сравнению с выпуском программы № 2.')).toBeTruthy()
    const changed = panel.querySelector('.change--changed') as HTMLElement
    expect(within(changed).getByText('Изменена')).toBeTruthy()
    expect(changed.querySelector('.change__before mark')?.textContent).toContain('10:00–11:00')
    expect(changed.querySelector('.change__after mark')?.textContent).toContain('10:30–11:30')
    expect(within(panel).getByText('Добавлена')).toBeTruthy()
    fireEvent.click(within(panel).getByRole('button', { name: 'Отметить как просмотренное' }))
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/me/changes/seen')).toBe(true))
    expect(await within(panel).findByText('Ничего не изменилось.')).toBeTruthy()
    expect(within(panel).queryByRole('button', { name: 'Отметить как просмотренное' })).toBeNull()
    // The printed agenda carries the release number.
    expect(document.querySelector('.print-stamp')?.textContent).toMatch(/^Выпуск программы № 2 · напечатано /)
  })

  it('says there is nothing to compare with before the first release, and prints "not released"', async () => {
    visitAs(delegate, '/', {
      ...base,
      'GET /api/v1/releases': { items: [] },
      'GET /api/v1/me/changes': { added: [], changed: [], removed: [], baseline: 'none', seen_at: null, release: 0, latest_release: 0 },
    })
    const panel = await screen.findByRole('region', { name: 'What changed since you last looked' })
    expect(within(panel).getByText('The programme has not been released yet, so there is nothing to compare with.')).toBeTruthy()
    expect(within(panel).queryByRole('button')).toBeNull()
    await waitFor(() => expect(document.querySelector('.print-stamp')?.textContent).toMatch(/^Programme not released · printed /))
  })
})
