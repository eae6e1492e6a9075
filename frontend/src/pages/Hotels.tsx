// Hotels for organisers (CONTRACT section 15): the blocks of rooms a hotel
// holds for delegations, how full each is at its fullest night, and the
// hotel's rooming list (who sleeps in which room, which nights) to read,
// download as CSV or Excel, or print as PDF.
import { useState, type FormEvent } from 'react'
import { useDelegations, useDeleteHotelBlock, useHotelBlocks, useMembersOf, useSaveHotelBlock, useVenues } from '../api/queries.ts'
import type { Delegation, HotelBlock, Member } from '../api/types.ts'
import { downloadFile } from '../components/ExportButtons.tsx'
import { DialogActions } from '../components/DialogActions.tsx'
import { FormError, SelectField, TextField } from '../components/Field.tsx'
import { Modal } from '../components/Modal.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useI18n } from '../i18n/index.tsx'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { localName } from '../lib/names.ts'
import { nightsText } from '../lib/stay.ts'

/** peakRooms is how many rooms a block's guests take on its fullest night (a shared room counts once). */
export function peakRooms(b: HotelBlock, guests: Member[]): number {
  const byNight = new Map<string, Set<string>>()
  for (const m of guests) {
    const n = m.nights ?? { from: b.from, to: b.to }
    for (let d = new Date(`${n.from}T00:00:00Z`); d < new Date(`${n.to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
      const night = d.toISOString().slice(0, 10)
      const rooms = byNight.get(night) ?? new Set<string>()
      rooms.add(m.hotel_room || `member:${m.id}`)
      byNight.set(night, rooms)
    }
  }
  return Math.max(0, ...[...byNight.values()].map((s) => s.size))
}

export default function HotelsPage() {
  const { t, lang } = useI18n()
  const fmt = useFormat()
  const push = useToast()
  const venues = useVenues()
  const blocks = useHotelBlocks()
  const delegations = useDelegations()
  const members = useMembersOf((delegations.data ?? []).map((d) => d.id))
  const [chosen, setChosen] = useState('')
  const [editing, setEditing] = useState<HotelBlock | 'new' | null>(null)
  if (venues.isPending || blocks.isPending || delegations.isPending) return <Loading />
  if (venues.isError || blocks.isError || delegations.isError) return <ErrorView error={venues.error ?? blocks.error ?? delegations.error} />
  const hotelId = chosen || blocks.data[0]?.hotel_venue_id || venues.data[0]?.id || ''
  const hotel = venues.data.find((v) => v.id === hotelId)
  const ours = blocks.data.filter((b) => b.hotel_venue_id === hotelId)
  const delegation = new Map((delegations.data ?? []).map((d) => [d.id, d]))
  const everyone = Object.values(members.data ?? {}).flat()
  const guestsOf = (b: HotelBlock) => everyone.filter((m) => m.hotel_block_id === b.id)
  const query = `?hotel_venue_id=${encodeURIComponent(hotelId)}`
  const download = (path: string, name: string) => () => void downloadFile(path, name).catch((e: unknown) => push(problemText(e, t), 'error'))
  return (
    <section>
      <PageHeading>{t('nav.hotels')}</PageHeading>
      <p className="lead">{t('hotels.intro')}</p>
      <div className="toolbar">
        <SelectField
          label={t('hotels.hotel')}
          value={hotelId}
          onChange={(e) => setChosen(e.target.value)}
          options={venues.data.map((v) => ({ value: v.id, label: localName(v, lang) }))}
        />
      </div>
      <section className="section" aria-labelledby="blocks-heading">
        <div className="section-head">
          <h3 id="blocks-heading">{t('hotels.blocks', { hotel: localName(hotel, lang) })}</h3>
          <button type="button" className="button" onClick={() => setEditing('new')} disabled={!hotelId}>
            {t('hotels.addBlock')}
          </button>
        </div>
        {ours.length === 0 ? (
          <p className="muted">{t('hotels.noBlocks')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('hotels.delegation')}</th>
                <th scope="col">{t('hotels.nights')}</th>
                <th scope="col" className="num">{t('hotels.rooms')}</th>
                <th scope="col" className="num">{t('hotels.taken')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {ours.map((b) => {
                const taken = peakRooms(b, guestsOf(b))
                const name = localName(delegation.get(b.delegation_id), lang)
                return (
                  <tr key={b.id}>
                    <td>{name}</td>
                    <td>{nightsText(b.from, b.to, fmt)}</td>
                    <td className="num">{fmt.number(b.rooms)}</td>
                    <td className={taken >= b.rooms ? 'num full' : 'num'}>{t('hotels.takenOf', { n: taken, total: b.rooms })}</td>
                    <td className="actions">
                      <button type="button" className="button button--small button--secondary" onClick={() => setEditing(b)}>
                        {t('common.edit')}
                        <span className="visually-hidden"> {name}</span>
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </section>
      <section className="section" aria-labelledby="rooming-heading">
        <div className="section-head">
          <h3 id="rooming-heading">{t('hotels.rooming')}</h3>
          <div className="segmented" role="group" aria-label={t('hotels.download')}>
            <button type="button" onClick={download(`/api/v1/export/rooming.csv${query}`, 'summit-rooming.csv')}>CSV</button>
            <button type="button" onClick={download(`/api/v1/export/rooming.xlsx${query}`, 'summit-rooming.xlsx')}>Excel</button>
            <button type="button" onClick={download(`/api/v1/rooming.pdf${query}`, 'rooming.pdf')}>PDF</button>
          </div>
        </div>
        <RoomingTable blocks={ours} guestsOf={guestsOf} delegation={delegation} />
      </section>
      {editing && hotelId && (
        <BlockDialog hotelId={hotelId} block={editing === 'new' ? null : editing} delegations={delegations.data} onClose={() => setEditing(null)} />
      )}
    </section>
  )
}

function RoomingTable({ blocks, guestsOf, delegation }: {
  blocks: HotelBlock[]
  guestsOf: (b: HotelBlock) => Member[]
  delegation: Map<string, Delegation>
}) {
  const { t, lang } = useI18n()
  const fmt = useFormat()
  const rows = blocks.flatMap((b) => guestsOf(b).map((m) => ({ b, m })))
  if (rows.length === 0) return <p className="muted">{t('hotels.noGuests')}</p>
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('hotels.delegation')}</th>
          <th scope="col">{t('hotels.guest')}</th>
          <th scope="col">{t('hotels.room')}</th>
          <th scope="col">{t('hotels.nights')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ b, m }) => {
          const n = m.nights ?? { from: b.from, to: b.to }
          return (
            <tr key={m.id}>
              <td>{localName(delegation.get(b.delegation_id), lang)}</td>
              <td>
                {localName(m, lang)}
                {m.position && <div className="muted small">{m.position}</div>}
              </td>
              <td>{m.hotel_room || <span className="muted">{t('hotels.roomUnknown')}</span>}</td>
              <td>{nightsText(n.from, n.to, fmt)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function BlockDialog({ hotelId, block, delegations, onClose }: {
  hotelId: string
  block: HotelBlock | null
  delegations: Delegation[]
  onClose: () => void
}) {
  const { t, lang } = useI18n()
  const push = useToast()
  const [form, setForm] = useState({
    delegation_id: block?.delegation_id ?? delegations[0]?.id ?? '',
    rooms: String(block?.rooms ?? 1),
    from: block?.from ?? '',
    to: block?.to ?? '',
  })
  const done = (text: string) => () => {
    push(text, 'success')
    onClose()
  }
  const save = useSaveHotelBlock({ onSuccess: done(t('common.saved')) })
  const remove = useDeleteHotelBlock({ onSuccess: done(t('common.deleted')), onError: (e) => push(problemText(e, t), 'error') })
  const fe = fieldErrorsOf(save.error, t)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate({ hotelId, block, body: { delegation_id: form.delegation_id, rooms: Number(form.rooms), from: form.from, to: form.to } })
  }
  return (
    <Modal title={block ? t('hotels.editBlock') : t('hotels.addBlock')} onClose={onClose}>
      <form onSubmit={submit}>
        <SelectField
          label={t('hotels.delegation')}
          value={form.delegation_id}
          onChange={(e) => setForm({ ...form, delegation_id: e.target.value })}
          options={delegations.map((d) => ({ value: d.id, label: localName(d, lang) }))}
          error={fe.delegation_id}
        />
        <TextField label={t('hotels.rooms')} type="number" min={1} max={5000} required value={form.rooms}
          onChange={(e) => setForm({ ...form, rooms: e.target.value })} error={fe.rooms} />
        <div className="field-row">
          <TextField label={t('hotels.firstNight')} type="date" required value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })} error={fe.from} />
          <TextField label={t('hotels.leaves')} type="date" required value={form.to}
            onChange={(e) => setForm({ ...form, to: e.target.value })} error={fe.to} />
        </div>
        <FormError text={generalError(save.error, t, ['delegation_id', 'rooms', 'from', 'to'])} />
        <DialogActions saving={save.isPending} onDelete={block && (() => remove.mutate(block))} deleting={remove.isPending} onCancel={onClose} />
      </form>
    </Modal>
  )
}
