import { useId, useMemo, useState } from 'react'
import { ApiError } from '../api/client.ts'
import { dryRun, useSaveSummit, useSummit } from '../api/queries.ts'
import type { Summit, SummitPut } from '../api/types.ts'
import { FormError, TextField } from '../components/Field.tsx'
import { useImpactGuard } from '../components/ImpactConfirm.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { useFormat, type Format } from '../lib/format.ts'
import { offsetLabel, parseDate, zonedToInstant } from '../lib/time.ts'

/** The form keeps the rules' numbers as typed; they are sent as whole numbers. */
type NumberKey = 'rest_minutes' | 'max_bilaterals_per_day' | 'arrival_buffer_minutes'
type SummitForm = Omit<SummitPut, NumberKey> & Record<NumberKey, string>

const FIELDS: (keyof SummitPut)[] = [
  'name',
  'city',
  'timezone',
  'starts_on',
  'ends_on',
  'day_starts',
  'day_ends',
  'rest_minutes',
  'max_bilaterals_per_day',
  'arrival_buffer_minutes',
]
const EMPTY: SummitForm = {
  name: '',
  city: '',
  timezone: '',
  starts_on: '',
  ends_on: '',
  day_starts: '08:00',
  day_ends: '20:00',
  rest_minutes: '0',
  max_bilaterals_per_day: '0',
  arrival_buffer_minutes: '10',
}

/** zoneNames: the IANA zones this browser knows, offered as suggestions. */
function zoneNames(): string[] {
  try {
    return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  } catch {
    return []
  }
}

/** zoneOffset names a zone's offset on a day ("UTC+5"), or null when the zone is unknown. */
function zoneOffset(zone: string, day: string): string | null {
  if (!zone.trim()) return null
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
  } catch {
    return null
  }
  return offsetLabel(parseDate(day) ? zonedToInstant(day, 12 * 60, zone) : new Date(), zone)
}

/**
 * SummitSettings: the organisers' form for the summit's name, place, time
 * zone, dates, working hours and the rules' settings (PUT /summit with If-Match).
 */
export default function SummitSettings() {
  const t = useT()
  const summit = useSummit() // null: no settings yet
  const f = useFormat()
  return (
    <section>
      <PageHeading>{t('summit.title')}</PageHeading>
      <p className="lead">{t('summit.intro')}</p>
      {summit.isPending ? (
        <Loading />
      ) : summit.isError ? (
        <ErrorView error={summit.error} retry={() => void summit.refetch()} />
      ) : (
        // A new version (saved here or by someone else) starts the form afresh from it.
        <SummitForm key={summit.data?.version ?? 0} summit={summit.data ?? null} f={f} />
      )}
    </section>
  )
}

function SummitForm({ summit, f }: { summit: Summit | null; f: Format }) {
  const t = useT()
  const push = useToast()
  const zonesId = useId()
  const saved: SummitForm = summit
    ? {
        name: summit.name,
        city: summit.city,
        timezone: summit.timezone,
        starts_on: summit.starts_on,
        ends_on: summit.ends_on,
        day_starts: summit.day_starts,
        day_ends: summit.day_ends,
        rest_minutes: String(summit.rest_minutes ?? 0),
        max_bilaterals_per_day: String(summit.max_bilaterals_per_day ?? 0),
        arrival_buffer_minutes: String(summit.arrival_buffer_minutes ?? 10),
      }
    : EMPTY
  const [form, setForm] = useState<SummitForm>(saved)
  const zones = useMemo(zoneNames, [])
  const set = (k: keyof SummitForm) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value })
  const dirty = FIELDS.some((k) => form[k] !== saved[k])

  const save = useSaveSummit({
    onSuccess: () => push(t('common.saved'), 'success'),
    // Someone else saved first: say so (useSaveSummit reads their version, which starts the form afresh).
    onError: (e) => {
      if (e instanceof ApiError && e.status === 412) push(problemText(e, t), 'error')
    },
  })
  const impact = useImpactGuard()
  const fe = fieldErrorsOf(save.error, t)
  const offset = zoneOffset(form.timezone, form.starts_on)

  return (
    <form
      className="card settings-form"
      onSubmit={(e) => {
        e.preventDefault()
        const vars = {
          body: {
            ...form,
            name: form.name.trim(),
            city: form.city.trim(),
            timezone: form.timezone.trim(),
            rest_minutes: Number(form.rest_minutes) || 0,
            max_bilaterals_per_day: Number(form.max_bilaterals_per_day) || 0,
            arrival_buffer_minutes: form.arrival_buffer_minutes === '' ? 10 : Number(form.arrival_buffer_minutes),
          },
          version: summit?.version,
        }
        // Settings not set yet hold no programme to break.
        impact.guard(() => (summit ? dryRun.summit(vars) : Promise.resolve([])), () => save.mutate(vars))
      }}
    >
      {!summit && <p className="notice">{t('summit.notSet')}</p>}
      <TextField label={t('summit.name')} value={form.name} onChange={set('name')} error={fe.name} required />
      <div className="grid-2">
        <TextField label={t('summit.city')} value={form.city} onChange={set('city')} error={fe.city} required />
        <TextField
          label={t('summit.timezone')}
          value={form.timezone}
          onChange={set('timezone')}
          list={zones.length > 0 ? zonesId : undefined}
          hint={offset ? t('summit.timezoneNow', { offset }) : t('summit.timezoneHint')}
          error={fe.timezone}
          spellCheck={false}
          autoComplete="off"
          required
        />
      </div>
      {zones.length > 0 && (
        <datalist id={zonesId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      )}
      <fieldset>
        <legend>{t('summit.dates')}</legend>
        <div className="grid-2">
          <TextField label={t('summit.startsOn')} type="date" value={form.starts_on} onChange={set('starts_on')} error={fe.starts_on} required />
          <TextField
            label={t('summit.endsOn')}
            type="date"
            value={form.ends_on}
            min={form.starts_on || undefined}
            onChange={set('ends_on')}
            error={fe.ends_on}
            required
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('summit.hours')}</legend>
        <div className="grid-2">
          <TextField label={t('summit.dayStarts')} type="time" value={form.day_starts} onChange={set('day_starts')} error={fe.day_starts} required />
          <TextField label={t('summit.dayEnds')} type="time" value={form.day_ends} onChange={set('day_ends')} error={fe.day_ends} required />
        </div>
        <p className="muted small">{t('summit.keepsMeetings')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('summit.rules')}</legend>
        <div className="grid-2">
          <TextField
            label={t('summit.restMinutes')}
            type="number"
            min={0}
            max={240}
            step={1}
            value={form.rest_minutes}
            onChange={set('rest_minutes')}
            hint={t('summit.restHint')}
            error={fe.rest_minutes}
          />
          <TextField
            label={t('summit.maxBilaterals')}
            type="number"
            min={0}
            max={50}
            step={1}
            value={form.max_bilaterals_per_day}
            onChange={set('max_bilaterals_per_day')}
            hint={t('summit.maxBilateralsHint')}
            error={fe.max_bilaterals_per_day}
          />
          <TextField
            label={t('summit.arrivalBuffer')}
            type="number"
            min={0}
            max={240}
            step={1}
            value={form.arrival_buffer_minutes}
            onChange={set('arrival_buffer_minutes')}
            error={fe.arrival_buffer_minutes}
          />
        </div>
      </fieldset>
      <FormError text={generalError(save.error, t, FIELDS)} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending || impact.checking}>
          {t('common.save')}
        </button>
        {dirty && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setForm(saved)
              save.reset()
            }}
          >
            {t('summit.discard')}
          </button>
        )}
      </div>
      {impact.dialog}
      {summit && <p className="muted small">{t('summit.updated', { when: `${f.dateTime(summit.updated_at)}, ${f.zoneLabel}` })}</p>}
    </form>
  )
}
