// Accreditation for organisers (CONTRACT section 15): the queue of members
// waiting for approval, with their photos; access zones (sets of rooms);
// badge categories (a colour and the zones they open); the links that put a
// gate phone at a room's door; and replacing the badge key.
import { useState, type FormEvent } from 'react'
import {
  useAccessZones,
  useAccreditMember,
  useBadgeCategories,
  useDelegations,
  useDeleteCategory,
  useDeleteZone,
  useMembersOf,
  useRooms,
  useRotateBadgeKey,
  useSaveCategory,
  useSaveZone,
} from '../api/queries.ts'
import type { AccessZone, BadgeCategory, Member, Room } from '../api/types.ts'
import { DialogActions } from '../components/DialogActions.tsx'
import { FormError, TextField } from '../components/Field.tsx'
import { PhotoThumb } from '../components/MemberPhoto.tsx'
import { Modal } from '../components/Modal.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useI18n, useT } from '../i18n/index.tsx'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { localName } from '../lib/names.ts'

export default function AccreditationPage() {
  const t = useT()
  return (
    <section>
      <PageHeading>{t('nav.accreditation')}</PageHeading>
      <Queue />
      <Zones />
      <Categories />
      <GateLinks />
      <RotateKey />
    </section>
  )
}

/** Queue: the members not yet approved, oldest delegations first, to approve or reject. */
function Queue() {
  const { t, lang } = useI18n()
  const push = useToast()
  const delegations = useDelegations()
  const members = useMembersOf((delegations.data ?? []).map((d) => d.id))
  const categories = useBadgeCategories()
  const accredit = useAccreditMember({ onError: (e) => push(problemText(e, t), 'error') })
  const [chosen, setChosen] = useState<Record<string, string>>({})
  if (delegations.isPending || (members.isPending && (delegations.data?.length ?? 0) > 0)) return <Loading />
  if (members.isError) return <ErrorView error={members.error} />
  const byId = new Map((delegations.data ?? []).map((d) => [d.id, d]))
  const waiting = Object.values(members.data ?? {}).flat().filter((m) => m.accreditation === 'pending')
  const decide = (m: Member, accreditation: Member['accreditation']) => {
    const category = chosen[m.id] ?? m.badge_category_id ?? ''
    accredit.mutate({ member: m, body: accreditation === 'approved' ? { accreditation, badge_category_id: category || null } : { accreditation } })
  }
  return (
    <section className="section" aria-labelledby="queue-heading">
      <h3 id="queue-heading">{t('accred.queue')}</h3>
      {waiting.length === 0 ? (
        <p className="muted">{t('accred.queueEmpty')}</p>
      ) : (
        <ul className="queue">
          {waiting.map((m) => (
            <li key={m.id} className="queue__item card">
              <PhotoThumb member={m} size={72} />
              <div className="queue__who">
                <strong>{localName(m, lang)}</strong>
                <span>{m.position}</span>
                <span className="muted">{byId.get(m.delegation_id)?.name}</span>
              </div>
              <label className="queue__category">
                <span>{t('accred.category')}</span>
                <select value={chosen[m.id] ?? m.badge_category_id ?? ''} onChange={(e) => setChosen({ ...chosen, [m.id]: e.target.value })}>
                  <option value="">{t('accred.noCategory')}</option>
                  {(categories.data ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <div className="actions">
                <button type="button" className="button button--small" disabled={accredit.isPending} onClick={() => decide(m, 'approved')}>
                  {t('accred.approve')}
                  <span className="visually-hidden"> {m.full_name}</span>
                </button>
                <button type="button" className="button button--small button--danger" disabled={accredit.isPending} onClick={() => decide(m, 'rejected')}>
                  {t('accred.reject')}
                  <span className="visually-hidden"> {m.full_name}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** roomName names a room with its id's room list. */
function roomNames(rooms: Room[] | undefined, ids: string[], lang: string): string {
  const byId = new Map((rooms ?? []).map((r) => [r.id, r]))
  return ids.map((id) => (byId.get(id) ? localName(byId.get(id), lang) : '…' + id.slice(-8))).join(', ') || '—'
}

function Zones() {
  const { t, lang } = useI18n()
  const zones = useAccessZones()
  const rooms = useRooms()
  const [editing, setEditing] = useState<AccessZone | 'new' | null>(null)
  return (
    <section className="section" aria-labelledby="zones-heading">
      <div className="section-head">
        <h3 id="zones-heading">{t('accred.zones')}</h3>
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('accred.addZone')}
        </button>
      </div>
      <p className="muted">{t('accred.zonesIntro')}</p>
      {zones.isPending ? (
        <Loading />
      ) : zones.isError ? (
        <ErrorView error={zones.error} />
      ) : zones.data.length === 0 ? (
        <p className="muted">{t('accred.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('accred.zoneName')}</th>
              <th scope="col">{t('accred.rooms')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {zones.data.map((z) => (
              <tr key={z.id}>
                <td>{z.name}</td>
                <td>{roomNames(rooms.data, z.room_ids, lang)}</td>
                <td className="actions">
                  <button type="button" className="button button--small button--secondary" onClick={() => setEditing(z)}>
                    {t('common.edit')}
                    <span className="visually-hidden"> {z.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <ZoneDialog zone={editing === 'new' ? null : editing} rooms={rooms.data ?? []} onClose={() => setEditing(null)} />}
    </section>
  )
}

/** Checks: a fieldset of check boxes choosing ids. */
function Checks({ legend, options, value, onChange, error }: {
  legend: string
  options: { id: string; label: string }[]
  value: string[]
  onChange: (ids: string[]) => void
  error?: string | undefined
}) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.id} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(o.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((id) => id !== o.id))}
          />
          {o.label}
        </label>
      ))}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  )
}

function ZoneDialog({ zone, rooms, onClose }: { zone: AccessZone | null; rooms: Room[]; onClose: () => void }) {
  const { t, lang } = useI18n()
  const push = useToast()
  const [name, setName] = useState(zone?.name ?? '')
  const [roomIds, setRoomIds] = useState<string[]>(zone?.room_ids ?? [])
  const done = (text: string) => () => {
    push(text, 'success')
    onClose()
  }
  const save = useSaveZone({ onSuccess: done(t('common.saved')) })
  const remove = useDeleteZone({ onSuccess: done(t('common.deleted')), onError: (e) => push(problemText(e, t), 'error') })
  const fe = fieldErrorsOf(save.error, t)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({ zone, body: { name, room_ids: roomIds } })
  }
  return (
    <Modal title={zone ? t('accred.editZone') : t('accred.addZone')} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label={t('accred.zoneName')} value={name} required onChange={(e) => setName(e.target.value)} error={fe.name} />
        <Checks
          legend={t('accred.rooms')}
          options={rooms.map((r) => ({ id: r.id, label: localName(r, lang) }))}
          value={roomIds}
          onChange={setRoomIds}
          error={fe.room_ids}
        />
        <FormError text={generalError(save.error, t, ['name', 'room_ids'])} />
        <DialogActions saving={save.isPending} onDelete={zone && (() => remove.mutate(zone))} deleting={remove.isPending} onCancel={onClose} />
      </form>
    </Modal>
  )
}

function Categories() {
  const t = useT()
  const categories = useBadgeCategories()
  const zones = useAccessZones()
  const [editing, setEditing] = useState<BadgeCategory | 'new' | null>(null)
  const zoneName = new Map((zones.data ?? []).map((z) => [z.id, z.name]))
  return (
    <section className="section" aria-labelledby="categories-heading">
      <div className="section-head">
        <h3 id="categories-heading">{t('accred.categories')}</h3>
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('accred.addCategory')}
        </button>
      </div>
      {categories.isPending ? (
        <Loading />
      ) : categories.isError ? (
        <ErrorView error={categories.error} />
      ) : categories.data.length === 0 ? (
        <p className="muted">{t('accred.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('accred.categoryName')}</th>
              <th scope="col">{t('accred.zonesOpened')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.data.map((c) => (
              <tr key={c.id}>
                <td>
                  <span className="swatch" style={{ background: c.colour }} aria-hidden="true" /> {c.name}
                </td>
                <td>{c.zone_ids.map((id) => zoneName.get(id) ?? '…' + id.slice(-8)).join(', ') || '—'}</td>
                <td className="actions">
                  <button type="button" className="button button--small button--secondary" onClick={() => setEditing(c)}>
                    {t('common.edit')}
                    <span className="visually-hidden"> {c.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <CategoryDialog category={editing === 'new' ? null : editing} zones={zones.data ?? []} onClose={() => setEditing(null)} />}
    </section>
  )
}

function CategoryDialog({ category, zones, onClose }: { category: BadgeCategory | null; zones: AccessZone[]; onClose: () => void }) {
  const t = useT()
  const push = useToast()
  const [name, setName] = useState(category?.name ?? '')
  const [colour, setColour] = useState(category?.colour ?? '#1f6feb')
  const [zoneIds, setZoneIds] = useState<string[]>(category?.zone_ids ?? [])
  const done = (text: string) => () => {
    push(text, 'success')
    onClose()
  }
  const save = useSaveCategory({ onSuccess: done(t('common.saved')) })
  const remove = useDeleteCategory({ onSuccess: done(t('common.deleted')), onError: (e) => push(problemText(e, t), 'error') })
  const fe = fieldErrorsOf(save.error, t)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({ category, body: { name, colour, zone_ids: zoneIds } })
  }
  return (
    <Modal title={category ? t('accred.editCategory') : t('accred.addCategory')} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label={t('accred.categoryName')} value={name} required onChange={(e) => setName(e.target.value)} error={fe.name} />
        <TextField label={t('accred.colour')} type="color" value={colour} onChange={(e) => setColour(e.target.value)} error={fe.colour} />
        <Checks
          legend={t('accred.zonesOpened')}
          options={zones.map((z) => ({ id: z.id, label: z.name }))}
          value={zoneIds}
          onChange={setZoneIds}
          error={fe.zone_ids}
        />
        <FormError text={generalError(save.error, t, ['name', 'colour', 'zone_ids'])} />
        <DialogActions saving={save.isPending} onDelete={category && (() => remove.mutate(category))} deleting={remove.isPending} onCancel={onClose} />
      </form>
    </Modal>
  )
}

/** GateLinks: for each room in a zone, the address that puts a gate phone at its door. */
function GateLinks() {
  const { t, lang } = useI18n()
  const zones = useAccessZones()
  const rooms = useRooms()
  const inZones = new Set((zones.data ?? []).flatMap((z) => z.room_ids))
  const list = (rooms.data ?? []).filter((r) => inZones.has(r.id))
  if (list.length === 0) return null
  return (
    <section className="section" aria-labelledby="gate-links-heading">
      <h3 id="gate-links-heading">{t('accred.gateLinks')}</h3>
      <p className="muted">{t('accred.gateLinksIntro')}</p>
      <ul>
        {list.map((r) => {
          const href = `/gate?room=${encodeURIComponent(r.id)}&name=${encodeURIComponent(localName(r, lang))}`
          return (
            <li key={r.id}>
              <a href={href}>{localName(r, lang)}</a> <code className="small">{window.location.origin + href}</code>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function RotateKey() {
  const t = useT()
  const push = useToast()
  const rotate = useRotateBadgeKey({
    onSuccess: () => push(t('accred.rotated'), 'success'),
    onError: (e) => push(problemText(e, t), 'error'),
  })
  return (
    <section className="section">
      <button
        type="button"
        className="button button--danger"
        disabled={rotate.isPending}
        onClick={() => window.confirm(t('accred.rotateConfirm')) && rotate.mutate()}
      >
        {t('accred.rotateKey')}
      </button>
    </section>
  )
}
