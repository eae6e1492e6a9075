// Time in the summit's IANA time zone, through Intl only. The server speaks
// UTC; people read and type wall-clock times of the summit's city.

export type ZonedParts = { year: number; month: number; day: number; hour: number; minute: number }

const partFormats = new Map<string, Intl.DateTimeFormat>()

function partFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partFormats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partFormats.set(timeZone, f)
  }
  return f
}

/** zonedParts gives the wall-clock date and time of an instant in a time zone. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const out: Record<string, number> = {}
  for (const p of partFormat(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value)
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
  }
}

/** offsetMinutes is how far the time zone is ahead of UTC at an instant (Almaty: 300). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone)
  const asUTC = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)
  const floored = Math.floor(date.getTime() / 60000) * 60000
  return Math.round((asUTC - floored) / 60000)
}

/** offsetLabel names the offset as people read it: "UTC+5", "UTC−3:30", "UTC". */
export function offsetLabel(date: Date, timeZone: string): string {
  const m = offsetMinutes(date, timeZone)
  if (m === 0) return 'UTC'
  const sign = m > 0 ? '+' : '−'
  const abs = Math.abs(m)
  const h = Math.floor(abs / 60)
  const mm = abs % 60
  return `UTC${sign}${h}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_RE = /^(\d{1,2}):(\d{2})$/

/** parseDate reads "YYYY-MM-DD"; null when it is not one. */
export function parseDate(day: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(day)
  if (!m) return null
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
}

/** parseTime reads "HH:MM" as minutes after midnight; null when it is not one. */
export function parseTime(hhmm: string): number | null {
  const m = TIME_RE.exec(hhmm)
  if (!m) return null
  const h = Number(m[1])
  const mi = Number(m[2])
  if (h > 24 || mi > 59) return null
  return h * 60 + mi
}

/**
 * zonedToInstant is the instant at which the wall clock of timeZone shows
 * the given day and minutes after midnight (minutes may pass 24:00).
 */
export function zonedToInstant(day: string, minutes: number, timeZone: string): Date {
  const d = parseDate(day)
  if (!d) return new Date(Number.NaN)
  const guess = Date.UTC(d.year, d.month - 1, d.day, 0, minutes)
  const first = offsetMinutes(new Date(guess), timeZone)
  let t = guess - first * 60000
  const second = offsetMinutes(new Date(t), timeZone)
  if (second !== first) t = guess - second * 60000
  return new Date(t)
}

/** dayOf is the date ("YYYY-MM-DD") an instant falls on in timeZone. */
export function dayOf(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** timeOf is the wall-clock "HH:MM" of an instant in timeZone. */
export function timeOf(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** addDays moves a "YYYY-MM-DD" date by n days. */
export function addDays(day: string, n: number): string {
  const d = parseDate(day)
  if (!d) return day
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n))
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

/** daysBetween lists the dates from first to last, both included. */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = []
  for (let d = first; d <= last && out.length < 62; d = addDays(d, 1)) out.push(d)
  return out
}

/** minutesToHHMM writes minutes after midnight as "HH:MM". */
export function minutesToHHMM(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`
}

/** snap rounds minutes to the nearest multiple of step. */
export function snap(minutes: number, step: number): number {
  return Math.round(minutes / step) * step
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** toLocalInput writes an instant as a datetime-local value ("2024-07-03T09:30") in timeZone. */
export function toLocalInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${dayOf(d, timeZone)}T${timeOf(d, timeZone)}`
}

/** fromLocalInput reads a datetime-local value as wall-clock time in timeZone; null when empty or invalid. */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const [day, time] = value.split('T')
  if (!day || !time) return null
  const minutes = parseTime(time.slice(0, 5))
  if (minutes === null || !parseDate(day)) return null
  const d = zonedToInstant(day, minutes, timeZone)
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace('.000Z', 'Z')
}
