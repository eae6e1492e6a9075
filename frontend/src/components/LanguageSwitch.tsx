import { useId } from 'react'
import { LANGUAGES, isLang, useI18n } from '../i18n/index.tsx'

/** LanguageSwitch picks the interface language; the choice is remembered. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n()
  const id = useId()
  return (
    <div className="lang-switch">
      <label htmlFor={id}>{t('nav.language')}</label>
      <select id={id} value={lang} onChange={(e) => isLang(e.target.value) && setLang(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  )
}
