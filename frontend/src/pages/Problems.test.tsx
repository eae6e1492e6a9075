import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ProgrammeProblem } from '../api/types.ts'
import { visitAs, leave } from '../test/app.tsx'
import { delegation, eventStream, problem, summit, user } from '../test/fakeServer.ts'
import { talks } from '../test/fixtures.ts'

afterEach(async () => {
  cleanup()
  await leave()
})

const kaz = delegation('d-kaz', 'KAZ', 'Kazakhstan', 1)
const chn = delegation('d-chn', 'CHN', 'China', 2)
const delegations = { items: [kaz, chn] }

function badge() {
  return screen.getByRole('link', { name: /^Meetings with problems: / })
}

describe('the problems page', () => {
  it('lists each meeting under every delegation taking part, with its day, time, rules and the server’s messages', async () => {
    const items: ProgrammeProblem[] = [
      problem('m1', { title: 'Talks: Kazakhstan – China' }),
      problem('m1', { title: 'Talks: Kazakhstan – China', rule: 'room_capacity', message: '30 attend; room Hall seats 20', delegation_id: undefined }),
      problem('m2', { title: 'Lunch of China', starts_at: '2024-07-04T06:00:00Z', ends_at: '2024-07-04T07:00:00Z', delegation_ids: ['d-chn'] }),
    ]
    visitAs(user('organiser'), '/problems', { 'GET /api/v1/problems': { items }, 'GET /api/v1/delegations': delegations })
    expect(await screen.findByRole('heading', { name: 'Problems in the programme' })).toBeTruthy()
    const kazakhstan = await screen.findByRole('region', { name: 'Kazakhstan (KAZ)' })
    const china = screen.getByRole('region', { name: 'China (CHN)' })
    expect(within(kazakhstan).getAllByRole('listitem').filter((li) => li.classList.contains('problem'))).toHaveLength(1)
    expect(kazakhstan.querySelector('.problem strong')?.textContent).toBe('Talks: Kazakhstan – China')
    const chinaItems = within(china).getAllByRole('listitem').filter((li) => li.classList.contains('problem'))
    expect(chinaItems.map((li) => li.querySelector('strong')?.textContent)).toEqual(['Talks: Kazakhstan – China', 'Lunch of China'])
    // Day and time in Astana time (UTC+5).
    expect(within(chinaItems[0]!).getByText('Wed 3 Jul, 12:00–13:15')).toBeTruthy()
    expect(within(chinaItems[1]!).getByText('Thu 4 Jul, 11:00–12:00')).toBeTruthy()
    expect(chinaItems[0]!.textContent).toContain('Delegation not in town: delegation CHN has not arrived by the start of meeting m1')
    expect(chinaItems[0]!.textContent).toContain('Room too small: 30 attend; room Hall seats 20')
    expect(within(chinaItems[0]!).getByRole('button', { name: 'Open meeting Talks: Kazakhstan – China' })).toBeTruthy()
    // The header counts meetings, not rules; the navigation has the page.
    expect(badge().textContent).toBe('⚠ Problems: 2')
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Problems' }).getAttribute('aria-current')).toBe('page')
  })

  it('says the programme has no problems when there are none', async () => {
    visitAs(user('admin'), '/problems', { 'GET /api/v1/problems': { items: [] }, 'GET /api/v1/delegations': delegations })
    expect(await screen.findByText('The programme has no problems: every meeting keeps every rule.')).toBeTruthy()
    expect(screen.queryByRole('region', { name: /China/ })).toBeNull()
    expect(badge().textContent).toBe('✓ Problems: 0')
  })

  it('moves a meeting to the first free time the check suggests, with If-Match of its version', async () => {
    const meeting = { ...talks, id: 'm1', version: 4 }
    let fixed = false
    const { calls } = visitAs(user('organiser'), '/problems', {
      'GET /api/v1/problems': () => ({ body: { items: fixed ? [] : [problem('m1', { title: talks.title })] } }),
      'GET /api/v1/delegations': delegations,
      'GET /api/v1/meetings/m1': meeting,
      'POST /api/v1/meetings/check': {
        conflicts: [{ rule: 'delegation_presence', message: 'not arrived' }],
        warnings: [],
        suggestions: [
          { starts_at: '2024-07-03T11:00:00Z', ends_at: '2024-07-03T12:15:00Z' },
          { starts_at: '2024-07-03T12:00:00Z', ends_at: '2024-07-03T13:15:00Z' },
        ],
      },
      'PATCH /api/v1/meetings/m1': ({ body }) => {
        fixed = true
        return { body: { ...meeting, ...(body as object), version: 5 } }
      },
    })
    const move = await screen.findAllByRole('button', { name: `Move to the nearest free time ${talks.title}` })
    fireEvent.click(move[0]!)
    expect(await screen.findByText(`“${talks.title}” moved to 16:00–17:15.`)).toBeTruthy()
    const check = calls.find((c) => c.path === '/api/v1/meetings/check')
    expect(check?.url.searchParams.get('meeting_id')).toBe('m1')
    expect(check?.body).toMatchObject({ starts_at: talks.starts_at, ends_at: talks.ends_at, room_id: 'r1', participants: talks.participants })
    const patch = calls.find((c) => c.method === 'PATCH')
    expect(new Headers(patch?.init.headers).get('If-Match')).toBe('"4"')
    expect(patch?.body).toEqual({ starts_at: '2024-07-03T11:00:00Z', ends_at: '2024-07-03T12:15:00Z' })
    // The list is read again: nothing left.
    expect(await screen.findByText('The programme has no problems: every meeting keeps every rule.')).toBeTruthy()
  })

  it('says so, and changes nothing, when there is no free time that day', async () => {
    const { calls } = visitAs(user('organiser'), '/problems', {
      'GET /api/v1/problems': { items: [problem('m1', { title: talks.title, delegation_ids: ['d-chn'] })] },
      'GET /api/v1/delegations': delegations,
      'GET /api/v1/meetings/m1': { ...talks, id: 'm1' },
      'POST /api/v1/meetings/check': { conflicts: [{ rule: 'room_capacity', message: 'too small' }], warnings: [], suggestions: [] },
    })
    fireEvent.click(await screen.findByRole('button', { name: `Move to the nearest free time ${talks.title}` }))
    expect(
      await screen.findByText(`There is no free time that day for “${talks.title}”. Open the meeting to change it by hand.`),
    ).toBeTruthy()
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false)
  })

  it('opens a meeting in the meeting dialog', async () => {
    visitAs(user('organiser'), '/problems', {
      'GET /api/v1/problems': { items: [problem('m1', { title: talks.title, delegation_ids: ['d-chn'] })] },
      'GET /api/v1/delegations': delegations,
      'GET /api/v1/meetings/m1': { ...talks, id: 'm1' },
      'GET /api/v1/rooms': { items: [] },
      'GET /api/v1/venues': { items: [] },
      'POST /api/v1/meetings/check': { conflicts: [], warnings: [], suggestions: [] },
    })
    fireEvent.click(await screen.findByRole('button', { name: `Open meeting ${talks.title}` }))
    const dialog = await screen.findByRole('dialog', { name: 'Edit meeting' })
    expect((within(dialog).getByLabelText('Title') as HTMLInputElement).value).toBe(talks.title)
  })
})

describe('the problems badge', () => {
  it('follows the live stream: problems.changed and meeting events read the list again', async () => {
    const stream = eventStream()
    let items = [problem('m1')]
    visitAs(user('organiser'), '/account', {
      'GET /api/v1/problems': () => ({ body: { items } }),
      'GET /api/v1/stream': stream.handler,
      'GET /api/v1/meetings/m9': { ...talks, id: 'm9' },
    })
    await waitFor(() => expect(badge().textContent).toBe('⚠ Problems: 1'))
    await waitFor(() => expect(stream.open()).toBe(true))
    items = [problem('m1'), problem('m2'), problem('m3', { rule: 'travel_time' })]
    await act(async () => stream.send({ type: 'problems.changed' }))
    await waitFor(() => expect(badge().textContent).toBe('⚠ Problems: 3'))
    items = []
    await act(async () => stream.send({ type: 'meeting.updated', id: 'm9', version: 2, actor_id: 'someone' }))
    await waitFor(() => expect(badge().textContent).toBe('✓ Problems: 0'))
    expect(badge().getAttribute('href')).toBe('/problems')
  })

  it('is not shown to delegates, who never ask for the problems', async () => {
    const { calls } = visitAs(user('delegate'), '/account', { 'GET /api/v1/summit': summit })
    expect(await screen.findByRole('heading', { name: 'My account' })).toBeTruthy()
    expect(screen.queryByRole('link', { name: /problems/i })).toBeNull()
    expect(calls.some((c) => c.path === '/api/v1/problems')).toBe(false)
  })
})
