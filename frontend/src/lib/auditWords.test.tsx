// Every action the server writes to the audit trail, and every field of
// every snapshot it stores, has words in each language. Both are read from
// the server's own source (domain/*.go), so that a new action or field
// without words fails here.
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../api/types.ts'
import { en, type MessageKey } from '../i18n/en.ts'
import { translate, type Lang } from '../i18n/index.tsx'
import { kk } from '../i18n/kk.ts'
import { ru } from '../i18n/ru.ts'
import { zh } from '../i18n/zh.ts'
import { actionText, fieldLabel, valueText, verbOf, type Names } from './auditWords.ts'
import { makeFormat } from './format.ts'

const sources = import.meta.glob<string>('../../../domain/*.go', { query: '?raw', import: 'default', eager: true })
const goFiles = Object.entries(sources).filter(([path]) => !path.endsWith('_test.go'))
const go = (name: string) => goFiles.find(([path]) => path.endsWith(`/${name}`))?.[1] ?? ''

/** calls: the text of every call of fn( … ) in the server's domain code, parentheses balanced. */
function calls(fn: string): string[] {
  const out: string[] = []
  for (const [, src] of goFiles) {
    let at = src.indexOf(fn)
    while (at !== -1) {
      let depth = 0
      let i = at + fn.length - 1
      for (; i < src.length; i++) {
        if (src[i] === '(') depth++
        else if (src[i] === ')' && --depth === 0) break
      }
      out.push(src.slice(at, i + 1))
      at = src.indexOf(fn, i)
    }
  }
  return out
}

/** serverActions: the actions the domain code writes: literal ones, those set in a variable, request statuses, relinks. */
function serverActions(): Set<string> {
  const found = new Set<string>()
  for (const c of calls('.audit(')) {
    const m = /\.audit\(ctx, tx, (?:[^,{]|\{[^}]*\})+, "([a-z_]+)"/.exec(c)
    if (m?.[1]) found.add(m[1])
  }
  for (const [, src] of goFiles) {
    for (const m of src.matchAll(/\baction\s*:?=\s*"([a-z_]+)"/g)) if (m[1]) found.add(m[1])
    for (const m of src.matchAll(/moveRequest\([^)]*"([a-z_]+)"\)/g)) if (m[1]) found.add(m[1])
  }
  // A request's answer is audited as the status it moves to (string(status)): every status a transition reaches.
  const reqs = go('requests.go')
  const all = goFiles.map(([, src]) => src).join('\n')
  const consts = Object.fromEntries([...all.matchAll(/(Request\w+)\s+RequestStatus = "([a-z_]+)"/g)].map((m) => [m[1], m[2]]))
  const table = /var transitions = [\s\S]*?\}\{([\s\S]*?)\n\}/.exec(reqs)?.[1] ?? ''
  for (const m of table.matchAll(/^\s*(Request\w+):/gm)) {
    const v = m[1] ? consts[m[1]] : undefined
    if (v) found.add(v)
  }
  return found
}

/** snapshotFields: the JSON fields of every snapshot the trail stores, and of the small fact sheets the domain code audits. */
function snapshotFields(): Set<string> {
  const found = new Set<string>()
  for (const m of go('snapshot.go').matchAll(/json:"([a-z_]+)[,"]/g)) if (m[1]) found.add(m[1])
  for (const c of calls('.audit(')) for (const m of c.matchAll(/"([a-z_]+)":/g)) if (m[1]) found.add(m[1])
  return found
}

const dicts: Record<Exclude<Lang, 'en'>, Partial<Record<MessageKey, string>>> = { ru, zh, kk }

describe('the words of the audit trail', () => {
  it('reads the server’s actions and snapshot fields from its source', () => {
    const actions = serverActions()
    // The reader itself must work: these are known to exist.
    for (const a of ['create', 'update', 'cancel', 'delete', 'role_change', 'scheduled', 'unscheduled', 'accepted', 'declined', 'withdrawn', 'login', 'login_failed', 'seed', 'propose', 'apply', 'rotate_feed_token']) {
      expect(actions, a).toContain(a)
    }
    const fields = snapshotFields()
    for (const k of ['starts_at', 'room_id', 'arrival_at', 'travel_minutes', 'from_delegation_id', 'password_changed', 'client', 'meeting_ids', 'placed']) {
      expect(fields, k).toContain(k)
    }
  })

  it('has words for every action the server writes, in every language', () => {
    const missing: string[] = []
    for (const a of serverActions()) {
      const key = `auditAction.${a}`
      if (!(key in en)) missing.push(`en ${key}`)
      for (const [lang, dict] of Object.entries(dicts)) if (!(key in dict)) missing.push(`${lang} ${key}`)
    }
    expect(missing).toEqual([])
  })

  it('has a label for every field of every snapshot, in every language', () => {
    const missing: string[] = []
    for (const f of snapshotFields()) {
      const key = `auditField.${f}`
      if (!(key in en)) missing.push(`en ${key}`)
      for (const [lang, dict] of Object.entries(dicts)) if (!(key in dict)) missing.push(`${lang} ${key}`)
    }
    expect(missing).toEqual([])
  })
})

const t = (k: MessageKey, p?: Record<string, string | number>) => translate('en', k, p)
const f = makeFormat('en-GB', 'Asia/Almaty', (o) => o)
function entry(extra: Partial<AuditEntry>): AuditEntry {
  return { id: 1, at: '2024-07-03T04:05:00Z', actor_id: 'u1', action: 'update', entity_type: 'meeting', entity_id: 'm1', before: null, after: null, ...extra }
}

describe('actions in words', () => {
  it('names what a change did, in the record kind’s own words', () => {
    const meeting = { title: 'Talks', status: 'draft', starts_at: '2024-07-03T07:00:00Z', room_id: 'r1' }
    expect(actionText(entry({ action: 'create', after: meeting }), t)).toBe('Booked')
    expect(actionText(entry({ before: meeting, after: { ...meeting, room_id: 'r2' } }), t)).toBe('Moved')
    expect(actionText(entry({ before: meeting, after: { ...meeting, status: 'confirmed' } }), t)).toBe('Confirmed')
    expect(actionText(entry({ before: meeting, after: { ...meeting, title: 'Talks 2' } }), t)).toBe('Changed')
    expect(actionText(entry({ action: 'cancel', before: meeting, after: meeting }), t)).toBe('Cancelled')
    expect(actionText(entry({ action: 'role_change', entity_type: 'user' }), t)).toBe('Changed the role')
    expect(actionText(entry({ entity_type: 'user', before: { disabled: false }, after: { disabled: true } }), t)).toBe('Disabled the account')
    expect(actionText(entry({ action: 'unscheduled', entity_type: 'bilateral_request' }), t)).toBe('Unscheduled')
    expect(actionText(entry({ action: 'scheduled', entity_type: 'bilateral_request' }), t)).toBe('Scheduled')
    expect(actionText(entry({ action: 'login', entity_type: 'user' }), t)).toBe('Signed in')
    expect(actionText(entry({ action: 'login_failed', entity_type: 'user', after: { email: 'x@y.z' } }), t)).toBe('Failed sign-in for x@y.z')
    expect(verbOf(entry({ action: 'something_new' }))).toBe('something_new')
    expect(actionText(entry({ action: 'role_change', entity_type: 'user' }), (k, p) => translate('ru', k, p))).toBe('Смена роли')
    expect(actionText(entry({ action: 'create', after: meeting }), (k, p) => translate('zh', k, p))).toBe('预订')
    expect(actionText(entry({ action: 'unscheduled' }), (k, p) => translate('kk', k, p))).toBe('Кестеден алынды')
  })
})

describe('fields and values in words', () => {
  const known: Record<string, string> = { r1: 'Golden Hall', d1: 'China', d2: 'Russia', mem1: 'Wang Yi', v2: 'Akorda' }
  const names: Names = (id) => known[id] ?? null
  const ctx = { t, f, names }

  it('labels fields, the record kind’s own label first', () => {
    expect(fieldLabel(t, 'starts_at')).toBe('Starts')
    expect(fieldLabel(t, 'room_id')).toBe('Room')
    expect(fieldLabel(t, 'arrival_at')).toBe('Arrival')
    expect(fieldLabel(t, 'name', 'venue')).toBe('Name')
    expect(fieldLabel((k, p) => translate('ru', k, p), 'name', 'user')).toBe('Имя')
    expect(fieldLabel((k, p) => translate('ru', k, p), 'name', 'venue')).toBe('Название')
    expect(fieldLabel(t, 'brand_new_field')).toBe('brand_new_field')
  })

  it('shows names for ids, a short id for what is unknown, labels for enum values, times in the summit’s zone', () => {
    expect(valueText('meeting', 'room_id', 'r1', ctx)).toBe('Golden Hall')
    expect(valueText('meeting', 'room_id', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', ctx)).toBe('…2e3f4a5b')
    expect(valueText('meeting', 'participants', [{ delegation_id: 'd1', member_ids: ['mem1'] }, { delegation_id: 'd2' }], ctx)).toBe(
      'China (Wang Yi); Russia',
    )
    expect(valueText('meeting', 'starts_at', '2024-07-03T07:00:00Z', ctx)).toBe('3 Jul 2024, 12:00')
    expect(valueText('meeting', 'kind', 'bilateral', ctx)).toBe('Bilateral')
    expect(valueText('delegation', 'kind', 'observer', ctx)).toBe('Observer')
    expect(valueText('bilateral_request', 'status', 'pending', ctx)).toBe('Pending')
    expect(valueText('meeting', 'allow', ['travel_time'], ctx)).toBe('Not enough travel time')
    expect(valueText('bilateral_request', 'duration_minutes', 45, ctx)).toBe('45 min')
    expect(valueText('venue', 'travel_minutes', { v2: 15 }, ctx)).toBe('Akorda: 15 min')
    expect(valueText('user', 'disabled', true, ctx)).toBe('Yes')
    expect(valueText('meeting', 'languages', [], ctx)).toBe('—')
  })
})
