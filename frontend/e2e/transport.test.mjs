// Ground transport (CONTRACT section 14): China's delegate reads its
// movements and motorcade on its agenda; the transport desk reads China's
// 3 July movements on the Transport page, sees them move within a second
// when one of its meetings is moved (over the API, as by another organiser),
// and sees a car promised to two delegations at once marked as a problem.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiSend, apiToken, artifacts, onlyUnexpected, openPage, signIn, useSummit } from './harness.mjs'

const AIRPORT = 'Nursultan Nazarbayev International Airport – State Apron'
const WIDE = { width: 1440, height: 900 }

describe('ground transport', () => {
  const summit = useSummit()

  /** china finds China's row of the movements timeline. */
  const china = (page) => page.locator('.timeline__row[data-delegation="CHN"]')

  test("China's delegate sees its movements and motorcade on its agenda", async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, WIDE)
    try {
      await page.goto('/agenda')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByText(`Depart ${AIRPORT} 11:30 → Akorda, arrive 11:55`).waitFor()
      await page.getByText('Depart Akorda 19:15 → Palace of Independence, arrive 19:25').waitFor()
      await page.getByText('Depart Palace of Independence 21:30 → The Ritz-Carlton Astana, arrive 21:42').waitFor()
      await page.getByText(/My motorcade:.*101 SCO 01/).waitFor()
      await page.screenshot({ path: join(artifacts, 'transport-delegate-agenda.png') })
      assert.deepEqual(onlyUnexpected(errors), [])
    } finally {
      await context.close()
    }
  })

  test("the transport desk reads China's 3 July; a moved meeting moves its motorcade within a second", async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, WIDE)
    try {
      await page.goto('/transport?date=2024-07-03')
      await signIn(page, ...ACCOUNTS.organiser)
      const row = china(page)
      await row.getByText(`11:30–11:55 ${AIRPORT} → Akorda`).waitFor()
      await row.getByText('19:15–19:25 Akorda → Palace of Independence').waitFor()
      await row.getByText('21:30–21:42 Palace of Independence → The Ritz-Carlton Astana').waitFor()
      assert.equal(await row.locator('.timeline__move').count(), 3)
      await page.getByText('101 SCO 01').first().waitFor()
      await page.screenshot({ path: join(artifacts, 'transport-day.png') })

      // Another organiser moves China's talks at Akorda half an hour later.
      const talks = (await apiGet(summit.baseURL, token, '/meetings?kind=bilateral')).items.find((m) => m.title === 'Talks: Kazakhstan – China')
      const later = (iso) => new Date(Date.parse(iso) + 30 * 60_000).toISOString()
      const res = await apiSend(summit.baseURL, token, 'PATCH', `/meetings/${talks.id}`, { starts_at: later(talks.starts_at), ends_at: later(talks.ends_at) }, {
        'If-Match': `"${talks.version}"`,
      })
      assert.equal(res.status, 200)
      const moved = Date.now()
      await row.getByText(`12:00–12:25 ${AIRPORT} → Akorda`).waitFor({ timeout: 5_000 })
      const took = Date.now() - moved
      assert.ok(took < 1_000, `the Transport page showed the move after ${took} ms`)
      assert.equal(await row.getByText(`11:30–11:55 ${AIRPORT} → Akorda`).count(), 0)

      // Russia is given one of China's cars: both drive to the reception at once.
      const motorcades = (await apiGet(summit.baseURL, token, '/motorcades')).items
      const delegations = (await apiGet(summit.baseURL, token, '/delegations')).items
      const code = (id) => delegations.find((d) => d.id === id)?.code
      const chinaCar = motorcades.find((m) => code(m.delegation_id) === 'CHN').vehicle_ids[0]
      const russia = delegations.find((d) => d.code === 'RUS')
      const put = await apiSend(summit.baseURL, token, 'PUT', `/delegations/${russia.id}/motorcade`, { vehicle_ids: [chinaCar] })
      assert.equal(put.status, 200)
      await row.locator('.timeline__move--problem', { hasText: 'Vehicle in two places' }).first().waitFor()
      await page.locator('.timeline__row[data-delegation="RUS"] .timeline__move--problem').first().waitFor()
      await page.getByText(/Transport problems: \d+/).waitFor()
      await page.screenshot({ path: join(artifacts, 'transport-overlap.png') })
      await page.screenshot({ path: join(artifacts, 'transport-overlap-full.png'), fullPage: true })
      assert.deepEqual(onlyUnexpected(errors), [])
    } finally {
      await context.close()
    }
  })
})
