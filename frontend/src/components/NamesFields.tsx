// The optional names of a delegation, member, venue or room in Russian,
// Chinese and Kazakh (CONTRACT section 13), as three fields of a form.
import { useT } from '../i18n/index.tsx'
import type { Named } from '../lib/names.ts'
import { TextField } from './Field.tsx'

export const NAME_LANGS = ['ru', 'zh', 'kk'] as const
export type NamesForm = Record<(typeof NAME_LANGS)[number], string>

/** namesForm gives the form's values for an entity's names. */
export function namesForm(entity: Named | null | undefined): NamesForm {
  const n = entity?.names ?? {}
  return { ru: n.ru ?? '', zh: n.zh ?? '', kk: n.kk ?? '' }
}

/** namesBody gives the names to send: the filled-in ones (the server replaces the whole set). */
export function namesBody(form: NamesForm): { ru?: string; zh?: string; kk?: string } {
  const out: { ru?: string; zh?: string; kk?: string } = {}
  for (const l of NAME_LANGS) if (form[l].trim()) out[l] = form[l].trim()
  return out
}

export function NamesFields({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: NamesForm
  onChange: (v: NamesForm) => void
  errors: Record<string, string | undefined>
  disabled?: boolean
}) {
  const t = useT()
  return (
    <fieldset className="names-fields">
      <legend>{t('names.legend')}</legend>
      <div className="grid-3">
      {NAME_LANGS.map((l) => (
        <TextField
          key={l}
          lang={l}
          label={t(`names.${l}`)}
          value={value[l]}
          maxLength={200}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, [l]: e.target.value })}
          error={errors[`names.${l}`]}
        />
      ))}
      </div>
    </fieldset>
  )
}
