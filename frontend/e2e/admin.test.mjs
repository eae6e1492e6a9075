// An admin creates an organiser, who can then sign in and plan.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, artifacts, openPage, signIn, useSummit } from './harness.mjs'

describe('an admin', () => {
  const summit = useSummit()

  test('creates an organiser, who signs in and sees the planning pages', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/admin/users')
      await signIn(page, ...ACCOUNTS.admin)
      await page.getByRole('heading', { level: 2, name: 'Users' }).waitFor()
      await page.getByRole('cell', { name: 'organiser@summit.example' }).waitFor()
      await page.getByRole('button', { name: 'New user' }).click()
      const dialog = page.getByRole('dialog', { name: 'New user' })
      // A short password: the server's field error is shown at the field.
      await dialog.getByLabel('Email').fill('protocol@gov.kz')
      await dialog.getByLabel('Name').fill('Dana Protocol')
      await dialog.getByLabel('Role').selectOption('organiser')
      await dialog.getByLabel('Password').fill('short')
      await dialog.getByRole('button', { name: 'Create' }).click()
      await dialog.locator('.field__error').first().waitFor()
      await dialog.getByLabel('Password').fill('a long passphrase 2024')
      await dialog.getByRole('button', { name: 'Create' }).click()
      await page.getByText('Account for Dana Protocol created.').waitFor()
      await page.getByRole('cell', { name: 'protocol@gov.kz' }).waitFor()
      await page.getByPlaceholder('Search…').fill('dana')
      assert.equal(await page.locator('tbody tr').count(), 1)
      await page.screenshot({ path: join(artifacts, 'users.png'), fullPage: true })
      await page.getByRole('button', { name: 'Sign out' }).click()

      await signIn(page, 'protocol@gov.kz', 'a long passphrase 2024')
      const nav = page.getByRole('navigation', { name: 'Main' })
      await nav.getByRole('link', { name: 'Planning board' }).waitFor()
      assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0)
      await page.locator('.user-box__name', { hasText: 'Dana Protocol' }).waitFor()
      assert.deepEqual(errors.filter((e) => !e.includes('status of 422')), [])
    } finally {
      await context.close()
    }
  })
})
