// The audit trail in people's words: what an entry did ("Booked", "Moved",
// "Changed the role"), the fields it changed by their labels ("Starts",
// "Room") and the things it names by their names ("Golden Hall", "China"),
// an id only for what is gone or hidden.
import type { AuditEntry } from '../api/types.ts'
import { en, type MessageKey } from '../i18n/en.ts'
import type { Translate } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import type { Format } from './format.ts'

export type Snapshot = Record<string, unknown>

/** Names finds what people call a thing by its id; null when the app does not know it. */
export type Names = (id: string) => string | null

export function asObject(v: unknown): Snapshot | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Snapshot) : null
}

/** shortId: the tail of an id (UUIDv7s made close together share their head). */
export function shortId(id: string): string {
  return id.length > 10 ? `…${id.slice(-8)}` : id
}

const MOVE_FIELDS = ['starts_at', 'ends_at', 'room_id']
const differs = (a: Snapshot, b: Snapshot, k: string) => JSON.stringify(a[k]) !== JSON.stringify(b[k])

/**
 * verbOf: what an entry did, finer than its action where a change is worth
 * its own word: a meeting's change of time or room is a move, draft to
 * confirmed a confirmation; a user's change of "disabled" disables or enables.
 */
export function verbOf(e: AuditEntry): string {
  const b = asObject(e.before)
  const a = asObject(e.after)
  if (e.action === 'update' && a && b) {
    if (e.entity_type === 'meeting') {
      if (b.status === 'draft' && a.status === 'confirmed') return 'confirm'
      if (MOVE_FIELDS.some((k) => differs(a, b, k))) return 'move'
    }
    if (e.entity_type === 'user' && differs(a, b, 'disabled')) return a.disabled ? 'disable' : 'enable'
  }
  return e.action
}

/** actionText names what an entry did: the record kind's own word if it has one, else the action's; a failed sign-in names the email. */
export function actionText(e: AuditEntry, t: Translate): string {
  const email = asObject(e.after)?.email
  if (e.action === 'login_failed' && typeof email === 'string' && email !== '') return t('audit.failedSignInFor', { email })
  const verb = verbOf(e)
  for (const key of [`auditVerb.${e.entity_type}.${verb}`, `auditAction.${verb}`]) {
    if (key in en) return t(key as MessageKey)
  }
  return verb
}

/** fieldLabel: a snapshot field by its label ("starts_at" → "Starts"), the record kind's own where it has one ("name" of a user); an unknown one as it is. */
export function fieldLabel(t: Translate, key: string, entity = ''): string {
  for (const k of [`auditField.${entity}.${key}`, `auditField.${key}`]) {
    if (k in en) return t(k as MessageKey)
  }
  return key
}

// Fields that hold the id of another thing, shown by its name.
const ID_FIELDS = new Set([
  'id',
  'room_id',
  'venue_id',
  'delegation_id',
  'from_delegation_id',
  'to_delegation_id',
  'meeting_id',
  'request_id',
  'created_by',
])
const MINUTE_FIELDS = new Set(['duration_minutes', 'changeover_minutes', 'rest_minutes'])
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

type Group = Parameters<typeof label>[1]

/** enumGroup: the labels of a field that holds one of the API's enum values, which depend on the kind of record. */
function enumGroup(entity: string, key: string): Group | null {
  switch (key) {
    case 'kind':
      return entity === 'delegation' ? 'dkind' : 'kind'
    case 'status':
      return entity === 'bilateral_request' ? 'reqStatus' : 'status'
    case 'visibility':
    case 'layout':
    case 'accreditation':
    case 'role':
      return key
    case 'allow':
    case 'allow_used':
      return 'rule'
  }
  return null
}

export type ValueContext = { t: Translate; f: Format; names: Names }

function cut(s: string): string {
  return s.length > 60 ? `${s.slice(0, 59)}…` : s
}

/** nameOf: a thing by its name, or its short id when the app does not know it (gone, or hidden from this user). */
export function nameOf(names: Names, id: string): string {
  return names(id) ?? shortId(id)
}

/** valueText shows one snapshot value of a field in words: names for ids, labels for enum values, instants in the summit's zone. */
export function valueText(entity: string, key: string, v: unknown, { t, f, names }: ValueContext): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '—'
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
  if (typeof v === 'number') return MINUTE_FIELDS.has(key) ? t('requests.duration', { n: f.number(v) }) : f.number(v)
  if (typeof v === 'string') {
    if (ID_FIELDS.has(key)) return nameOf(names, v)
    if (key === 'session') return shortId(v) // a sign-in's session has no name; its tail tells sessions apart
    const group = enumGroup(entity, key)
    if (group) return label(t, group, v)
    return INSTANT.test(v) ? f.dateTime(v) : cut(v)
  }
  if (Array.isArray(v)) {
    if (key === 'participants') {
      return cut(
        v
          .map((p) => {
            const o = asObject(p)
            if (!o || typeof o.delegation_id !== 'string') return '?'
            const who = nameOf(names, o.delegation_id)
            const members = Array.isArray(o.member_ids) ? o.member_ids.filter((m): m is string => typeof m === 'string') : []
            return members.length > 0 ? `${who} (${members.map((m) => nameOf(names, m)).join(', ')})` : who
          })
          .join('; '),
      )
    }
    const group = enumGroup(entity, key)
    return cut(
      v
        .map((x) =>
          typeof x !== 'string' ? JSON.stringify(x) : key === 'meeting_ids' ? nameOf(names, x) : group ? label(t, group, x) : x,
        )
        .join(', '),
    )
  }
  const o = asObject(v)
  if (o && key === 'travel_minutes') {
    return cut(
      Object.entries(o)
        .map(([id, n]) => `${nameOf(names, id)}: ${typeof n === 'number' ? t('requests.duration', { n: f.number(n) }) : '?'}`)
        .join(', '),
    )
  }
  if (o && key === 'names') {
    return cut(
      Object.entries(o)
        .map(([lang, n]) => `${lang}: ${String(n)}`)
        .join(', '),
    )
  }
  return cut(JSON.stringify(v))
}

const NAME_FIELDS = ['name', 'title', 'full_name', 'code', 'email']

function plainName(snap: Snapshot): string | null {
  for (const k of NAME_FIELDS) {
    const v = snap[k]
    if (typeof v === 'string' && v.trim() !== '') return v
  }
  return null
}

/** snapshotName finds what people call a record in one snapshot ("Golden Hall", "Talks: …"); a request by its two delegations. */
export function snapshotName(snap: Snapshot | null, names: Names, t: Translate): string | null {
  if (!snap) return null
  const own = plainName(snap)
  if (own) return own
  if (typeof snap.from_delegation_id === 'string' && typeof snap.to_delegation_id === 'string') {
    return t('requests.fromTo', { from: nameOf(names, snap.from_delegation_id), to: nameOf(names, snap.to_delegation_id) })
  }
  return null
}

/** recordName: what people call an entry's record, from its snapshots or, failing that, by its id. */
export function recordName(e: AuditEntry, names: Names, t: Translate): string | null {
  return snapshotName(asObject(e.after), names, t) ?? snapshotName(asObject(e.before), names, t) ?? names(e.entity_id)
}

/**
 * namesInTrail: the names the trail itself tells (a record's name in its
 * snapshots, an actor's current name), by id: they name what is gone too.
 */
export function namesInTrail(entries: AuditEntry[], into: Map<string, string>): void {
  // Oldest first, so that a record's newest name wins.
  for (const e of [...entries].reverse()) {
    if (e.actor_id && e.actor_name) into.set(e.actor_id, e.actor_name)
    if (e.entity_type === 'summit' || e.entity_type === 'proposal') continue
    if (e.action === 'login' || e.action === 'login_failed' || e.action === 'logout' || e.action === 'refresh_reuse') continue
    const a = asObject(e.after)
    const b = asObject(e.before)
    const name = (a && plainName(a)) ?? (b && plainName(b))
    if (name) into.set(e.entity_id, name)
  }
}
