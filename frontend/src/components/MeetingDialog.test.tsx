import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CheckResult, Meeting, MeetingWrite, Member } from '../api/types.ts'
import { delegation, fakeServer, room, summit, venue } from '../test/fakeServer.ts'
import { renderWithProviders } from '../test/render.tsx'
import { MeetingDialog, suggestLanguages } from './MeetingDialog.tsx'

afterEach(cleanup)

const roomOverlap = {
  rule: 'room_overlap',
  message: 'Room Oval Hall is already booked for “Talks: Kazakhstan – Azerbaijan” from 11:00 to 11:45.',
  room_id: 'r1',
} as const
const capacity = { rule: 'room_capacity', message: 'Room Oval Hall seats 30; this meeting expects 100 people.', room_id: 'r1' } as const

function server() {
  const checks: MeetingWrite[] = []
  const posts: { body: MeetingWrite; key: string | null }[] = []
  const api = fakeServer({
    'GET /api/v1/summit': summit,
    'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall', { capacity: 30 })] },
    'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
    'GET /api/v1/delegations': { items: [delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), delegation('d-chn', 'CHN', 'China', 5)] },
    'POST /api/v1/meetings/check': ({ body }) => {
      const b = body as MeetingWrite
      checks.push(b)
      const result: CheckResult = {
        conflicts: b.allow?.includes('room_capacity') ? [roomOverlap] : [roomOverlap, capacity],
        warnings: b.allow?.includes('room_capacity') ? [capacity] : [],
      }
      return { body: result }
    },
    'POST /api/v1/meetings': ({ body, init }) => {
      posts.push({ body: body as MeetingWrite, key: new Headers(init.headers).get('Idempotency-Key') })
      return {
        status: 409,
        body: { type: 'x', title: 'Conflict', status: 409, detail: 'The meeting breaks 1 rule.', conflicts: [roomOverlap] },
      }
    },
  })
  return { ...api, checks, posts }
}

describe('the meeting dialog', () => {
  it('checks the meeting as the organiser types and explains each conflict, with overrides for the soft ones', async () => {
    const { checks, posts } = server()
    renderWithProviders(<MeetingDialog meeting={null} defaults={{ day: '2024-07-03', roomId: 'r1', minute: 11 * 60 }} onClose={vi.fn()} />)

    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Talks: Kazakhstan – China' } })
    fireEvent.change(screen.getByLabelText('Expected attendance'), { target: { value: '100' } })

    const panel = await screen.findByRole('region', { name: /Rules/ })
    expect(await within(panel).findByText(roomOverlap.message, {}, { timeout: 3000 })).toBeTruthy()
    expect(within(panel).getByText('Room double-booked')).toBeTruthy()
    expect(within(panel).getByText('cannot be overridden')).toBeTruthy()
    expect(within(panel).getByText('Room too small')).toBeTruthy()
    expect(within(panel).getByText(capacity.message)).toBeTruthy()
    // Only the overridable rule offers a checkbox.
    const boxes = within(panel).getAllByRole('checkbox', { name: 'Override: book it anyway' })
    expect(boxes).toHaveLength(1)

    // The check ran with the times read in Astana time, debounced to one call per pause.
    const last = checks.at(-1)!
    expect(last.starts_at).toBe('2024-07-03T06:00:00Z')
    expect(last.ends_at).toBe('2024-07-03T06:45:00Z')
    expect(last.expected_attendance).toBe(100)
    expect(checks.length).toBeLessThanOrEqual(2)

    fireEvent.click(boxes[0]!)
    await waitFor(() => expect(checks.at(-1)?.allow).toEqual(['room_capacity']), { timeout: 3000 })

    fireEvent.click(screen.getByRole('button', { name: 'Book meeting' }))
    expect(await screen.findByText(/Not saved: the rules above are broken/)).toBeTruthy()
    expect(posts).toHaveLength(1)
    expect(posts[0]?.body.allow).toEqual(['room_capacity'])
    expect(posts[0]?.key).toBeTruthy()

    // Retrying the same booking reuses the Idempotency-Key.
    fireEvent.click(screen.getByRole('button', { name: 'Book meeting' }))
    await waitFor(() => expect(posts).toHaveLength(2))
    expect(posts[1]?.key).toBe(posts[0]?.key)
  })
})

const xi = member('p-xi', 'd-chn', 'Xi Jinping', 'President', true)
const wang = member('p-wang', 'd-chn', 'Wang Yi', 'Minister of Foreign Affairs')
const tokayev = member('p-tok', 'd-kaz', 'Kassym-Jomart Tokayev', 'President', true)

function member(id: string, delegationId: string, fullName: string, position: string, isHead = false): Member {
  return {
    id,
    delegation_id: delegationId,
    full_name: fullName,
    position,
    is_head: isHead,
    accreditation: 'approved',
    badge_category_id: null,
    hotel_block_id: null,
    hotel_room: '',
    nights: null,
    has_photo: false,
    names: {},
    version: 1,
    created_at: '2024-06-01T00:00:00Z',
    updated_at: '2024-06-01T00:00:00Z',
  }
}

const kazChina: Meeting = {
  id: 'm-talks',
  title: 'Talks: Kazakhstan – China',
  kind: 'bilateral',
  starts_at: '2024-07-03T07:00:00Z',
  ends_at: '2024-07-03T08:15:00Z',
  room_id: 'r2',
  status: 'confirmed',
  visibility: 'participants',
  languages: [],
  expected_attendance: 30,
  participants: [{ delegation_id: 'd-kaz' }, { delegation_id: 'd-chn', member_ids: ['p-xi', 'p-wang'] }],
  allow: [],
  request_id: null,
  version: 2,
  created_at: '2024-06-01T00:00:00Z',
  updated_at: '2024-06-01T00:00:00Z',
}

/** peopleServer: delegations with members; Wang Yi is busy in the talks at 12:00–13:15. */
function peopleServer() {
  const checks: MeetingWrite[] = []
  const writes: { method: string; body: MeetingWrite; ifMatch: string | null }[] = []
  const api = fakeServer({
    'GET /api/v1/summit': summit,
    'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall', { capacity: 30 }), room('r2', 'v1', 'Golden Hall')] },
    'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
    'GET /api/v1/delegations': { items: [delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), delegation('d-chn', 'CHN', 'China', 5)] },
    // The members of the delegations asked for, in one call (China's head not first: the dialog puts heads first).
    'GET /api/v1/members': ({ url }) => {
      const ids = url.searchParams.getAll('delegation_id')
      return { body: { items: [wang, xi, tokayev].filter((m) => ids.includes(m.delegation_id)) } }
    },
    'GET /api/v1/meetings/m-talks': kazChina,
    'POST /api/v1/meetings/check': ({ body }) => {
      const b = body as MeetingWrite
      checks.push(b)
      const wangThere = (b.participants ?? []).some((p) => p.member_ids?.includes('p-wang'))
      const result: CheckResult = {
        conflicts: wangThere
          ? [
              {
                rule: 'member_overlap',
                message: 'A member of the China delegation is already attending “Talks: Kazakhstan – China” from 12:00 to 13:15, at the same time as this meeting.',
                meeting_id: 'm-talks',
                member_id: 'p-wang',
              },
            ]
          : [],
        warnings: [],
      }
      return { body: result }
    },
    'POST /api/v1/meetings': ({ body }) => {
      writes.push({ method: 'POST', body: body as MeetingWrite, ifMatch: null })
      return { status: 201, body: { ...kazChina, ...(body as object), id: 'm-new', version: 1 } }
    },
    'PATCH /api/v1/meetings/m-talks': ({ body, init }) => {
      writes.push({ method: 'PATCH', body: body as MeetingWrite, ifMatch: new Headers(init.headers).get('If-Match') })
      return { body: { ...kazChina, ...(body as object), version: 3 } }
    },
  })
  return { ...api, checks, writes }
}

describe('choosing people', () => {
  it('lets the organiser name members of a delegation, checks them live and names a busy person in plain words', async () => {
    const { checks, writes } = peopleServer()
    renderWithProviders(<MeetingDialog meeting={null} defaults={{ day: '2024-07-03', roomId: 'r1', minute: 12 * 60 }} onClose={vi.fn()} />)
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Foreign ministers' } })
    fireEvent.click(await screen.findByRole('checkbox', { name: 'China' }))
    fireEvent.click(screen.getByRole('checkbox', { name: 'Kazakhstan' }))

    // A delegation alone stands for its head, and says so.
    const chosen = screen.getByRole('list', { name: 'Chosen delegations and their people' })
    expect(await within(chosen).findByText('Xi Jinping, head of delegation')).toBeTruthy()
    expect(await within(chosen).findByText('Kassym-Jomart Tokayev, head of delegation')).toBeTruthy()
    await waitFor(() => expect(checks.at(-1)?.participants).toEqual([{ delegation_id: 'd-chn' }, { delegation_id: 'd-kaz' }]), { timeout: 3000 })

    // Open China's people: the head is ticked (he attends), Wang Yi is not.
    fireEvent.click(within(chosen).getByRole('button', { name: 'Choose people (China)' }))
    const people = screen.getByRole('group', { name: 'People of China' })
    const xiBox = within(people).getByRole('checkbox', { name: /^Xi Jinping/ }) as HTMLInputElement
    const wangBox = within(people).getByRole('checkbox', { name: /^Wang Yi/ }) as HTMLInputElement
    expect(xiBox.checked).toBe(true)
    expect(wangBox.checked).toBe(false)

    // Wang Yi instead of Xi Jinping.
    fireEvent.click(wangBox)
    fireEvent.click(xiBox)
    expect(within(chosen).getByText('Wang Yi', { selector: '.chosen__who' })).toBeTruthy()
    await waitFor(
      () =>
        expect(checks.at(-1)?.participants).toEqual([
          { delegation_id: 'd-chn', member_ids: ['p-wang'] },
          { delegation_id: 'd-kaz' },
        ]),
      { timeout: 3000 },
    )

    // The conflict names him, with the other meeting's title and its times in Astana time.
    const panel = screen.getByRole('region', { name: /Rules/ })
    expect(await within(panel).findByText('Wang Yi (China) is already in “Talks: Kazakhstan – China” from 12:00 to 13:15.')).toBeTruthy()
    expect(within(panel).getByText('Someone is in two places')).toBeTruthy()

    // Both people back: the body names both, head first.
    fireEvent.click(xiBox)
    fireEvent.click(screen.getByRole('button', { name: 'Book meeting' }))
    await waitFor(() => expect(writes).toHaveLength(1))
    expect(writes[0]?.body.participants).toEqual([
      { delegation_id: 'd-chn', member_ids: ['p-xi', 'p-wang'] },
      { delegation_id: 'd-kaz' },
    ])
  })

  it('says the head attends when nobody is ticked, and sends the delegation alone', async () => {
    const { checks } = peopleServer()
    renderWithProviders(<MeetingDialog meeting={null} defaults={{ day: '2024-07-03', minute: 15 * 60 }} onClose={vi.fn()} />)
    fireEvent.click(await screen.findByRole('checkbox', { name: 'China' }))
    fireEvent.click(screen.getByRole('button', { name: 'Choose people (China)' }))
    const people = screen.getByRole('group', { name: 'People of China' })
    fireEvent.click(await within(people).findByRole('checkbox', { name: /^Xi Jinping/ }))
    expect(within(people).getByText('Nobody ticked: the head, Xi Jinping, attends.')).toBeTruthy()
    await waitFor(() => expect(checks.at(-1)?.participants).toEqual([{ delegation_id: 'd-chn' }]), { timeout: 3000 })
  })

  it('shows the members an existing meeting names, and keeps them when saved', async () => {
    const { writes, calls } = peopleServer()
    renderWithProviders(<MeetingDialog meeting={kazChina} defaults={{ day: '2024-07-03' }} onClose={vi.fn()} />)
    const chosen = screen.getByRole('list', { name: 'Chosen delegations and their people' })
    expect(await within(chosen).findByText('Xi Jinping, Wang Yi')).toBeTruthy()
    expect(await within(chosen).findByText('Kassym-Jomart Tokayev, head of delegation')).toBeTruthy()
    // Both delegations' members came with one call.
    const memberCalls = calls.filter((c) => c.path.endsWith('/members'))
    expect(memberCalls.map((c) => c.url.searchParams.getAll('delegation_id'))).toEqual([['d-chn', 'd-kaz']])
    // Named people are shown open, ticked.
    const people = screen.getByRole('group', { name: 'People of China' })
    expect((within(people).getByRole('checkbox', { name: /^Xi Jinping/ }) as HTMLInputElement).checked).toBe(true)
    expect((within(people).getByRole('checkbox', { name: /^Wang Yi/ }) as HTMLInputElement).checked).toBe(true)
    expect(screen.getByRole('button', { name: 'Done (China)' }).getAttribute('aria-expanded')).toBe('true')
    // Times are shown in Astana time, whatever the device's zone.
    expect((screen.getByLabelText('Starts') as HTMLInputElement).value).toBe('12:00')
    expect((screen.getByLabelText('Ends') as HTMLInputElement).value).toBe('13:15')

    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(writes).toHaveLength(1))
    expect(writes[0]).toMatchObject({ method: 'PATCH', ifMatch: '"2"' })
    expect(writes[0]?.body.participants).toEqual(kazChina.participants)
  })
})

describe('saying what was saved', () => {
  it('says a new draft is saved as a draft, and a new confirmed meeting is booked', async () => {
    const { writes } = peopleServer()
    const onClose = vi.fn()
    renderWithProviders(<MeetingDialog meeting={null} defaults={{ day: '2024-07-03', roomId: 'r1', minute: 15 * 60 }} onClose={onClose} />)
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Talks: Kazakhstan – China' } })
    fireEvent.click(await screen.findByRole('checkbox', { name: 'China' }))
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('draft')
    fireEvent.click(screen.getByRole('button', { name: 'Book meeting' }))
    expect(await screen.findByText('“Talks: Kazakhstan – China” is saved as a draft.')).toBeTruthy()
    expect(screen.queryByText(/is booked/)).toBeNull()
    expect(writes[0]?.body.status).toBe('draft')
    cleanup()

    peopleServer()
    renderWithProviders(<MeetingDialog meeting={null} defaults={{ day: '2024-07-03', roomId: 'r1', minute: 15 * 60 }} onClose={vi.fn()} />)
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Talks: Kazakhstan – China' } })
    fireEvent.click(await screen.findByRole('checkbox', { name: 'China' }))
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'confirmed' } })
    fireEvent.click(screen.getByRole('button', { name: 'Book meeting' }))
    expect(await screen.findByText('“Talks: Kazakhstan – China” is booked.')).toBeTruthy()
  })
})

describe('languages', () => {
  it('suggests one language every delegation speaks, else each one’s first', () => {
    expect(suggestLanguages([])).toEqual([])
    expect(suggestLanguages([{ languages: ['kk', 'ru'] }])).toEqual(['kk'])
    expect(suggestLanguages([{ languages: ['kk', 'ru', 'en'] }, { languages: ['zh', 'en', 'ru'] }])).toEqual(['ru'])
    expect(suggestLanguages([{ languages: ['kk'] }, { languages: ['zh'] }, { languages: [] }])).toEqual(['kk', 'zh'])
    expect(suggestLanguages([{ languages: ['RU'] }, { languages: ['ru'] }])).toEqual(['ru'])
  })

  function languageServer() {
    const checks: MeetingWrite[] = []
    const speaking = (d: ReturnType<typeof delegation>, languages: string[]) => ({ ...d, languages })
    fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall')] },
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/delegations': {
        items: [
          speaking(delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), ['kk', 'ru']),
          speaking(delegation('d-chn', 'CHN', 'China', 5), ['zh', 'ru']),
          speaking(delegation('d-ind', 'IND', 'India', 6), ['hi', 'en']),
        ],
      },
      'GET /api/v1/members': { items: [] },
      'POST /api/v1/meetings/check': ({ body }) => {
        checks.push(body as MeetingWrite)
        return { body: { conflicts: [], warnings: [] } }
      },
    })
    return { checks }
  }

  it('fills a new meeting’s languages from the chosen delegations until the user edits them', async () => {
    const { checks } = languageServer()
    renderWithProviders(<MeetingDialog meeting={null} defaults={{ day: '2024-07-03', roomId: 'r1' }} onClose={vi.fn()} />)
    const languages = screen.getByLabelText('Languages') as HTMLInputElement
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Kazakhstan' }))
    expect(languages.value).toBe('kk')
    fireEvent.click(screen.getByRole('checkbox', { name: 'China' }))
    expect(languages.value).toBe('ru')
    fireEvent.click(screen.getByRole('checkbox', { name: 'India' }))
    expect(languages.value).toBe('kk, zh, hi')
    fireEvent.click(screen.getByRole('checkbox', { name: 'India' }))
    expect(languages.value).toBe('ru')
    await waitFor(() => expect(checks.at(-1)?.languages).toEqual(['ru']), { timeout: 3000 })

    // Once edited, the user's languages stay.
    fireEvent.change(languages, { target: { value: 'en' } })
    fireEvent.click(screen.getByRole('checkbox', { name: 'India' }))
    expect(languages.value).toBe('en')
  })

  it('leaves an existing meeting’s languages alone', async () => {
    languageServer()
    renderWithProviders(<MeetingDialog meeting={{ ...kazChina, room_id: 'r1', languages: ['en'] }} defaults={{ day: '2024-07-03' }} onClose={vi.fn()} />)
    const languages = screen.getByLabelText('Languages') as HTMLInputElement
    fireEvent.click(await screen.findByRole('checkbox', { name: 'India' }))
    expect(languages.value).toBe('en')
  })
})

describe('free times', () => {
  it('offers the nearest free times under a blocking conflict and moves the meeting to one', async () => {
    const checks: MeetingWrite[] = []
    // Two free times, nearest first (Astana time: 11:45–12:30 and 14:30–15:15).
    const suggestions = [
      { starts_at: '2024-07-03T06:45:00Z', ends_at: '2024-07-03T07:30:00Z' },
      { starts_at: '2024-07-03T09:30:00Z', ends_at: '2024-07-03T10:15:00Z' },
    ]
    fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall', { capacity: 30 })] },
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/delegations': { items: [delegation('d-kaz', 'KAZ', 'Kazakhstan', 4)] },
      'POST /api/v1/meetings/check': ({ body }) => {
        const b = body as MeetingWrite
        checks.push(b)
        const taken = b.starts_at === '2024-07-03T06:00:00Z'
        const result: CheckResult = taken
          ? { conflicts: [roomOverlap], warnings: [], suggestions }
          : { conflicts: [], warnings: [], suggestions: [] }
        return { body: result }
      },
    })
    renderWithProviders(<MeetingDialog meeting={null} defaults={{ day: '2024-07-03', roomId: 'r1', minute: 11 * 60 }} onClose={vi.fn()} />)
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Talks: Kazakhstan – China' } })

    const panel = await screen.findByRole('region', { name: /Rules/ })
    const free = await within(panel).findByRole('group', { name: 'Free at the same place with the same people:' }, { timeout: 3000 })
    const buttons = within(free).getAllByRole('button')
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Move to 11:45–12:30', 'Move to 14:30–15:15'])
    expect(buttons.map((b) => b.textContent)).toEqual(['11:45–12:30', '14:30–15:15'])
    const before = checks.length

    fireEvent.click(within(free).getByRole('button', { name: 'Move to 14:30–15:15' }))
    // The form shows the new times, on the same day, and the start field has the focus.
    const startField = screen.getByLabelText('Starts') as HTMLInputElement
    expect(startField.value).toBe('14:30')
    expect((screen.getByLabelText('Ends') as HTMLInputElement).value).toBe('15:15')
    expect((screen.getByLabelText('Day') as HTMLInputElement).value).toBe('2024-07-03')
    expect(document.activeElement).toBe(startField)

    // The next check asks about the new time; nothing blocks there, so the free times go.
    await waitFor(() => expect(checks.length).toBeGreaterThan(before), { timeout: 3000 })
    expect(checks.at(-1)).toMatchObject({ starts_at: '2024-07-03T09:30:00Z', ends_at: '2024-07-03T10:15:00Z', room_id: 'r1' })
    expect(await within(panel).findByText(/No conflicts/)).toBeTruthy()
    expect(within(panel).queryByRole('group', { name: /Free at/ })).toBeNull()
  })
})
