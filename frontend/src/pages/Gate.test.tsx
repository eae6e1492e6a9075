import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AccessAnswer } from '../api/types.ts'
import { leave, visitAs } from '../test/app.tsx'
import { user } from '../test/fakeServer.ts'

// The page is loaded lazily; load it once first, so that no test's time goes on that.
beforeAll(async () => {
  await import('./Gate.tsx')
}, 60_000)

beforeEach(() => {
  window.scrollTo = vi.fn()
  window.localStorage.clear()
})

afterEach(async () => {
  cleanup()
  await leave()
})

const gate = user('gate', { name: 'Grand Hall door' })
const wang = { id: 'm-wang', full_name: 'Wang Yi', delegation_code: 'CHN', position: 'Minister of Foreign Affairs', accreditation: 'approved', photo: '' } as const

describe('the door check', () => {
  it('checks a typed code at the room of the link, and answers ALLOWED or REFUSED in large letters', async () => {
    const sent: unknown[] = []
    const answers: AccessAnswer[] = [
      { allowed: true, reason: 'allowed', message: 'Allowed.', member: { ...wang } },
      { allowed: false, reason: 'invalid_token', message: 'Not valid.', member: null },
    ]
    const { calls } = visitAs(gate, '/gate?room=r-grand&name=Grand%20Hall', {
      'POST /api/v1/access/check': ({ body }) => {
        sent.push(body)
        return { body: answers[sent.length - 1] }
      },
    })
    expect(await screen.findByRole('heading', { name: 'Door check' }, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('Grand Hall')).toBeTruthy()
    // Gate staff see only the door check and their account, and never ask for the summit or the stream.
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Door check', 'My account'])

    fireEvent.change(screen.getByLabelText('Badge code'), { target: { value: ' gaytem zugu3d ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Check' }))
    expect(await screen.findByText('ALLOWED')).toBeTruthy()
    expect(screen.getByText('Wang Yi')).toBeTruthy()
    expect(screen.getByText('The badge opens this room.')).toBeTruthy()
    expect(sent[0]).toEqual({ token: 'gaytem zugu3d', room_id: 'r-grand' })

    fireEvent.click(screen.getByRole('button', { name: 'Next badge' }))
    fireEvent.change(screen.getByLabelText('Badge code'), { target: { value: 'FORGED' } })
    fireEvent.click(screen.getByRole('button', { name: 'Check' }))
    expect(await screen.findByText('REFUSED')).toBeTruthy()
    expect(screen.getByText('Not a valid badge: forged, damaged or replaced.')).toBeTruthy()
    expect(calls.some((c) => c.path === '/api/v1/stream' || c.path === '/api/v1/rooms')).toBe(false)
    // The room is kept on the device for the next time.
    expect(JSON.parse(window.localStorage.getItem('summit.gate.room') ?? 'null')).toEqual({ id: 'r-grand', name: 'Grand Hall' })
  })

  it('says so when no room was given, and checks nothing', async () => {
    visitAs(gate, '/')
    expect(await screen.findByText(/No room chosen/, {}, { timeout: 5000 })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Badge code'), { target: { value: 'ABC' } })
    expect((screen.getByRole('button', { name: 'Check' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('speaks Kazakh', async () => {
    window.localStorage.setItem('summit.lang', 'kk')
    visitAs(gate, '/gate?room=r-grand&name=Grand', {
      'POST /api/v1/access/check': { allowed: false, reason: 'outside_zones', message: 'x', member: { ...wang } },
    })
    fireEvent.change(await screen.findByLabelText('Бейдж коды', {}, { timeout: 5000 }), { target: { value: 'X' } })
    fireEvent.click(screen.getByRole('button', { name: 'Тексеру' }))
    expect(await screen.findByText('КІРУГЕ ТЫЙЫМ')).toBeTruthy()
    expect(screen.getByText('Бұл бейдж бұл залды ашпайды.')).toBeTruthy()
  })
})
