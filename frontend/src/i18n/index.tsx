// The translation layer: four languages, chosen by the user and remembered in
// localStorage. Every user-visible string goes through t(); dates, times and
// numbers go through Intl with the current language's locale.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { en, type MessageKey } from './en.ts'
import { kk } from './kk.ts'
import { ru } from './ru.ts'
import { zh } from './zh.ts'

/** The languages the app speaks, with their own names. */
export const LANGUAGES = [
  { code: 'en', name: 'English', locale: 'en-GB' },
  { code: 'ru', name: 'Русский', locale: 'ru-RU' },
  { code: 'zh', name: '中文', locale: 'zh-CN' },
  { code: 'kk', name: 'Қазақша', locale: 'kk-KZ' },
] as const

export type Lang = (typeof LANGUAGES)[number]['code']
export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

const DICTIONARIES: Record<Lang, Partial<Record<MessageKey, string>>> = { en, ru, zh, kk }
const STORAGE_KEY = 'summit.lang'

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && LANGUAGES.some((l) => l.code === v)
}

/** translate looks a key up in a language, falling back to English, and fills {params}. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[lang][key] ?? en[key]
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (all, name: string) => {
    const v = params[name]
    return v === undefined ? all : String(v)
  })
}

export function localeOf(lang: Lang): string {
  return LANGUAGES.find((l) => l.code === lang)?.locale ?? 'en-GB'
}

function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY)
    if (isLang(saved)) return saved
  } catch {
    /* storage blocked: use the browser's language */
  }
  const nav = (typeof navigator !== 'undefined' ? navigator.language : 'en').slice(0, 2)
  return isLang(nav) ? nav : 'en'
}

type I18n = { lang: Lang; locale: string; setLang: (l: Lang) => void; t: Translate }

const I18nContext = createContext<I18n | null>(null)

/** I18nProvider holds the chosen language and keeps <html lang> in step. */
export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang())
  const setLang = useCallback((l: Lang) => {
    setLangState(l)
    try {
      window.localStorage.setItem(STORAGE_KEY, l)
    } catch {
      /* not remembered: fine */
    }
  }, [])
  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])
  const value = useMemo<I18n>(
    () => ({ lang, locale: localeOf(lang), setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

/** useI18n gives the language, its setter and t(). */
export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}

/** useT gives t() alone. */
export function useT(): Translate {
  return useI18n().t
}

export type { MessageKey }
