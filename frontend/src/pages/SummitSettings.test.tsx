import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Summit } from '../api/types.ts'
import { fakeServer, summit } from '../test/fakeServer.ts'
import { renderWithProviders } from '../test/render.tsx'
import SummitSettings from './SummitSettings.tsx'

afterEach(cleanup)

const problem = (status: number, detail: string, errors?: { field: string; message: string }[]) => ({
  status,
  body: { type: 'about:blank', title: 'x', status, detail, errors },
})

describe('the summit settings page', () => {
  it('shows the settings, saves a change with If-Match and says so', async () => {
    let put: { body: unknown; ifMatch: string | null } | undefined
    fakeServer({
      'GET /api/v1/summit': summit,
      'PUT /api/v1/summit': ({ body, init }) => {
        put = { body, ifMatch: new Headers(init.headers).get('If-Match') }
        return { body: { ...summit, ...(body as object), version: 2, updated_at: '2024-06-02T00:00:00Z' } satisfies Summit }
      },
    })
    renderWithProviders(<SummitSettings />)
    const dayEnds = (await screen.findByLabelText('Day ends')) as HTMLInputElement
    expect(dayEnds.value).toBe('22:00')
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe(summit.name)
    expect((screen.getByLabelText('Time zone') as HTMLInputElement).value).toBe('Asia/Almaty')
    expect(screen.getByText('An IANA name such as Asia/Almaty. This one is UTC+5.')).toBeTruthy()
    expect((screen.getByLabelText('First day') as HTMLInputElement).value).toBe('2024-07-03')

    fireEvent.change(dayEnds, { target: { value: '21:00' } })
    const rest = screen.getByLabelText('Rest between meetings, minutes') as HTMLInputElement
    expect(rest.value).toBe('0')
    expect((screen.getByLabelText('Bilaterals a day per head of delegation') as HTMLInputElement).value).toBe('0')
    fireEvent.change(rest, { target: { value: '15' } })
    expect(screen.getByRole('button', { name: 'Discard changes' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Saved.')).toBeTruthy()
    expect(put?.ifMatch).toBe('"1"')
    expect(put?.body).toEqual({
      name: summit.name,
      city: 'Astana',
      timezone: 'Asia/Almaty',
      starts_on: '2024-07-03',
      ends_on: '2024-07-04',
      day_starts: '08:00',
      day_ends: '21:00',
      rest_minutes: 15,
      max_bilaterals_per_day: 0,
      arrival_buffer_minutes: 10,
    })
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Discard changes' })).toBeNull())
    expect((screen.getByLabelText('Day ends') as HTMLInputElement).value).toBe('21:00')
    expect((screen.getByLabelText('Rest between meetings, minutes') as HTMLInputElement).value).toBe('15')
  })

  it('shows a rule setting out of range next to its field', async () => {
    fakeServer({
      'GET /api/v1/summit': summit,
      'PUT /api/v1/summit': () =>
        problem(422, 'The request has invalid fields.', [{ field: 'max_bilaterals_per_day', message: 'must be 0 to 50' }]),
    })
    renderWithProviders(<SummitSettings />)
    const limit = await screen.findByLabelText('Bilaterals a day per head of delegation')
    fireEvent.change(limit, { target: { value: '5' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(limit.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(limit.getAttribute('aria-describedby') ?? '')?.textContent).toBe('must be 0 to 50')
    expect(screen.getByRole('alert').textContent).toBe('Some fields need attention.')
  })

  it('shows the server’s field errors next to their fields', async () => {
    fakeServer({
      'GET /api/v1/summit': summit,
      'PUT /api/v1/summit': () =>
        problem(422, 'The request has invalid fields.', [
          { field: 'timezone', message: 'must be an IANA time zone such as Asia/Almaty' },
          { field: 'day_ends', message: 'must be after day_starts' },
        ]),
    })
    renderWithProviders(<SummitSettings />)
    fireEvent.change(await screen.findByLabelText('Time zone'), { target: { value: 'Mars/Olympus' } })
    expect(screen.getByText('An IANA name such as Asia/Almaty.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Day ends'), { target: { value: '07:00' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('must be after “Day starts”')).toBeTruthy()
    const zone = screen.getByLabelText('Time zone')
    expect(zone.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(zone.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'must be an IANA time zone such as Asia/Almaty',
    )
    expect(screen.getByLabelText('Day ends').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert').textContent).toBe('Some fields need attention.')
  })

  it('shows the server’s field errors in the user’s language', async () => {
    fakeServer({
      'GET /api/v1/summit': summit,
      'PUT /api/v1/summit': () =>
        problem(422, 'The request has invalid fields.', [
          { field: 'city', message: 'is required' },
          { field: 'day_ends', message: 'must be after day_starts' },
          { field: 'day_ends', message: 'a message the SPA does not know yet' },
        ]),
    })
    renderWithProviders(<SummitSettings />, { lang: 'ru' })
    fireEvent.change(await screen.findByLabelText('Город'), { target: { value: ' ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }))
    const city = screen.getByLabelText('Город')
    await waitFor(() => expect(city.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(city.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Обязательное поле')
    const dayEnds = screen.getByLabelText('Конец дня')
    expect(document.getElementById(dayEnds.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Должно быть позже, чем «Начало дня»; a message the SPA does not know yet',
    )
    expect(screen.queryByText('is required')).toBeNull()
    expect(screen.getByRole('alert').textContent).toBe('Исправьте отмеченные поля.')
  })

  it('says so when someone else saved first, and shows their version', async () => {
    let current: Summit = summit
    fakeServer({
      'GET /api/v1/summit': () => ({ body: current }),
      'PUT /api/v1/summit': () => {
        current = { ...summit, city: 'Almaty', version: 2 }
        return problem(412, 'The summit’s settings were changed by someone else since you read them; reload and try again.')
      },
    })
    renderWithProviders(<SummitSettings />)
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Mine' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Someone else changed this in the meantime. The latest version is shown; try again.')).toBeTruthy()
    await waitFor(() => expect((screen.getByLabelText('City') as HTMLInputElement).value).toBe('Almaty'))
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe(summit.name)
  })

  it('offers an empty form when the summit has no settings yet, and creates them without If-Match', async () => {
    let ifMatch: string | null = 'unset'
    fakeServer({
      'GET /api/v1/summit': () => problem(404, 'The summit has no settings yet.'),
      'PUT /api/v1/summit': ({ body, init }) => {
        ifMatch = new Headers(init.headers).get('If-Match')
        return { body: { ...(body as object), version: 1, updated_at: '2024-06-02T00:00:00Z' } }
      },
    })
    renderWithProviders(<SummitSettings />)
    expect(await screen.findByText('The summit has no settings yet. Fill them in and save.')).toBeTruthy()
    for (const [name, value] of [
      ['Name', 'Summit'],
      ['City', 'Astana'],
      ['Time zone', 'Asia/Almaty'],
      ['First day', '2025-08-31'],
      ['Last day', '2025-09-01'],
    ] as const) {
      fireEvent.change(screen.getByLabelText(name), { target: { value } })
    }
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Saved.')).toBeTruthy()
    expect(ifMatch).toBeNull()
  })
})
