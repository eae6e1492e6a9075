import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Meeting, MeetingShift } from '../api/types.ts'
import { fakeServer, summit } from '../test/fakeServer.ts'
import { talks } from '../test/fixtures.ts'
import { renderWithProviders } from '../test/render.tsx'
import { defaultStart, RunningLate } from './RunningLate.tsx'

afterEach(cleanup)

/** qatar: 15:15–16:00 in the same room, after the talks with China (12:00–13:15). */
const qatar: Meeting = { ...talks, id: 'm2', title: 'Talks: Kazakhstan – Qatar', starts_at: '2024-07-03T10:15:00Z', ends_at: '2024-07-03T11:00:00Z' }
const elsewhere: Meeting = { ...talks, id: 'm3', title: 'Elsewhere', room_id: 'r2' }
const cancelled: Meeting = { ...talks, id: 'm4', title: 'Called off', status: 'cancelled', starts_at: '2024-07-03T05:00:00Z', ends_at: '2024-07-03T05:30:00Z' }
const day = [cancelled, talks, qatar, elsewhere]

const travel = {
  rule: 'travel_time',
  message: 'Kassym-Jomart Tokayev (Kazakhstan) needs 10 minutes to travel to “Official reception”, which starts at 19:30; this meeting ends at 19:30.',
  meeting_id: 'm9',
  member_id: 'p1',
} as const
const overlap = { rule: 'member_overlap', message: 'Xi Jinping (China) is already attending “Arrival” from 12:30 to 12:45.', meeting_id: 'm8' } as const

const by = (m: Meeting, min: number): Meeting => ({
  ...m,
  starts_at: new Date(Date.parse(m.starts_at) + min * 60_000).toISOString(),
  ends_at: new Date(Date.parse(m.ends_at) + min * 60_000).toISOString(),
  version: m.version + 1,
})

function conflict(...conflicts: object[]) {
  return { status: 409, body: { type: 'x', title: 'Conflict', status: 409, detail: 'breaks rules', conflicts } }
}

/** server answers shifts with answer (by default: talks and qatar move) and records every body. */
function server(answer?: (b: MeetingShift) => { status?: number; body?: unknown } | undefined) {
  const shifts: MeetingShift[] = []
  fakeServer({
    'GET /api/v1/summit': summit,
    'POST /api/v1/meetings/shift': ({ body }) => {
      const b = body as MeetingShift
      shifts.push(b)
      return answer?.(b) ?? { body: { moved: [by(talks, b.minutes), by(qatar, b.minutes)] } }
    },
  })
  return shifts
}

const open = (onClose = vi.fn(), from?: string) =>
  renderWithProviders(<RunningLate room={{ id: 'r1', name: 'Golden Hall' }} day="2024-07-03" meetings={day} from={from} onClose={onClose} />)

describe('running late', () => {
  it('starts from the room’s first meeting on another day, and from now on the day itself', () => {
    expect(defaultStart('r1', '2024-07-03', day, 'Asia/Almaty', new Date('2024-06-01T10:00:00Z'))).toBe('12:00')
    expect(defaultStart('r1', '2024-07-03', day, 'Asia/Almaty', new Date('2024-07-03T08:42:00Z'))).toBe('13:42')
    expect(defaultStart('r9', '2024-07-03', day, 'Asia/Almaty', new Date('2024-06-01T10:00:00Z'))).toBe('08:00')
  })

  it('previews with a dry run, lists old → new times in summit time, and applies for real', async () => {
    const shifts = server()
    const onClose = vi.fn()
    open(onClose)
    const dialog = screen.getByRole('dialog', { name: 'Running late: Golden Hall' })
    expect((within(dialog).getByLabelText(/Meetings starting from/) as HTMLInputElement).value).toBe('12:00')
    fireEvent.click(within(dialog).getByRole('button', { name: '+10 min' }))
    const moves = within(dialog).getByRole('region', { name: 'What moves' })
    expect(await within(moves).findByText('12:00–13:15 → 12:10–13:25')).toBeTruthy()
    expect(within(moves).getByText('15:15–16:00 → 15:25–16:10')).toBeTruthy()
    expect(within(moves).getByText('Talks: Kazakhstan – Qatar')).toBeTruthy()
    expect(shifts).toEqual([{ room_id: 'r1', from: '2024-07-03T07:00:00Z', minutes: 10, allow: [], dry_run: true }])

    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }))
    expect(await screen.findByText('Meetings moved in Golden Hall: 2.')).toBeTruthy()
    expect(shifts[1]).toEqual({ room_id: 'r1', from: '2024-07-03T07:00:00Z', minutes: 10, allow: [] })
    expect(onClose).toHaveBeenCalled()
  })

  it('shows what would break; an overridable rule applies only once it is ticked', async () => {
    const shifts = server((b) => (b.allow?.includes('travel_time') ? undefined : conflict(travel)))
    open(vi.fn(), qatar.starts_at)
    const dialog = screen.getByRole('dialog', { name: 'Running late: Golden Hall' })
    expect((within(dialog).getByLabelText(/Meetings starting from/) as HTMLInputElement).value).toBe('15:15')
    const rules = await within(dialog).findByRole('region', { name: /Rules/ })
    expect(within(rules).getByText(travel.message)).toBeTruthy()
    expect(within(rules).getByText('Not enough travel time')).toBeTruthy()
    // What would move, from the board's copy: Qatar only (from 15:15).
    const moves = within(dialog).getByRole('region', { name: 'What moves' })
    expect(within(moves).getByText('15:15–16:00 → 15:30–16:15')).toBeTruthy()
    expect(within(moves).queryByText(/12:00–13:15/)).toBeNull()
    const apply = within(dialog).getByRole('button', { name: 'Apply' }) as HTMLButtonElement
    expect(apply.disabled).toBe(true)
    expect(within(dialog).getByText('Nothing can be applied while a conflict above stands.')).toBeTruthy()

    fireEvent.click(within(rules).getByRole('checkbox', { name: 'Override: move anyway' }))
    await waitFor(() => expect(apply.disabled).toBe(false))
    expect(shifts.at(-1)).toEqual({ room_id: 'r1', from: '2024-07-03T10:15:00Z', minutes: 15, allow: ['travel_time'], dry_run: true })
    // The overridden conflict stays in view, ticked.
    expect((within(rules).getByRole('checkbox', { name: 'Override: move anyway' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(apply)
    await waitFor(() => expect(shifts.at(-1)).toEqual({ room_id: 'r1', from: '2024-07-03T10:15:00Z', minutes: 15, allow: ['travel_time'] }))
  })

  it('offers no override for a rule that cannot be overridden, and never applies', async () => {
    const shifts = server(() => conflict(overlap))
    open()
    const rules = await screen.findByRole('region', { name: /Rules/ })
    expect(await within(rules).findByText(overlap.message)).toBeTruthy()
    expect(within(rules).getByText('cannot be overridden')).toBeTruthy()
    expect(within(rules).queryByRole('checkbox')).toBeNull()
    const apply = screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement
    expect(apply.disabled).toBe(true)
    fireEvent.submit(apply.closest('form')!)
    expect(shifts.every((s) => s.dry_run)).toBe(true)
  })

  it('takes a custom, negative number of minutes and says in words why the server refuses it', async () => {
    const shifts = server((b) =>
      b.minutes === -600
        ? {
            status: 422,
            body: {
              type: 'x',
              title: 'Unprocessable',
              status: 422,
              detail: 'invalid',
              errors: [
                { field: 'minutes', message: 'moves meeting m1 into another day' },
                { field: 'minutes', message: 'moves meeting m2 into another day' },
              ],
            },
          }
        : undefined,
    )
    open()
    fireEvent.click(screen.getByRole('button', { name: 'Other…' }))
    const minutes = screen.getByLabelText('Minutes')
    fireEvent.change(minutes, { target: { value: '-10' } })
    expect(await screen.findByText('12:00–13:15 → 11:50–13:05')).toBeTruthy()
    expect(shifts.at(-1)).toMatchObject({ minutes: -10, dry_run: true })
    fireEvent.change(minutes, { target: { value: '-600' } })
    expect(await screen.findByText('would move a meeting into another day')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('speaks Russian', async () => {
    server()
    renderWithProviders(<RunningLate room={{ id: 'r1', name: 'Golden Hall' }} day="2024-07-03" meetings={day} onClose={vi.fn()} />, { lang: 'ru' })
    expect(screen.getByRole('dialog', { name: 'Задержка: Golden Hall' })).toBeTruthy()
    expect(await screen.findByText('12:00–13:15 → 12:15–13:30')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Применить' })).toBeTruthy()
  })
})
