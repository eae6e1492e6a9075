// Ground transport for organisers (CONTRACT section 14): the day's
// movements as a timeline by delegation with the transport problems marked,
// the day sheet as PDF and CSV, the motor pool, and each delegation's
// motorcade. Movements are derived by the server from the programme; the
// live stream refetches them when a meeting moves.
import { useState, type FormEvent } from 'react'
import {
  useDelegations,
  useDeleteVehicle,
  useMotorcades,
  useMovements,
  useProblems,
  useSaveVehicle,
  useSetMotorcade,
  useSummit,
  useVehicles,
} from '../api/queries.ts'
import { VEHICLE_KINDS, type Delegation, type Movement, type Vehicle, type VehicleKind } from '../api/types.ts'
import { downloadFile } from '../components/ExportButtons.tsx'
import { DialogActions } from '../components/DialogActions.tsx'
import { FormError, SelectField, TextField } from '../components/Field.tsx'
import { Modal } from '../components/Modal.tsx'
import { PdfButton } from '../components/PdfButton.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useI18n, useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { useMovementTitle, useVenueName } from '../lib/movements.ts'
import { useLocalName } from '../lib/names.ts'
import { navigate } from '../lib/router.tsx'
import { daysBetween, parseTime, timeOf } from '../lib/time.ts'

const TRANSPORT_RULES = ['vehicle_overlap', 'movement_gap']

export default function TransportPage({ search }: { search: URLSearchParams }) {
  const t = useT()
  const summit = useSummit().data
  const days = summit ? daysBetween(summit.starts_on, summit.ends_on) : []
  const day = search.get('date') ?? days[0] ?? ''
  return (
    <section className="transport-page">
      <PageHeading>{t('nav.transport')}</PageHeading>
      <p className="muted">{t('transport.intro')}</p>
      {day && <Movements day={day} days={days} />}
      <Motorcades />
      <Vehicles />
    </section>
  )
}

/** Movements: the day's movements as a timeline, a row per delegation, problems marked. */
function Movements({ day, days }: { day: string; days: string[] }) {
  const { t } = useI18n()
  const f = useFormat()
  const push = useToast()
  const summit = useSummit().data
  const movements = useMovements({ date: day })
  const delegations = useDelegations()
  const problems = useProblems()
  const vehicles = useVehicles()
  const ln = useLocalName()
  const say = useMovementTitle()
  const venue = useVenueName()
  const plate = new Map((vehicles.data ?? []).map((v) => [v.id, v.plate]))
  const marked = new Map<string, string[]>() // movement id + delegation id → its problems' rules, once each
  for (const p of problems.data?.items ?? []) {
    if (!TRANSPORT_RULES.includes(p.rule)) continue
    const k = (p.movement_id ?? '') + p.delegation_id
    const rules = marked.get(k) ?? []
    if (!rules.includes(label(t, 'rule', p.rule))) marked.set(k, [...rules, label(t, 'rule', p.rule)])
  }
  const from = parseTime(summit?.day_starts ?? '') ?? 8 * 60
  const to = Math.max(parseTime(summit?.day_ends ?? '') ?? 22 * 60, from + 60)
  const at = (iso: string) => {
    const m = parseTime(timeOf(new Date(iso), f.zone)) ?? from
    return Math.min(100, Math.max(0, ((m - from) / (to - from)) * 100))
  }
  const rows: [Delegation, Movement[]][] = (delegations.data ?? [])
    .map((d): [Delegation, Movement[]] => [d, (movements.data ?? []).filter((m) => m.delegation_id === d.id)])
    .filter(([, ms]) => ms.length > 0)
  const problemCount = (movements.data ?? []).filter((m) => marked.has(m.id + m.delegation_id)).length
  return (
    <section className="section" aria-labelledby="movements-heading">
      <div className="section-head">
        <h3 id="movements-heading">{t('transport.movements')}</h3>
        <div className="actions">
          <label className="inline-field">
            <span>{t('transport.day')}</span>
            <select value={day} onChange={(e) => navigate(`/transport?date=${e.target.value}`)}>
              {days.map((d) => (
                <option key={d} value={d}>
                  {f.day(d)}
                </option>
              ))}
            </select>
          </label>
          <PdfButton path={`/api/v1/movements.pdf?date=${day}`} name={`movements-${day}.pdf`} />
          <button
            type="button"
            className="button button--secondary"
            onClick={() => downloadFile(`/api/v1/movements.csv?date=${day}`, `movements-${day}.csv`).catch((e: unknown) => push(problemText(e, t), 'error'))}
          >
            {t('transport.downloadCsv')}
          </button>
        </div>
      </div>
      <p className="muted">
        {t('agenda.timesIn', { zone: f.zoneLabel })}
        {problemCount > 0 && <strong className="transport-problems"> · {t('transport.problems', { n: problemCount })}</strong>}
      </p>
      {movements.isPending ? (
        <Loading />
      ) : movements.isError ? (
        <ErrorView error={movements.error} retry={() => void movements.refetch()} />
      ) : rows.length === 0 ? (
        <p className="muted">{t('transport.noMovements')}</p>
      ) : (
        <ol className="timeline" aria-label={t('transport.movements')}>
          {rows.map(([d, ms]) => (
            <li key={d.id} className="timeline__row" data-delegation={d.code}>
              <span className="timeline__who">{ln(d)}</span>
              <div className="timeline__track" aria-hidden="true">
                {ms.map((m) => (
                  <span
                    key={m.id}
                    className={`timeline__bar${marked.has(m.id + m.delegation_id) ? ' timeline__bar--problem' : ''}`}
                    style={{ left: `${at(m.depart_at)}%`, width: `${Math.max(at(m.arrive_at) - at(m.depart_at), 0.6)}%` }}
                    title={say(m)}
                  />
                ))}
              </div>
              <ul className="timeline__list">
                {ms.map((m) => {
                  const rules = marked.get(m.id + m.delegation_id)
                  const cars = m.vehicle_ids.map((id) => plate.get(id) ?? '').filter(Boolean).join(', ')
                  return (
                    <li key={m.id} className={`timeline__move${rules ? ' timeline__move--problem' : ''}`}>
                      <span className="timeline__time">
                        {f.time(m.depart_at)}–{f.time(m.arrive_at)}
                      </span>{' '}
                      {t('transport.route', { from: venue(m.from_venue_id), to: venue(m.to_venue_id) })}
                      {cars && <span className="muted"> · {cars}</span>}
                      {rules && <strong className="timeline__problem"> ⚠ {rules.join(', ')}</strong>}
                    </li>
                  )
                })}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/** Motorcades: each delegation's vehicles, assigned in a dialog. */
function Motorcades() {
  const t = useT()
  const ln = useLocalName()
  const delegations = useDelegations()
  const motorcades = useMotorcades()
  const vehicles = useVehicles()
  const [editing, setEditing] = useState<Delegation | null>(null)
  const plate = new Map((vehicles.data ?? []).map((v) => [v.id, v.plate]))
  const of = new Map((motorcades.data ?? []).map((m) => [m.delegation_id, m.vehicle_ids]))
  return (
    <section className="section" aria-labelledby="motorcades-heading">
      <h3 id="motorcades-heading">{t('transport.motorcades')}</h3>
      <p className="muted">{t('transport.motorcadesIntro')}</p>
      {delegations.isPending || motorcades.isPending ? (
        <Loading />
      ) : motorcades.isError ? (
        <ErrorView error={motorcades.error} />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('transport.delegation')}</th>
              <th scope="col">{t('transport.vehicles')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(delegations.data ?? []).map((d) => (
              <tr key={d.id}>
                <td>{ln(d)}</td>
                <td>{(of.get(d.id) ?? []).map((id) => plate.get(id) ?? id).join(', ') || <span className="muted">{t('transport.noMotorcade')}</span>}</td>
                <td className="actions">
                  <button type="button" className="button button--small button--secondary" onClick={() => setEditing(d)}>
                    {t('transport.assign')}
                    <span className="visually-hidden"> {d.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <MotorcadeDialog delegation={editing} vehicles={vehicles.data ?? []} chosen={of.get(editing.id) ?? []} onClose={() => setEditing(null)} />
      )}
    </section>
  )
}

function MotorcadeDialog({ delegation, vehicles, chosen, onClose }: { delegation: Delegation; vehicles: Vehicle[]; chosen: string[]; onClose: () => void }) {
  const { t } = useI18n()
  const push = useToast()
  const ln = useLocalName()
  const [ids, setIds] = useState(chosen)
  const save = useSetMotorcade({
    onSuccess: () => {
      push(t('common.saved'), 'success')
      onClose()
    },
  })
  const fe = fieldErrorsOf(save.error, t)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({ delegationId: delegation.id, vehicleIds: ids })
  }
  return (
    <Modal title={t('transport.editMotorcade', { delegation: ln(delegation) })} onClose={onClose}>
      <form onSubmit={submit}>
        <fieldset className="checks">
          <legend>{t('transport.vehicles')}</legend>
          {vehicles.map((v) => (
            <label key={v.id} className="checkbox">
              <input
                type="checkbox"
                checked={ids.includes(v.id)}
                onChange={(e) => setIds(e.target.checked ? [...ids, v.id] : ids.filter((id) => id !== v.id))}
              />
              {v.plate} · {label(t, 'vehicleKind', v.kind)} · {v.driver_name}
            </label>
          ))}
        </fieldset>
        <FormError text={generalError(save.error, t, Object.keys(fe))} />
        {Object.values(fe).map((m) => (
          <p key={m} className="field-error">
            {m}
          </p>
        ))}
        <DialogActions saving={save.isPending} onCancel={onClose} />
      </form>
    </Modal>
  )
}

/** Vehicles: the motor pool, to add, change and delete. */
function Vehicles() {
  const t = useT()
  const vehicles = useVehicles()
  const [editing, setEditing] = useState<Vehicle | 'new' | null>(null)
  return (
    <section className="section" aria-labelledby="vehicles-heading">
      <div className="section-head">
        <h3 id="vehicles-heading">{t('transport.vehicles')}</h3>
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('transport.addVehicle')}
        </button>
      </div>
      {vehicles.isPending ? (
        <Loading />
      ) : vehicles.isError ? (
        <ErrorView error={vehicles.error} />
      ) : vehicles.data.length === 0 ? (
        <p className="muted">{t('transport.noVehicles')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('transport.plate')}</th>
              <th scope="col">{t('transport.vehicleKind')}</th>
              <th scope="col">{t('transport.seats')}</th>
              <th scope="col">{t('transport.driverName')}</th>
              <th scope="col">{t('transport.driverPhone')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {vehicles.data.map((v) => (
              <tr key={v.id}>
                <td>{v.plate}</td>
                <td>{label(t, 'vehicleKind', v.kind)}</td>
                <td>{v.seats}</td>
                <td>{v.driver_name}</td>
                <td>{v.driver_phone}</td>
                <td className="actions">
                  <button type="button" className="button button--small button--secondary" onClick={() => setEditing(v)}>
                    {t('common.edit')}
                    <span className="visually-hidden"> {v.plate}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <VehicleDialog vehicle={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  )
}

function VehicleDialog({ vehicle, onClose }: { vehicle: Vehicle | null; onClose: () => void }) {
  const t = useT()
  const push = useToast()
  const [plate, setPlate] = useState(vehicle?.plate ?? '')
  const [kind, setKind] = useState<VehicleKind>(vehicle?.kind ?? 'car')
  const [seats, setSeats] = useState(String(vehicle?.seats ?? 4))
  const [driver, setDriver] = useState(vehicle?.driver_name ?? '')
  const [phone, setPhone] = useState(vehicle?.driver_phone ?? '')
  const done = (text: string) => () => {
    push(text, 'success')
    onClose()
  }
  const save = useSaveVehicle({ onSuccess: done(t('common.saved')) })
  const remove = useDeleteVehicle({ onSuccess: done(t('common.deleted')), onError: (e) => push(problemText(e, t), 'error') })
  const fe = fieldErrorsOf(save.error, t)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({ vehicle, body: { plate, kind, seats: Number(seats), driver_name: driver, driver_phone: phone } })
  }
  return (
    <Modal title={vehicle ? t('transport.editVehicle') : t('transport.addVehicle')} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label={t('transport.plate')} value={plate} required onChange={(e) => setPlate(e.target.value)} error={fe.plate} />
        <SelectField
          label={t('transport.vehicleKind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as VehicleKind)}
          options={VEHICLE_KINDS.map((k) => ({ value: k, label: label(t, 'vehicleKind', k) }))}
          error={fe.kind}
        />
        <TextField label={t('transport.seats')} type="number" min={1} max={100} value={seats} onChange={(e) => setSeats(e.target.value)} error={fe.seats} />
        <TextField label={t('transport.driverName')} value={driver} onChange={(e) => setDriver(e.target.value)} error={fe.driver_name} />
        <TextField label={t('transport.driverPhone')} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} error={fe.driver_phone} />
        <FormError text={generalError(save.error, t, ['plate', 'kind', 'seats', 'driver_name', 'driver_phone'])} />
        <DialogActions saving={save.isPending} onDelete={vehicle && (() => remove.mutate(vehicle))} deleting={remove.isPending} onCancel={onClose} />
      </form>
    </Modal>
  )
}
