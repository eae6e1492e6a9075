// Names in the reader's language (CONTRACT section 13): the demo ships its
// delegations, heads, venues and rooms in Russian, Chinese and Kazakh; the
// agenda, tables and forms show them in the chosen language.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, artifacts, openPage, signIn, useSummit } from './harness.mjs'

describe('names in the reader’s language', () => {
  const summit = useSummit()

  test('the Chinese and the Russian agenda name China, its head, rooms and venues in their language', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL)
    try {
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByRole('heading', { level: 2, name: 'My agenda · China · Xi Jinping' }).waitFor()

      await page.getByLabel('Language').selectOption('zh')
      await page.getByRole('heading', { level: 2, name: /· 中国 · 习近平$/ }).waitFor()
      const talks = page.locator('.agenda-item', { hasText: 'Talks: Kazakhstan – China' })
      await talks.getByText('金色大厅, 阿克奥尔达总统府').waitFor()
      await page.screenshot({ path: join(artifacts, 'names-agenda-zh.png'), fullPage: true })

      await page.getByLabel('语言').selectOption('ru')
      await page.getByRole('heading', { level: 2, name: 'Моя программа · Китай · Си Цзиньпин' }).waitFor()
      await talks.getByText('Золотой зал, Акорда').waitFor()
      assert.equal(await page.getByText('Golden Hall').count(), 0, 'no English room name left on the Russian agenda')
      await page.screenshot({ path: join(artifacts, 'names-agenda-ru.png'), fullPage: true })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test('an organiser reads the delegations in Russian and edits a name in Kazakh, on a phone', async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 })
    try {
      await page.goto('/delegations')
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByRole('link', { name: 'China', exact: true }).waitFor()
      await page.getByLabel('Language').selectOption('ru')
      await page.getByRole('link', { name: 'Китай', exact: true }).waitFor()
      await page.getByRole('button', { name: 'Изменить Китай' }).click()
      const dialog = page.getByRole('dialog')
      const kk = dialog.getByLabel('По-казахски')
      assert.equal(await kk.inputValue(), 'Қытай')
      assert.equal(await dialog.getByLabel('По-китайски').inputValue(), '中国')
      await kk.fill('Қытай Халық Республикасы')
      await page.screenshot({ path: join(artifacts, 'names-dialog-ru-390.png') })
      await dialog.getByRole('button', { name: 'Сохранить' }).click()
      await dialog.waitFor({ state: 'detached' })
      await page.getByLabel('Язык').selectOption('kk')
      await page.getByRole('link', { name: 'Қытай Халық Республикасы', exact: true }).waitFor()
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
})
