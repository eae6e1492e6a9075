// HotelField chooses a delegation's hotel among the venues of kind hotel
// (CONTRACT section 14), or none.
import { useVenues } from '../api/queries.ts'
import { useT } from '../i18n/index.tsx'
import { useLocalName } from '../lib/names.ts'
import { SelectField } from './Field.tsx'

export function HotelField({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string | undefined }) {
  const t = useT()
  const ln = useLocalName()
  const hotels = (useVenues().data ?? []).filter((v) => v.kind === 'hotel')
  return (
    <SelectField
      label={t('transport.hotel')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={[{ value: '', label: t('transport.noHotel') }, ...hotels.map((h) => ({ value: h.id, label: ln(h) }))]}
      error={error}
    />
  )
}
