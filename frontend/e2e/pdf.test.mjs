// Printed documents (CONTRACT section 13): "Download PDF" on the agenda and
// on a room's day fetches the server's A4 PDF with the session's token, in
// the app's language; the file's text is read back with pdftotext.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiToken, artifacts, openPage, signIn, useSummit } from './harness.mjs'

/** pdfText is the text of the PDF at path, as pdftotext extracts it, with its white space made single spaces. */
function pdfText(path) {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

/** save clicks the button and returns the download's file name, bytes and text. */
async function save(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
  const path = await download.path()
  const bytes = await readFile(path)
  return { name: download.suggestedFilename(), bytes, text: pdfText(path) }
}

describe('PDF documents', () => {
  const summit = useSummit()

  test("China's delegate downloads its agenda in Chinese", async () => {
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, undefined, { acceptDownloads: true })
    try {
      await page.goto('/')
      await signIn(page, ...ACCOUNTS.delegate)
      await page.getByLabel('Language').selectOption('zh')
      await page.getByRole('heading', { level: 2, name: /· 中国 · 习近平$/ }).waitFor()
      const responses = []
      page.on('response', (r) => r.url().includes('/agenda.pdf') && responses.push(r))
      const pdf = await save(page, page.getByRole('button', { name: '下载 PDF' }))
      assert.equal(pdf.name, 'agenda-CHN-zh.pdf')
      assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-')
      assert.ok(pdf.bytes.length > 10_000, `a PDF of ${pdf.bytes.length} bytes`)
      assert.equal(responses[0]?.headers()['content-type'], 'application/pdf')
      for (const want of ['日程 · 中国', '日程尚未发布', '习近平', 'Talks: Kazakhstan – China', '第 1 页'])
        assert.ok(pdf.text.includes(want), `the PDF lacks ${want}: ${pdf.text}`)
      await page.screenshot({ path: join(artifacts, 'pdf-agenda-zh.png') })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  test("an organiser downloads a delegation's agenda and a room's day", async () => {
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const kaz = (await apiGet(summit.baseURL, token, '/delegations?limit=500')).items.find((d) => d.code === 'KAZ')
    const oval = (await apiGet(summit.baseURL, token, '/rooms')).items.find((r) => r.name === 'Oval Hall')
    const { context, page, errors } = await openPage(summit.browser, summit.baseURL, undefined, { acceptDownloads: true })
    try {
      await page.goto(`/agenda?delegation=${kaz.id}`)
      await signIn(page, ...ACCOUNTS.organiser)
      await page.getByRole('heading', { level: 2, name: /Kazakhstan/ }).waitFor()
      const agenda = await save(page, page.getByRole('button', { name: 'Download PDF' }))
      assert.equal(agenda.name, 'agenda-KAZ-en.pdf')
      for (const want of ['Agenda · Kazakhstan', 'Head of delegation: Kassym-Jomart Tokayev', 'Wednesday, 3 July 2024', 'Page 1 of'])
        assert.ok(agenda.text.includes(want), `the agenda lacks ${want}: ${agenda.text}`)
      await page.screenshot({ path: join(artifacts, 'pdf-agenda-organiser.png') })

      await page.goto(`/rooms/${oval.id}?day=2024-07-03`)
      await page.getByLabel('Language').selectOption('ru')
      await page.getByRole('heading', { level: 2, name: 'Овальный зал · Акорда' }).waitFor()
      const day = await save(page, page.getByRole('button', { name: 'Скачать PDF' }))
      assert.equal(day.name, 'room-2024-07-03-ru.pdf')
      for (const want of ['Овальный зал · Акорда', 'среда, 3 июля 2024 г.', 'Talks: Kazakhstan – Russia', 'Страница 1 из 1'])
        assert.ok(day.text.includes(want), `the room's day lacks ${want}: ${day.text}`)
      await page.screenshot({ path: join(artifacts, 'pdf-room-day-ru.png') })
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
})
