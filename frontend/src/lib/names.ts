// Names in the reader's language (CONTRACT section 13): delegations,
// members, venues and rooms may carry `names` {ru, zh, kk}; anything shown
// falls back to the primary `name` (`full_name` for members).
import { useCallback } from 'react'
import { useI18n } from '../i18n/index.tsx'

/** Named is anything with a primary name and optional names in other languages. */
export type Named = {
  name?: string
  full_name?: string
  names?: { ru?: string; zh?: string; kk?: string }
}

/** localName gives the entity's name in lang, else its primary name; '' for none. */
export function localName(entity: Named | null | undefined, lang: string): string {
  if (!entity) return ''
  const local = (entity.names as Record<string, string | undefined> | undefined)?.[lang]?.trim()
  return local || entity.name || entity.full_name || ''
}

/** useLocalName gives localName bound to the current language. */
export function useLocalName(): (entity: Named | null | undefined) => string {
  const { lang } = useI18n()
  return useCallback((entity: Named | null | undefined) => localName(entity, lang), [lang])
}
