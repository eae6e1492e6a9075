import { useMemo, useState } from 'react'
import { dryRun, useDeleteRoom, useDeleteVenue, useRooms, useSaveRoom, useSaveVenue, useVenues, type Then } from '../api/queries.ts'
import { ROOM_LAYOUTS, VENUE_KINDS, type Room, type RoomLayout, type RoomWrite, type Venue, type VenueKind, type VenueWrite } from '../api/types.ts'
import { DataTable, type Column } from '../components/DataTable.tsx'
import { FormError, SelectField, TextField } from '../components/Field.tsx'
import { useImpactGuard } from '../components/ImpactConfirm.tsx'
import { Modal } from '../components/Modal.tsx'
import { NamesFields, namesBody, namesForm } from '../components/NamesFields.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { useLocalName } from '../lib/names.ts'
import { Link } from '../lib/router.tsx'

/** Venues: venues with their motorcade minutes, and every room, as searchable tables. */
export default function Venues() {
  const t = useT()
  const f = useFormat()
  const venues = useVenues()
  const rooms = useRooms()
  const [venue, setVenue] = useState<Venue | 'new' | null>(null)
  const [room, setRoom] = useState<Room | 'new' | null>(null)
  const ln = useLocalName()
  const vName = useMemo(() => new Map((venues.data ?? []).map((v) => [v.id, ln(v)])), [venues.data, ln])
  const roomCount = (id: string) => (rooms.data ?? []).filter((r) => r.venue_id === id).length
  const venueColumns: Column<Venue>[] = [
    { key: 'name', label: t('venues.name'), sort: (v) => ln(v), render: (v) => ln(v) },
    { key: 'address', label: t('venues.address'), sort: (v) => v.address, render: (v) => v.address },
    { key: 'kind', label: t('venues.kind'), sort: (v) => v.kind, render: (v) => label(t, 'venueKind', v.kind) },
    { key: 'rooms', label: t('venues.rooms'), sort: (v) => roomCount(v.id), render: (v) => f.number(roomCount(v.id)), className: 'num' },
  ]
  const roomColumns: Column<Room>[] = [
    {
      key: 'name',
      label: t('rooms.name'),
      sort: (r) => ln(r),
      render: (r) => <Link to={`/rooms/${encodeURIComponent(r.id)}`}>{ln(r)}</Link>,
    },
    { key: 'venue', label: t('rooms.venue'), sort: (r) => vName.get(r.venue_id) ?? '', render: (r) => vName.get(r.venue_id) ?? '' },
    { key: 'layout', label: t('rooms.layout'), sort: (r) => r.layout, render: (r) => label(t, 'layout', r.layout) },
    { key: 'capacity', label: t('rooms.capacity'), sort: (r) => r.capacity, render: (r) => f.number(r.capacity), className: 'num' },
    {
      key: 'interpretation',
      label: t('rooms.interpretation'),
      sort: (r) => r.interpretation_languages.join(','),
      render: (r) => r.interpretation_languages.join(', ') || '—',
    },
    { key: 'changeover', label: t('rooms.changeover'), sort: (r) => r.changeover_minutes, render: (r) => f.number(r.changeover_minutes), className: 'num' },
  ]
  return (
    <section>
      <div className="page-head">
        <PageHeading>{t('venues.title')}</PageHeading>
        <div className="page-head__tools">
          <button type="button" className="button" onClick={() => setVenue('new')}>
            {t('venues.new')}
          </button>
          <button type="button" className="button" onClick={() => setRoom('new')} disabled={!venues.data?.length}>
            {t('rooms.new')}
          </button>
        </div>
      </div>
      {venues.isPending || rooms.isPending ? (
        <Loading />
      ) : venues.isError || rooms.isError ? (
        <ErrorView error={venues.error ?? rooms.error} />
      ) : (
        <>
          <h3>{t('venues.venues')}</h3>
          <DataTable
            caption={t('venues.venues')}
            rows={venues.data}
            columns={venueColumns}
            rowKey={(v) => v.id}
            search={(v) => `${v.name} ${Object.values(v.names).join(' ')} ${v.address}`}
            actions={(v) => (
              <button type="button" className="button button--small button--secondary" onClick={() => setVenue(v)}>
                {t('common.edit')}
                <span className="visually-hidden"> {ln(v)}</span>
              </button>
            )}
          />
          <h3 className="section">{t('venues.rooms')}</h3>
          <DataTable
            caption={t('venues.rooms')}
            rows={rooms.data}
            columns={roomColumns}
            rowKey={(r) => r.id}
            initialSort="venue"
            search={(r) => `${r.name} ${Object.values(r.names).join(' ')} ${vName.get(r.venue_id) ?? ''} ${label(t, 'layout', r.layout)} ${r.interpretation_languages.join(' ')}`}
            actions={(r) => (
              <button type="button" className="button button--small button--secondary" onClick={() => setRoom(r)}>
                {t('common.edit')}
                <span className="visually-hidden"> {ln(r)}</span>
              </button>
            )}
          />
        </>
      )}
      {venue && <VenueDialog venue={venue === 'new' ? null : venue} venues={venues.data ?? []} onClose={() => setVenue(null)} />}
      {room && <RoomDialog room={room === 'new' ? null : room} venues={venues.data ?? []} onClose={() => setRoom(null)} />}
    </section>
  )
}

/** useRemoved: what deleting a venue or a room shows, then onDone. */
function useRemoved(onDone: () => void): Then<void, unknown> {
  const t = useT()
  const push = useToast()
  return {
    onSuccess: () => {
      push(t('common.deleted'), 'success')
      onDone()
    },
    onError: (e) => push(problemText(e, t), 'error'),
  }
}

function VenueDialog({ venue: v, venues, onClose }: { venue: Venue | null; venues: Venue[]; onClose: () => void }) {
  const t = useT()
  const ln = useLocalName()
  const push = useToast()
  const [name, setName] = useState(v?.name ?? '')
  const [address, setAddress] = useState(v?.address ?? '')
  const [kind, setKind] = useState<VenueKind>(v?.kind ?? 'venue')
  const [names, setNames] = useState(namesForm(v))
  const [travel, setTravel] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(v?.travel_minutes ?? {}).map(([k, n]) => [k, String(n)])),
  )
  const save = useSaveVenue({
    onSuccess: () => {
      push(t('common.saved'), 'success')
      onClose()
    },
  })
  const remove = useDeleteVenue(useRemoved(onClose))
  const impact = useImpactGuard()
  function submit() {
    const travel_minutes: Record<string, number> = {}
    for (const [k, n] of Object.entries(travel)) if (n.trim() !== '') travel_minutes[k] = Number(n)
    const body: VenueWrite = { name: name.trim(), address, kind, travel_minutes, names: namesBody(names) }
    const vars = { venue: v, body }
    impact.guard(() => dryRun.venue(vars), () => save.mutate(vars))
  }
  const fe = fieldErrorsOf(save.error, t)
  const others = venues.filter((x) => x.id !== v?.id)
  return (
    <Modal title={v ? t('venues.edit') : t('venues.new')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <TextField label={t('venues.name')} value={name} onChange={(e) => setName(e.target.value)} error={fe.name} required />
        <TextField label={t('venues.address')} value={address} onChange={(e) => setAddress(e.target.value)} error={fe.address} />
        <SelectField
          label={t('venues.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as VenueKind)}
          options={VENUE_KINDS.map((k) => ({ value: k, label: label(t, 'venueKind', k) }))}
          error={fe.kind}
        />
        <NamesFields value={names} onChange={setNames} errors={fe} />
        {others.length > 0 && (
          <fieldset>
            <legend>{t('venues.travel')}</legend>
            <p className="muted small">{t('venues.travelHint')}</p>
            <div className="grid-2">
              {others.map((o) => (
                <TextField
                  key={o.id}
                  label={ln(o)}
                  type="number"
                  min={0}
                  value={travel[o.id] ?? ''}
                  onChange={(e) => setTravel({ ...travel, [o.id]: e.target.value })}
                  error={fe[`travel_minutes.${o.id}`]}
                />
              ))}
            </div>
          </fieldset>
        )}
        <FormError text={generalError(save.error, t, ['name', 'address', 'kind', 'names.ru', 'names.zh', 'names.kk', ...others.map((o) => `travel_minutes.${o.id}`)])} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending || impact.checking}>
            {v ? t('common.save') : t('common.create')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {v && (
            <button type="button" className="button button--danger" onClick={() => window.confirm(t('venues.confirmDelete', { name: v.name })) && remove.mutate(v)}>
              {t('common.delete')}
            </button>
          )}
        </div>
      </form>
      {impact.dialog}
    </Modal>
  )
}

function RoomDialog({ room: r, venues, onClose }: { room: Room | null; venues: Venue[]; onClose: () => void }) {
  const t = useT()
  const ln = useLocalName()
  const push = useToast()
  const [venueId, setVenueId] = useState(r?.venue_id ?? venues[0]?.id ?? '')
  const [name, setName] = useState(r?.name ?? '')
  const [capacity, setCapacity] = useState(String(r?.capacity ?? 20))
  const [layout, setLayout] = useState<RoomLayout>(r?.layout ?? 'bilateral')
  const [languages, setLanguages] = useState((r?.interpretation_languages ?? []).join(', '))
  const [changeover, setChangeover] = useState(String(r?.changeover_minutes ?? 0))
  const [names, setNames] = useState(namesForm(r))
  const save = useSaveRoom({
    onSuccess: () => {
      push(t('common.saved'), 'success')
      onClose()
    },
  })
  const remove = useDeleteRoom(useRemoved(onClose))
  const impact = useImpactGuard()
  function submit() {
    const body: RoomWrite = {
      name: name.trim(),
      capacity: Number(capacity),
      layout,
      interpretation_languages: languages.split(/[\s,;]+/).map((x) => x.trim().toLowerCase()).filter(Boolean),
      changeover_minutes: Number(changeover) || 0,
      names: namesBody(names),
    }
    const vars = { venueId, room: r, body }
    impact.guard(() => dryRun.room(vars), () => save.mutate(vars))
  }
  const fe = fieldErrorsOf(save.error, t)
  return (
    <Modal title={r ? t('rooms.edit') : t('rooms.new')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        {!r && (
          <SelectField
            label={t('rooms.venue')}
            value={venueId}
            onChange={(e) => setVenueId(e.target.value)}
            options={venues.map((v) => ({ value: v.id, label: ln(v) }))}
          />
        )}
        <TextField label={t('rooms.name')} value={name} onChange={(e) => setName(e.target.value)} error={fe.name} required />
        <div className="grid-2">
          <TextField label={t('rooms.capacity')} type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} error={fe.capacity} />
          <SelectField
            label={t('rooms.layout')}
            value={layout}
            onChange={(e) => setLayout(e.target.value as RoomLayout)}
            options={ROOM_LAYOUTS.map((l) => ({ value: l, label: label(t, 'layout', l) }))}
            error={fe.layout}
          />
          <TextField
            label={t('rooms.interpretation')}
            value={languages}
            onChange={(e) => setLanguages(e.target.value)}
            hint={t('meeting.languagesHint')}
            error={fe.interpretation_languages}
          />
          <TextField label={t('rooms.changeover')} type="number" min={0} value={changeover} onChange={(e) => setChangeover(e.target.value)} error={fe.changeover_minutes} />
        </div>
        <NamesFields value={names} onChange={setNames} errors={fe} />
        <FormError text={generalError(save.error, t, ['name', 'capacity', 'layout', 'interpretation_languages', 'changeover_minutes', 'names.ru', 'names.zh', 'names.kk'])} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending || impact.checking}>
            {r ? t('common.save') : t('common.create')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {r && (
            <button type="button" className="button button--danger" onClick={() => window.confirm(t('venues.confirmDelete', { name: r.name })) && remove.mutate(r)}>
              {t('common.delete')}
            </button>
          )}
        </div>
      </form>
      {impact.dialog}
    </Modal>
  )
}
