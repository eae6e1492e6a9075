import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Notice } from '../api/types.ts'
import { leave, visitAs } from '../test/app.tsx'
import { delegation, user } from '../test/fakeServer.ts'

afterEach(async () => {
  cleanup()
  await leave()
  window.localStorage.clear()
})

const rus = { ...delegation('d-rus', 'RUS', 'Russia', 8), names: { ru: 'Россия' }, contact_emails: ['protocol@mid.example'], notice_language: 'ru' as const }
const chn = delegation('d-chn', 'CHN', 'China', 5)

function notice(id: string, extra: Partial<Notice> = {}): Notice {
  return {
    id,
    delegation_id: 'd-rus',
    created_at: '2024-07-03T04:00:00Z',
    status: 'queued',
    attempts: 0,
    last_error: '',
    subject: 'SCO: изменения в вашей программе (1)',
    release: null,
    due_at: '2024-07-03T04:01:00Z',
    sent_at: null,
    ...extra,
  }
}

describe('the notices page', () => {
  it('lists the outbox with status, attempts and the last error, and queues a failed notice again', async () => {
    let failed = notice('n2', { status: 'failed', attempts: 31, last_error: '451 4.3.0 Try again later', delegation_id: 'd-chn', subject: 'SCO: release 2' })
    const { calls } = visitAs(user('organiser'), '/notices', {
      'GET /api/v1/delegations': { items: [rus, chn] },
      'GET /api/v1/notices': () => ({ body: { items: [notice('n1', { status: 'sent', attempts: 1, sent_at: '2024-07-03T04:01:02Z' }), failed] } }),
      'POST /api/v1/notices/n2/retry': () => {
        failed = { ...failed, status: 'queued' }
        return { body: failed }
      },
    })
    expect(await screen.findByRole('heading', { name: 'Notices to delegations' })).toBeTruthy()
    const table = await screen.findByRole('table')
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    expect(rows[0]!.textContent).toContain('Sent')
    expect(rows[0]!.textContent).toContain('sent 3 Jul')
    expect(within(rows[0]!).getByRole('button', { name: /^Send again/ })).toBeTruthy()
    expect(await within(rows[1]!).findByText('China')).toBeTruthy()
    expect(within(rows[1]!).getByText('Failed')).toBeTruthy()
    expect(within(rows[1]!).getByText('31')).toBeTruthy()
    expect(within(rows[1]!).getByText('451 4.3.0 Try again later')).toBeTruthy()
    const retry = within(rows[1]!).getByRole('button')
    expect(retry.textContent).toBe('Retry SCO: release 2')
    fireEvent.click(retry)
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notices/n2/retry')).toBe(true))
    expect(await screen.findByText('“SCO: release 2” is queued again.')).toBeTruthy()
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByText('Queued').length).toBe(1))
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Notices' }).getAttribute('aria-current')).toBe('page')
  })

  it('is not for delegates', async () => {
    visitAs(user('delegate', { delegation_id: 'd-rus' }), '/notices', { 'GET /api/v1/delegations': { items: [rus] } })
    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy()
    expect(screen.queryByRole('heading', { name: 'Notices to delegations' })).toBeNull()
    expect(screen.queryByRole('link', { name: 'Notices' })).toBeNull()
  })
})

describe('the delegation form’s notice fields', () => {
  it('sends the contacts and the language, and shows a bad address at its field in Russian', async () => {
    window.localStorage.setItem('summit.lang', 'ru')
    const { calls } = visitAs(user('organiser'), '/delegations', {
      'GET /api/v1/delegations': { items: [rus, chn] },
      'PATCH /api/v1/delegations/d-chn': () => ({
        status: 422,
        body: { type: 'about:blank', title: 'Unprocessable Entity', status: 422, detail: 'The request has invalid fields.',
          errors: [{ field: 'contact_emails[1]', message: '"mfa.cn" is not an e-mail address such as protocol@mfa.example' }] },
      }),
    })
    const table = await screen.findByRole('table')
    fireEvent.click(within(table).getByRole('button', { name: /Китай|China/ }))
    const dialog = await screen.findByRole('dialog')
    fireEvent.change(within(dialog).getByLabelText(/Адреса электронной почты для уведомлений/), { target: { value: 'protocol@mfa.cn, mfa.cn' } })
    fireEvent.change(within(dialog).getByLabelText(/Язык уведомлений/), { target: { value: 'zh' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Сохранить' }))
    expect(await within(dialog).findByText('«mfa.cn» — не адрес электронной почты')).toBeTruthy()
    const patch = calls.find((c) => c.method === 'PATCH')
    expect(patch?.body).toMatchObject({ contact_emails: ['protocol@mfa.cn', 'mfa.cn'], notice_language: 'zh' })
  })
})
