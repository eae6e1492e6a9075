// The server's field messages ("is required", "must be after day_starts", …)
// are English. translateFieldMessage turns each one it knows into the user's
// language; a message it does not know is shown as the server wrote it.
// Keep this list in step with the Go code: v.Add / v.Check / FieldError{…}
// in domain/ and api/ (and the cursor error of repository/).
import { en, type MessageKey } from '../i18n/en.ts'
import type { Params, Translate } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'

/** FIELD_LABELS names the fields that the server mentions inside its messages by their form label. */
const FIELD_LABELS: Record<string, MessageKey> = {
  from: 'scheduler.from',
  to: 'scheduler.to',
  starts_on: 'summit.startsOn',
  ends_on: 'summit.endsOn',
  day_starts: 'summit.dayStarts',
  day_ends: 'summit.dayEnds',
  starts_at: 'meeting.start',
  ends_at: 'meeting.end',
  arrival_at: 'delegation.arrival',
  departure_at: 'delegation.departure',
  earliest: 'requests.earliest',
  latest: 'requests.latest',
  delegation_id: 'users.delegation',
  time_limit_seconds: 'scheduler.limit',
}

/** fieldLabel gives a field's label in the user's language, or the field's own name when the SPA has none. */
export function fieldLabel(field: string, t: Translate): string {
  const key = FIELD_LABELS[field]
  return key ? t(key) : field
}

/** EXACT maps messages without parameters to their keys. */
export const EXACT: Record<string, MessageKey> = {
  'is required': 'fieldError.required',
  'must be an email address': 'fieldError.email',
  'no such delegation': 'fieldError.noSuchDelegation',
  'a delegate must belong to a delegation': 'fieldError.delegateNeedsDelegation',
  'only delegates belong to a delegation': 'fieldError.onlyDelegates',
  'is wrong': 'fieldError.isWrong',
  'must be 2 to 10 capital letters or digits, such as KAZ or UN': 'fieldError.delegationCode',
  'each language is a code such as ru or zh': 'fieldError.languageCode',
  'make another member head instead': 'fieldError.keepHead',
  'a venue needs no travel time to itself': 'fieldError.travelToItself',
  'must be an IANA time zone such as Asia/Almaty': 'fieldError.timezone',
  'a delegation does not meet itself': 'fieldError.meetsItself',
  'must not be negative': 'fieldError.notNegative',
  'no such room': 'fieldError.noSuchRoom',
  "from–to must overlap the summit's days and working hours": 'fieldError.periodOutsideSummit',
  'used for another request': 'fieldError.idempotencyReused',
  'must be YYYY-MM-DD': 'fieldError.dateFormat',
  'not a cursor this server made': 'fieldError.badCursor',
  'must be a string or null': 'fieldError.stringOrNull',
  'is set on create only; change members at /members/{id}': 'fieldError.headOnCreate',
  'must be the ETag the resource was served with, such as "3"': 'fieldError.etag',
  'send the body as application/json': 'fieldError.sendJson',
  'the body holds more than one JSON value': 'fieldError.multipleJson',
  'is not a field this request accepts': 'fieldError.unknownField',
  'the body is empty or cut short': 'fieldError.bodyShort',
  'must be UTF-8 text': 'fieldError.utf8',
  'must be a JSON object': 'fieldError.mustBeObject',
  'must not contain NUL characters': 'fieldError.noNul',
  'unreadable JSON': 'fieldError.unreadableJson',
  'must not be 0': 'fieldError.notZero',
  // api/imports.go and importer/: a spreadsheet to import.
  'is a column the file must have': 'fieldError.importColumnNeeded',
  'is a column twice': 'fieldError.importColumnTwice',
  'must be a whole number': 'fieldError.wholeNumber',
  'must be true or false': 'fieldError.trueOrFalse',
  "begins with = like a formula: an import takes values (begin it with ' to mean the text)": 'fieldError.formula',
  'must be UTF-8 text (save the file as “CSV UTF-8”)': 'fieldError.csvUtf8',
  'must be a whole number from 1': 'fieldError.versionNumber',
  'is a column the file must have with the other names (names.ru, names.zh, names.kk)': 'fieldError.namesTogether',
  'the file is empty: its first row must name the columns': 'fieldError.fileEmpty',
}

/** Groups holds a match's capture groups by number ("" for one that did not take part). */
type Groups = Record<1 | 2 | 3, string>

type Pattern = {
  re: RegExp
  /** key and params for a match; null leaves the message as it is. */
  to: (m: Groups, t: Translate) => { key: MessageKey; params?: Params } | null
}

// Label groups of the API's enums, tried in this order for "must be one of …".
const ENUM_GROUPS = ['role', 'dkind', 'kind', 'layout', 'accreditation', 'status', 'visibility'] as const

/** enumValues lists the allowed values by their labels when one label group knows them all. */
function enumValues(list: string, t: Translate): string {
  const values = list.split(', ')
  const group = ENUM_GROUPS.find((g) => values.every((v) => `${g}.${v}` in en))
  return group ? values.map((v) => label(t, group, v)).join(', ') : list
}

/** goTypeKey names the JSON shape of a Go type that a value failed to decode into. */
function goTypeKey(type: string): MessageKey | null {
  if (type.startsWith('[]')) return 'fieldError.mustBeList'
  if (type.startsWith('map[')) return 'fieldError.mustBeObject'
  if (/^u?int(8|16|32|64)?$/.test(type)) return 'fieldError.mustBeWholeNumber'
  if (/^float(32|64)$/.test(type)) return 'fieldError.mustBeNumber'
  if (type === 'string') return 'fieldError.mustBeText'
  if (type === 'bool') return 'fieldError.mustBeTrueOrFalse'
  if (/^\w+\.[A-Za-z]\w*$/.test(type) && type !== 'time.Time') return 'fieldError.mustBeObject'
  return null
}

/** PATTERNS maps messages with parameters (%d, %s, %q in the Go code) to keys. */
export const PATTERNS: Pattern[] = [
  // v.Check(…, "must be after from"), "must be after day_starts", "must be after starts_at", "must be after arrival_at"
  { re: /^must be after (\w+)$/, to: (m, t) => ({ key: 'fieldError.mustBeAfter', params: { field: fieldLabel(m[1], t) } }) },
  { re: /^must not be before (\w+)$/, to: (m, t) => ({ key: 'fieldError.notBefore', params: { field: fieldLabel(m[1], t) } }) },
  {
    re: /^must leave room for the meeting after (\w+)$/,
    to: (m, t) => ({ key: 'fieldError.leaveRoomAfter', params: { field: fieldLabel(m[1], t) } }),
  },
  { re: /^plan at most (\d+) days at once$/, to: (m) => ({ key: 'fieldError.planMaxDays', params: { n: m[1] } }) },
  { re: /^must be (\d+) to (\d+)$/, to: (m) => ({ key: 'fieldError.range', params: { min: m[1], max: m[2] } }) },
  { re: /^must be (\d+) to (\d+) characters$/, to: (m) => ({ key: 'fieldError.charRange', params: { min: m[1], max: m[2] } }) },
  { re: /^must be (\d+) to (\d+) characters long$/, to: (m) => ({ key: 'fieldError.lengthRange', params: { min: m[1], max: m[2] } }) },
  { re: /^must be at most (\d+) characters$/, to: (m) => ({ key: 'fieldError.maxChars', params: { n: m[1] } }) },
  {
    re: /^must be a whole number from (\d+) to (\d+)$/,
    to: (m) => ({ key: 'fieldError.wholeNumberRange', params: { min: m[1], max: m[2] } }),
  },
  { re: /^must be one of (.+)$/, to: (m, t) => ({ key: 'fieldError.oneOf', params: { values: enumValues(m[1], t) } }) },
  { re: /^at most (\d+) delegations at a time$/, to: (m) => ({ key: 'fieldError.maxDelegations', params: { n: m[1] } }) },
  { re: /^no venue (\S+)$/, to: (m) => ({ key: 'fieldError.noVenue', params: { id: m[1] } }) },
  { re: /^no room (\S+)$/, to: (m) => ({ key: 'fieldError.noRoom', params: { id: m[1] } }) },
  { re: /^no delegation (\S+)$/, to: (m) => ({ key: 'fieldError.noDelegation', params: { id: m[1] } }) },
  { re: /^must be a date such as (\S+)$/, to: (m) => ({ key: 'fieldError.dateLike', params: { example: m[1] } }) },
  { re: /^must be a time such as (\S+)$/, to: (m) => ({ key: 'fieldError.timeLike', params: { example: m[1] } }) },
  // "must be an RFC 3339 time such as …" (query times before the input gate) and "… with an offset, such as …" (api/gate.go).
  {
    re: /^must be an RFC 3339 time (?:with an offset, )?such as (\S+)$/,
    to: (m) => ({ key: 'fieldError.rfc3339', params: { example: m[1] } }),
  },
  { re: /^must not contain control characters \((.+)\)$/, to: (m) => ({ key: 'fieldError.noControl', params: { char: m[1] } }) },
  { re: /^must be an id such as (\S+)$/, to: (m) => ({ key: 'fieldError.idLike', params: { example: m[1] } }) },
  { re: /^at most (\d+) items$/, to: (m) => ({ key: 'fieldError.maxItems', params: { n: m[1] } }) },
  {
    re: /^holds a \\u escape at byte (\d+) that is half of a character \(a lone surrogate\)$/,
    to: (m) => ({ key: 'fieldError.loneSurrogate', params: { n: m[1] } }),
  },
  { re: /^a meeting lasts at most (\d+) hours$/, to: (m) => ({ key: 'fieldError.meetingMaxHours', params: { n: m[1] } }) },
  { re: /^participant (\d+) has no delegation_id$/, to: (m) => ({ key: 'fieldError.participantNoDelegation', params: { n: m[1] } }) },
  { re: /^delegation (\S+) is listed twice$/, to: (m) => ({ key: 'fieldError.listedTwice', params: { id: m[1] } }) },
  { re: /^delegation (\S+) has no head; name its members$/, to: (m) => ({ key: 'fieldError.noHead', params: { code: m[1] } }) },
  {
    re: /^member (\S+) is not in delegation (\S+)$/,
    to: (m) => ({ key: 'fieldError.memberNotIn', params: { member: m[1], code: m[2] } }),
  },
  // %q: a Go-quoted string.
  { re: /^"((?:[^"\\]|\\.)*)" is not an e-mail address such as \S+$/, to: (m) => ({ key: 'fieldError.notEmail', params: { address: m[1] } }) },
  { re: /^"((?:[^"\\]|\\.)*)" is listed twice$/, to: (m) => ({ key: 'fieldError.emailTwice', params: { address: m[1] } }) },
  { re: /^"((?:[^"\\]|\\.)*)" is not a rule$/, to: (m) => ({ key: 'fieldError.notARule', params: { rule: m[1] } }) },
  { re: /^(\w+) can never be overridden$/, to: (m, t) => ({ key: 'fieldError.neverOverridden', params: { rule: label(t, 'rule', m[1]) } }) },
  // domain/shift.go: running late.
  { re: /^more than a day: at most (\d+) either way$/, to: (m) => ({ key: 'fieldError.moreThanDay', params: { n: m[1] } }) },
  { re: /^moves meeting \S+ into another day$/, to: () => ({ key: 'fieldError.intoAnotherDay' }) },
  { re: /^malformed JSON at byte (\d+)$/, to: (m) => ({ key: 'fieldError.malformedJson', params: { n: m[1] } }) },
  // api/imports.go, importer/ and domain/imports.go: a spreadsheet to import.
  {
    re: /^must be a time such as (\S+), or (.+) in the summit's time zone$/,
    to: (m) => ({ key: 'fieldError.importTime', params: { example: m[1], local: m[2] } }),
  },
  { re: /^no delegation has code (\S+)$/, to: (m) => ({ key: 'fieldError.noDelegationCode', params: { code: m[1] } }) },
  { re: /^no venue is named (.+)$/, to: (m) => ({ key: 'fieldError.noVenueNamed', params: { name: m[1] } }) },
  { re: /^repeats row (\d+)$/, to: (m) => ({ key: 'fieldError.repeatsRow', params: { n: m[1] } }) },
  { re: /^is not a column of \w+ \((.+)\)$/, to: (m) => ({ key: 'fieldError.notAColumn', params: { columns: m[1] } }) },
  { re: /^column (\d+) has no name$/, to: (m) => ({ key: 'fieldError.columnNoName', params: { n: m[1] } }) },
  { re: /^row (\d+) makes another member head of (\S+)$/, to: (m) => ({ key: 'fieldError.twoHeads', params: { n: m[1], code: m[2] } }) },
  {
    re: /^the record was changed since this file was exported \(now version (\d+)\): export it again$/,
    to: (m) => ({ key: 'fieldError.staleRow', params: { n: m[1] } }),
  },
  {
    re: /^is the id of (.+): an import finds records by (\S+) and never changes it$/,
    to: (m) => ({ key: 'fieldError.idOfAnother', params: { what: m[1], key: m[2] } }),
  },
  {
    re: /^has (\d+) cells, but the header names (\d+) columns$/,
    to: (m) => ({ key: 'fieldError.rowTooLong', params: { n: m[1], m: m[2] } }),
  },
  { re: /^the file has more than (\d+) rows: import it in parts$/, to: (m) => ({ key: 'fieldError.tooManyRows', params: { n: m[1] } }) },
  // api/bind.go: "must be " + the Go type a JSON value did not fit, e.g. "must be int", "must be []string".
  {
    re: /^must be (\S+)$/,
    to: (m) => {
      const key = goTypeKey(m[1])
      return key ? { key } : null
    },
  },
]

/** translateFieldMessage says one of the server's field messages in the user's language; unknown ones stay English. */
export function translateFieldMessage(message: string, t: Translate): string {
  const exact = EXACT[message]
  if (exact) return t(exact)
  for (const p of PATTERNS) {
    const m = message.match(p.re)
    if (!m) continue
    const out = p.to({ 1: m[1] ?? '', 2: m[2] ?? '', 3: m[3] ?? '' }, t)
    if (out) return t(out.key, out.params)
  }
  return message
}
