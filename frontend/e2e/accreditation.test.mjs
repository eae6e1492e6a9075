// Accreditation (CONTRACT section 15), as people use it: an organiser makes
// an access zone and a badge category; China's liaison officer uploads a
// photo of Wang Yi (which sends his accreditation back for approval); the
// organiser approves him from the queue with the category; the liaison
// downloads his badge; gate staff at the Grand Hall read the badge's QR code
// from a picture of the printed badge and are told ALLOWED, at a room
// outside the zone REFUSED, and after the organiser rejects him, REFUSED.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { ACCOUNTS, apiGet, apiSend, apiToken, artifacts, openPage, signIn, useSummit } from './harness.mjs'

const GATE = ['gate@summit.example', 'gate-demo-password-2024']

/** aPortrait draws a 300 × 400 JPEG in the page (a face-like oval), as bytes. */
async function aPortrait(page) {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 300
    c.height = 400
    const g = c.getContext('2d')
    g.fillStyle = '#c9d6e3'
    g.fillRect(0, 0, 300, 400)
    g.fillStyle = '#e0b48a'
    g.beginPath()
    g.ellipse(150, 170, 80, 105, 0, 0, Math.PI * 2)
    g.fill()
    g.fillStyle = '#1d2b3a'
    g.fillRect(40, 300, 220, 100)
    return c.toDataURL('image/jpeg', 0.9)
  })
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}

describe('accreditation', () => {
  const summit = useSummit()

  test('zones, a category, a photo, approval, the badge, and the door', async () => {
    const admin = await apiToken(summit.baseURL, ACCOUNTS.admin)
    const made = await apiSend(summit.baseURL, admin, 'POST', '/users', { email: GATE[0], name: 'Grand Hall door', role: 'gate', password: GATE[1] })
    assert.equal(made.status, 201)
    const rooms = (await apiGet(summit.baseURL, admin, '/rooms')).items
    const grandHall = rooms.find((r) => r.name === 'Grand Hall')
    const oval = rooms.find((r) => r.name === 'Oval Hall')

    // The organiser: a zone with the Grand Hall, a category opening it.
    const org = await openPage(summit.browser, summit.baseURL)
    await org.page.goto('/accreditation')
    await signIn(org.page, ...ACCOUNTS.organiser)
    await org.page.getByRole('heading', { name: 'Accreditation' }).waitFor()
    await org.page.getByRole('button', { name: 'Add a zone' }).click()
    const zoneDialog = org.page.getByRole('dialog')
    await zoneDialog.getByLabel('Zone name').fill('Plenary zone')
    await zoneDialog.getByRole('checkbox', { name: 'Grand Hall' }).check()
    await zoneDialog.getByRole('button', { name: 'Save' }).click()
    await org.page.getByRole('cell', { name: 'Plenary zone', exact: true }).waitFor()
    await org.page.getByRole('button', { name: 'Add a category' }).click()
    const catDialog = org.page.getByRole('dialog')
    await catDialog.getByLabel('Category name').fill('Delegation')
    await catDialog.getByRole('checkbox', { name: 'Plenary zone' }).check()
    await catDialog.getByRole('button', { name: 'Save' }).click()
    await org.page.getByRole('cell', { name: 'Delegation', exact: true }).waitFor()

    // China's liaison officer uploads Wang Yi's photo.
    const del = await openPage(summit.browser, summit.baseURL, undefined, { acceptDownloads: true })
    await del.page.goto('/delegation')
    await signIn(del.page, ...ACCOUNTS.delegate)
    await del.page.getByRole('heading', { name: 'Members' }).waitFor()
    await del.page.getByLabel('Photo for Wang Yi').setInputFiles({ name: 'wang-yi.jpg', mimeType: 'image/jpeg', buffer: await aPortrait(del.page) })
    await del.page.getByRole('img', { name: 'Photo of Wang Yi' }).waitFor()
    await del.page.screenshot({ path: join(artifacts, 'accreditation-delegate-photo.png'), fullPage: true })
    const wang = del.page.getByRole('row', { name: /Wang Yi/ })
    await wang.getByText('Pending').waitFor() // a new face waits for approval
    assert.equal(await wang.getByRole('button', { name: /Badge/ }).count(), 0, 'no badge while pending')

    // The organiser approves him from the queue, with the category.
    await org.page.reload()
    const item = org.page.locator('.queue__item', { hasText: 'Wang Yi' })
    await item.getByRole('img', { name: 'Photo of Wang Yi' }).waitFor()
    await item.getByLabel('Badge category').selectOption({ label: 'Delegation' })
    await org.page.screenshot({ path: join(artifacts, 'accreditation-queue.png'), fullPage: true })
    await item.getByRole('button', { name: 'Approve Wang Yi' }).click()
    await item.waitFor({ state: 'detached' })

    // The liaison downloads the badge; it is printed and photographed at the door.
    await del.page.reload()
    const [download] = await Promise.all([
      del.page.waitForEvent('download'),
      del.page.getByRole('row', { name: /Wang Yi/ }).getByRole('button', { name: 'Badge Wang Yi' }).click(),
    ])
    const pdf = join(artifacts, 'accreditation-badge.pdf')
    await writeFile(pdf, await readFile(await download.path()))
    execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', pdf, join(artifacts, 'accreditation-badge')])
    const text = execFileSync('pdftotext', [pdf, '-']).toString()
    assert.match(text, /Wang Yi/)
    assert.match(text, /Minister of Foreign\s+Affairs/)
    assert.match(text, /China \(CHN\)/)
    const photo = { name: 'badge.png', mimeType: 'image/png', buffer: await readFile(join(artifacts, 'accreditation-badge.png')) }

    // Gate staff at the Grand Hall.
    const gate = await openPage(summit.browser, summit.baseURL, { width: 390, height: 844 })
    await gate.page.goto(`/gate?room=${grandHall.id}&name=Grand%20Hall`)
    await signIn(gate.page, ...GATE)
    await gate.page.getByRole('heading', { name: 'Door check' }).waitFor()
    await gate.page.getByLabel('Read a photo of the badge').setInputFiles(photo)
    await gate.page.getByText('ALLOWED').waitFor()
    await gate.page.getByText('Wang Yi').waitFor()
    await gate.page.getByRole('img', { name: 'Photo of Wang Yi' }).waitFor()
    await gate.page.screenshot({ path: join(artifacts, 'accreditation-gate-allowed.png'), fullPage: true })
    await gate.page.getByRole('button', { name: 'Next badge' }).click()

    // The same badge at the Oval Hall, outside the zone.
    await gate.page.goto(`/gate?room=${oval.id}&name=Oval%20Hall`)
    await gate.page.getByLabel('Read a photo of the badge').setInputFiles(photo)
    await gate.page.getByText('REFUSED').waitFor()
    await gate.page.getByText('This badge does not open this room.').waitFor()
    await gate.page.getByRole('button', { name: 'Next badge' }).click()

    // Rejected: the same badge is refused at once.
    const token = await apiToken(summit.baseURL, ACCOUNTS.organiser)
    const china = (await apiGet(summit.baseURL, token, '/delegations')).items.find((d) => d.code === 'CHN')
    const wangYi = (await apiGet(summit.baseURL, token, `/delegations/${china.id}/members`)).items.find((m) => m.full_name === 'Wang Yi')
    const rejected = await apiSend(summit.baseURL, token, 'PATCH', `/members/${wangYi.id}`, { accreditation: 'rejected' }, { 'If-Match': `"${wangYi.version}"` })
    assert.equal(rejected.status, 200)
    await gate.page.goto(`/gate?room=${grandHall.id}&name=Grand%20Hall`)
    await gate.page.getByLabel('Read a photo of the badge').setInputFiles(photo)
    await gate.page.getByText('REFUSED').waitFor()
    await gate.page.getByText("The holder's accreditation is not approved.").waitFor()
    await gate.page.screenshot({ path: join(artifacts, 'accreditation-gate-refused.png'), fullPage: true })
    // Gate staff see nothing else: no menu entry but the door check and the account.
    const nav = await gate.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()
    assert.deepEqual(nav, ['Door check', 'My account'])

    for (const p of [org, del, gate]) {
      assert.deepEqual(p.errors, [])
      await p.context.close()
    }
  })
})
