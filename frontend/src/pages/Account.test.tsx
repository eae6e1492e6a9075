import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { User } from '../api/types.ts'
import { leave, visitAs } from '../test/app.tsx'
import { delegation, tokenPair, user } from '../test/fakeServer.ts'

beforeEach(() => {
  window.scrollTo = vi.fn()
  window.localStorage.clear()
})

afterEach(async () => {
  cleanup()
  await leave()
})

const me = user('delegate', { name: 'Li Wei' })
const china = { 'GET /api/v1/delegations/d-chn': delegation('d-chn', 'CHN', 'China', 5), 'GET /api/v1/agenda': { items: [] } }
const bad = (detail: string, errors: { field: string; message: string }[]) => ({
  status: 422,
  body: { type: 'about:blank', title: 'Unprocessable Entity', status: 422, detail, errors },
})

describe('my account', () => {
  it('is in every role’s navigation and shows who is signed in', async () => {
    visitAs(me, '/', china)
    const nav = await screen.findByRole('navigation', { name: 'Main' })
    fireEvent.click(within(nav).getByRole('link', { name: 'My account' }))
    expect(await screen.findByRole('heading', { level: 2, name: 'My account' })).toBeTruthy()
    expect(window.location.pathname).toBe('/account')
    const main = within(screen.getByRole('main'))
    expect(main.getByText('delegate@summit.example')).toBeTruthy()
    expect(main.getByText('Delegate')).toBeTruthy()
    expect(await main.findByText('China')).toBeTruthy()
    expect(document.title).toBe('My account · Summit Planner')
  })

  it('changes the display name, and the header shows it at once', async () => {
    let patched: unknown
    visitAs(me, '/account', {
      ...china,
      'PATCH /api/v1/me': ({ body }) => {
        patched = body
        const name = (body as { name: string }).name
        return name === '' ? bad('The request has invalid fields.', [{ field: 'name', message: 'must be 1 to 200 characters' }]) : { body: { ...me, name, version: 2 } }
      },
    })
    const name = (await screen.findByLabelText('Display name')) as HTMLInputElement
    expect(name.value).toBe('Li Wei')
    // A blank name: the server's message at the field (the browser's own check is bypassed here).
    fireEvent.change(name, { target: { value: '   ' } })
    fireEvent.submit(name.form as HTMLFormElement)
    expect(await screen.findByText('must be 1 to 200 characters')).toBeTruthy()
    expect(name.getAttribute('aria-invalid')).toBe('true')

    fireEvent.change(name, { target: { value: '  Wang Fang ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }))
    expect(await screen.findByText('Saved.')).toBeTruthy()
    expect(patched).toEqual({ name: 'Wang Fang' })
    await waitFor(() => expect(document.querySelector('.user-box__name')?.textContent).toContain('Wang Fang'))
    expect(screen.queryByText('must be 1 to 200 characters')).toBeNull()
  })

  it('changes the password with the current one, shows the server’s errors, and goes on with the new session', async () => {
    const posted: unknown[] = []
    const after: User = { ...me, version: 2 }
    const { calls } = visitAs(me, '/account', {
      ...china,
      'POST /api/v1/me/password': ({ body }) => {
        posted.push(body)
        const { current_password, new_password } = body as { current_password: string; new_password: string }
        if (new_password.length < 12) return bad('The request has invalid fields.', [{ field: 'new_password', message: 'must be 12 to 128 characters long' }])
        if (current_password !== 'delegate-demo-2024') return bad('The current password is wrong.', [{ field: 'current_password', message: 'is wrong' }])
        return { body: { ...tokenPair(after), access_token: 'token-after-change' } }
      },
    })
    const current = (await screen.findByLabelText('Current password')) as HTMLInputElement
    const next = screen.getByLabelText('New password') as HTMLInputElement
    const again = screen.getByLabelText('New password again') as HTMLInputElement
    const submit = screen.getByRole('button', { name: 'Change password' })
    expect(current.getAttribute('autocomplete')).toBe('current-password')

    // The two new passwords differ: said at the field, nothing sent.
    fireEvent.change(current, { target: { value: 'wrong-password' } })
    fireEvent.change(next, { target: { value: 'a long new passphrase' } })
    fireEvent.change(again, { target: { value: 'a long new passphrasf' } })
    fireEvent.click(submit)
    expect(await screen.findByText('The two new passwords differ.')).toBeTruthy()
    expect(posted).toHaveLength(0)

    fireEvent.change(next, { target: { value: 'short' } })
    fireEvent.change(again, { target: { value: 'short' } })
    fireEvent.click(submit)
    expect(await screen.findByText('must be 12 to 128 characters long')).toBeTruthy()
    expect(next.getAttribute('aria-invalid')).toBe('true')

    fireEvent.change(next, { target: { value: 'a long new passphrase' } })
    fireEvent.change(again, { target: { value: 'a long new passphrase' } })
    fireEvent.click(submit)
    expect(await screen.findByText('is wrong')).toBeTruthy()
    expect(current.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert').textContent).toBe('Some fields need attention.')

    fireEvent.change(current, { target: { value: 'delegate-demo-2024' } })
    fireEvent.click(submit)
    expect(await screen.findByText('Password changed. Your other devices are signed out.')).toBeTruthy()
    expect(posted.at(-1)).toEqual({ current_password: 'delegate-demo-2024', new_password: 'a long new passphrase' })
    expect(current.value).toBe('')
    expect(next.value).toBe('')
    expect(again.value).toBe('')

    // Later calls carry the token of the new session.
    const before = calls.length
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'My agenda' }))
    await waitFor(() => expect(calls.slice(before).some((c) => c.path === '/api/v1/agenda')).toBe(true))
    const agenda = calls.slice(before).find((c) => c.path === '/api/v1/agenda')
    expect(new Headers(agenda?.init.headers).get('Authorization')).toBe('Bearer token-after-change')
  })
})
