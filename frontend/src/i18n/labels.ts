import { en, type MessageKey } from './en.ts'
import type { Translate } from './index.tsx'

type Group = 'kind' | 'status' | 'visibility' | 'role' | 'rule' | 'reqStatus' | 'dkind' | 'layout' | 'accreditation' | 'auditAction' | 'entity' | 'noticeStatus' | 'noticeLang' | 'venueKind' | 'vehicleKind'

/** label translates an enum value of the API ("bilateral" → "Bilateral"); unknown values stay as they are. */
export function label(t: Translate, group: Group, value: string): string {
  const key = `${group}.${value}`
  return key in en ? t(key as MessageKey) : value
}
