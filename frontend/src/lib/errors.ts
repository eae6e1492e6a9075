import { ApiError } from '../api/client.ts'
import type { Translate } from '../i18n/index.tsx'
import { fieldLabel, translateFieldMessage } from './serverMessages.ts'

/** problemText says in words why a call failed. */
export function problemText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 412) return t('error.stale')
    if (error.status === 403) return t('error.forbidden')
    if (error.status === 404) return t('error.notFound')
    if (error.status === 429) return t('error.rateLimited')
    if (error.status >= 500) return t('error.server')
    const malformed = error.status === 400 ? (error.problem?.errors ?? []) : []
    if (malformed.length > 0) {
      const fields = malformed.map((e) => `${fieldLabel(e.field, t)}: ${translateFieldMessage(e.message, t)}`).join('; ')
      return t('error.malformed', { fields })
    }
    const conflicts = error.conflicts.map((c) => c.message).join(' ')
    return conflicts || error.message
  }
  return t('common.networkError')
}

/** fieldErrorsOf gives a 422's field errors in the user's language, or an empty map. */
export function fieldErrorsOf(error: unknown, t: Translate): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(error instanceof ApiError) || error.status !== 422) return out
  for (const e of error.problem?.errors ?? []) {
    const message = translateFieldMessage(e.message, t)
    if (out[e.field]?.split('; ').includes(message)) continue // e.g. several meetings pushed into another day
    out[e.field] = out[e.field] ? `${out[e.field]}; ${message}` : message
  }
  return out
}

/** generalError is the message for a form: nothing when every error is shown at a field. */
export function generalError(error: unknown, t: Translate, fields: string[]): string | null {
  if (!error) return null
  const fe = fieldErrorsOf(error, t)
  const keys = Object.keys(fe)
  if (keys.length > 0 && keys.every((k) => fields.includes(k))) return t('error.fixFields')
  if (keys.length > 0) return Object.entries(fe).map(([k, v]) => `${fieldLabel(k, t)}: ${v}`).join('; ')
  return problemText(error, t)
}
