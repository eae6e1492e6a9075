import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { leave, visitAs } from '../test/app.tsx'
import { delegation, user } from '../test/fakeServer.ts'

afterEach(async () => {
  cleanup()
  await leave()
  window.localStorage.clear()
})

const chn = { ...delegation('d-chn', 'CHN', 'China', 5), names: { ru: 'Китай', zh: '中国', kk: 'Қытай' } }
const kaz = { ...delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), names: { ru: 'Казахстан' } }
const routes = { 'GET /api/v1/delegations': { items: [kaz, chn] } }

describe('the delegations table in the reader’s language', () => {
  it('shows Chinese names to a Chinese reader and falls back to the primary name', async () => {
    window.localStorage.setItem('summit.lang', 'zh')
    visitAs(user('organiser'), '/delegations', routes)
    const table = await screen.findByRole('table')
    expect(await within(table).findByRole('link', { name: '中国' })).toBeTruthy()
    // Kazakhstan has no Chinese name: its primary name stands in.
    expect(within(table).getByRole('link', { name: 'Kazakhstan' })).toBeTruthy()
    expect(within(table).queryByText('China')).toBeNull()
  })

  it('shows Russian names to a Russian reader', async () => {
    window.localStorage.setItem('summit.lang', 'ru')
    visitAs(user('organiser'), '/delegations', routes)
    const table = await screen.findByRole('table')
    expect(await within(table).findByRole('link', { name: 'Китай' })).toBeTruthy()
    expect(within(table).getByRole('link', { name: 'Казахстан' })).toBeTruthy()
  })
})
