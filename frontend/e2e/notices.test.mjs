// Notices to delegations by e-mail: an organiser gives Russia a contact
// address and Russian notices in the delegation form, publishes a release,
// and follows the notice on the Notices page while the mail server first
// refuses it (attempts, last error) and then accepts it (sent). The mail
// server is a small SMTP server of this file, which the summit reaches
// through SUMMIT_SMTP_URL.
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { ACCOUNTS, apiSend, apiToken, artifacts, openPage, signIn, useSummit } from './harness.mjs'

/** mailServer is a minimal SMTP server: it keeps each message, or refuses it with 451 while refusing is set. */
function mailServer() {
  const state = { refusing: true, mails: [] }
  const server = createServer((socket) => {
    let data = null
    let buffer = ''
    const say = (line) => socket.write(`${line}\r\n`)
    say('220 localhost ESMTP test')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1')
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          data += buffer.slice(0, end)
          buffer = buffer.slice(end + 5)
          if (state.refusing) say('451 4.3.0 Mailbox busy, try again later')
          else {
            state.mails.push(Buffer.from(data, 'latin1').toString('utf8'))
            say('250 2.0.0 OK')
          }
          data = null
          continue
        }
        const nl = buffer.indexOf('\r\n')
        if (nl < 0) return
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO') say('250-localhost\r\n250 8BITMIME')
        else if (verb === 'DATA') {
          data = ''
          say('354 go ahead')
        } else if (verb === 'QUIT') {
          say('221 bye')
          socket.end()
        } else say('250 OK')
      }
    })
    socket.on('error', () => {})
  })
  return { state, server }
}

// The mail server listens before the summit starts, which reads its address from the environment.
const mail = mailServer()
await new Promise((r) => mail.server.listen(0, '127.0.0.1', r))
process.env.SUMMIT_SMTP_URL = `smtp://127.0.0.1:${mail.server.address().port}?tls=none&timeout=5s`
process.env.SUMMIT_PUBLIC_URL = 'https://summit.example.org'
after(() => mail.server.close())

describe('notices', () => {
  const summit = useSummit()

  test('contacts in the delegation form, a refused notice with its error, then sent after a retry', async () => {
    const organiser = await openPage(summit.browser, summit.baseURL, { width: 1280, height: 800 })
    try {
      const p = organiser.page
      await p.goto('/delegations')
      await signIn(p, ...ACCOUNTS.organiser)
      await p.getByRole('button', { name: /^Edit\s+Russia$/ }).click()
      const dialog = p.getByRole('dialog')
      await dialog.getByLabel(/^Contact e-mail addresses for notices/).fill('protocol@mid.example, not-an-address')
      await dialog.getByLabel('Language of notices').selectOption('ru')
      await dialog.getByRole('button', { name: 'Save' }).click()
      await dialog.getByText('“not-an-address” is not an e-mail address').waitFor()
      await dialog.getByLabel(/^Contact e-mail addresses for notices/).fill('protocol@mid.example')
      await dialog.getByRole('button', { name: 'Save' }).click()
      await dialog.waitFor({ state: 'detached' })

      // Release 1 queues a notice for Russia; it is due a minute later, or at once on Retry.
      const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
      const res = await apiSend(summit.baseURL, token, 'POST', '/releases', { note: 'First release' })
      assert.equal(res.status, 201)
      await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notices' }).click()
      await p.getByRole('heading', { level: 2, name: 'Notices to delegations' }).waitFor()
      const row = p.getByRole('row').filter({ hasText: 'Russia' })
      await row.getByRole('cell', { name: '24th Meeting of the SCO Council of Heads of State: выпуск программы № 1', exact: true }).waitFor()
      await row.getByText('Queued', { exact: true }).waitFor()

      // The mail server refuses: the notice stays queued with its error.
      await row.getByRole('button', { name: /^Retry/ }).click()
      await row.getByText(/451 "4\.3\.0 Mailbox busy, try again later"/).waitFor({ timeout: 15_000 })
      assert.equal(await row.locator('td.num').innerText(), '1')
      await p.screenshot({ path: join(artifacts, 'notices-refused.png'), fullPage: true })

      // It accepts again: Retry sends it.
      mail.state.refusing = false
      await row.getByRole('button', { name: /^Retry/ }).click()
      await row.getByText('Sent', { exact: true }).waitFor({ timeout: 15_000 })
      assert.equal(mail.state.mails.length, 1)
      const m = mail.state.mails[0]
      assert.match(m, /^To: <protocol@mid\.example>/m)
      assert.match(m, /Content-Type: multipart\/alternative/)
      assert.match(m, /https:\/\/summit\.example\.org\/agenda/)
      await p.screenshot({ path: join(artifacts, 'notices-sent.png'), fullPage: true })
      // The bad address was refused on purpose (422, at the dry run and at the save).
      assert.deepEqual(organiser.errors.filter((e) => !e.includes('status of 422')), [])
    } finally {
      await organiser.context.close()
    }
  })
})
