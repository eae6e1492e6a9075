// Dates, times and numbers through Intl, in the current language and the
// summit's time zone.
import { useMemo } from 'react'
import { useSummit } from '../api/queries.ts'
import { useI18n } from '../i18n/index.tsx'
import { offsetLabel, parseDate, zonedParts, zonedToInstant } from './time.ts'

export const DEFAULT_ZONE = 'Asia/Almaty'

export type Format = {
  zone: string
  locale: string
  /** "09:30" */
  time: (iso: string | Date) => string
  /** "Wednesday, 3 July 2024" for a "YYYY-MM-DD" day */
  day: (day: string) => string
  /** "Wed 3 Jul" */
  dayShort: (day: string) => string
  /** "3 Jul 2024, 09:30" */
  dateTime: (iso: string | Date) => string
  number: (n: number) => string
  /** "Astana time (UTC+5)" */
  zoneLabel: string
}

const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан']
const KK_DAYS = ['жексенбі', 'дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі']
const KK_DAYS_SHORT = ['жс', 'дс', 'сс', 'ср', 'бс', 'жм', 'сб']

/**
 * hasOwnNames: whether this browser's Intl knows the locale's month names
 * (Chromium's reduced ICU falls back to "M07" for Kazakh).
 */
function hasOwnNames(locale: string): boolean {
  try {
    const m = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 6, 3)))
    return !/^M?\d+$/.test(m) && m !== 'July'
  } catch {
    return false
  }
}

/** kazakhDates formats days by hand when Intl lacks Kazakh names: "2024 жылғы 3 шілде, сәрсенбі". */
function kazakhDates(zone: string, time: (d: Date) => string) {
  const parts = (d: string) => {
    const p = parseDate(d) ?? { year: 1970, month: 1, day: 1 }
    const wd = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()
    return { ...p, wd }
  }
  return {
    day: (d: string) => {
      const p = parts(d)
      return `${p.year} жылғы ${p.day} ${KK_MONTHS[p.month - 1]}, ${KK_DAYS[p.wd]}`
    },
    dayShort: (d: string) => {
      const p = parts(d)
      return `${p.day} ${KK_MONTHS[p.month - 1]}, ${KK_DAYS_SHORT[p.wd]}`
    },
    dateTime: (v: string | Date) => {
      const date = typeof v === 'string' ? new Date(v) : v
      const z = zonedParts(date, zone)
      return `${z.day} ${KK_MONTHS[z.month - 1]} ${z.year}, ${time(date)}`
    },
  }
}

/** makeFormat builds the formatters for a locale and a time zone. */
export function makeFormat(locale: string, zone: string, zoneName: (offset: string) => string, refDay?: string): Format {
  const timeF = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const dayF = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
  const dayShortF = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })
  const dtF = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  const numF = new Intl.NumberFormat(locale)
  const asUTCDate = (d: string) => {
    const p = parseDate(d)
    return p ? new Date(Date.UTC(p.year, p.month - 1, p.day, 12)) : new Date(Number.NaN)
  }
  const ref = refDay ? zonedToInstant(refDay, 12 * 60, zone) : new Date()
  const time = (v: string | Date) => timeF.format(typeof v === 'string' ? new Date(v) : v)
  const own = locale.startsWith('kk') && !hasOwnNames(locale) ? kazakhDates(zone, time) : null
  return {
    zone,
    locale,
    time,
    day: own?.day ?? ((d) => dayF.format(asUTCDate(d))),
    dayShort: own?.dayShort ?? ((d) => dayShortF.format(asUTCDate(d))),
    dateTime: own?.dateTime ?? ((v) => dtF.format(typeof v === 'string' ? new Date(v) : v)),
    number: (n) => numF.format(n),
    zoneLabel: zoneName(offsetLabel(ref, zone)),
  }
}

/** City names in each language, for "Astana time"; others stay as the server spells them. */
const CITIES: Record<string, Record<string, string>> = {
  Astana: { ru: 'Астана', kk: 'Астана', zh: '阿斯塔纳' },
}

/** useFormat gives the formatters for the current language and the summit's zone. */
export function useFormat(): Format {
  const { locale, t, lang } = useI18n()
  const summit = useSummit().data
  const zone = summit?.timezone || DEFAULT_ZONE
  const serverCity = summit?.city || 'Astana'
  const city = CITIES[serverCity]?.[lang] ?? serverCity
  return useMemo(
    () => makeFormat(locale, zone, (offset) => t('tz.label', { city, offset }), summit?.starts_on),
    [locale, zone, city, t, summit?.starts_on],
  )
}
