import { HotelField } from '../components/HotelField.tsx'
import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import {
  downloadPdf,
  dryRun,
  isNotFound,
  useBadgeCategories,
  useDeleteMember,
  useDelegation,
  useMembers,
  useSaveDelegation,
  useSaveMember,
  useHotelBlocks,
  useVenues,
} from '../api/queries.ts'
import type { Delegation, Member, MemberWrite } from '../api/types.ts'
import { useUser } from '../auth/session.tsx'
import { FormError, SelectField, TextField } from '../components/Field.tsx'
import { useImpactGuard } from '../components/ImpactConfirm.tsx'
import { PhotoThumb, PhotoUpload } from '../components/MemberPhoto.tsx'
import { Modal } from '../components/Modal.tsx'
import { NamesFields, namesBody, namesForm, type NamesForm } from '../components/NamesFields.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { SubscribePanel } from '../components/Subscribe.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useI18n, useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { localName } from '../lib/names.ts'
import { blockText, stayText } from '../lib/stay.ts'
import { Link } from '../lib/router.tsx'
import { fromLocalInput, toLocalInput } from '../lib/time.ts'
import { NotFound } from './NotFound.tsx'

/** DelegationPage: a delegation's travel, members and calendar subscription. */
export function DelegationPage({ id }: { id: string }) {
  const { t, lang } = useI18n()
  const user = useUser()
  const delegation = useDelegation(id)
  if (!id) return <p className="lead">{t('agenda.noDelegation')}</p>
  if (delegation.isPending) return <Loading />
  if (delegation.isError) {
    return isNotFound(delegation.error) ? <NotFound /> : <ErrorView error={delegation.error} />
  }
  const d = delegation.data
  const agendaLink = user.role === 'delegate' ? '/agenda' : `/agenda?delegation=${encodeURIComponent(d.id)}`
  return (
    <section>
      <PageHeading>
        {localName(d, lang)} <span className="muted">({d.code})</span>
      </PageHeading>
      <p>
        <Link to={agendaLink}>{t('delegation.seeAgenda')}</Link>
      </p>
      <div className="cards">
        <TravelCard delegation={d} />
        <SubscribePanel delegationId={d.id} />
      </div>
      <Members delegationId={d.id} />
    </section>
  )
}

function TravelCard({ delegation }: { delegation: Delegation }) {
  const t = useT()
  const f = useFormat()
  const push = useToast()
  const [arrival, setArrival] = useState('')
  const [departure, setDeparture] = useState('')
  const [hotel, setHotel] = useState('')
  const [hotelVenue, setHotelVenue] = useState('')
  useEffect(() => {
    setArrival(toLocalInput(delegation.arrival_at, f.zone))
    setDeparture(toLocalInput(delegation.departure_at, f.zone))
    setHotel(delegation.hotel)
    setHotelVenue(delegation.hotel_venue_id ?? '')
  }, [delegation, f.zone])
  const save = useSaveDelegation({ onSuccess: () => push(t('common.saved'), 'success') })
  const impact = useImpactGuard()
  const fe = fieldErrorsOf(save.error, t)
  function submit(e: FormEvent) {
    e.preventDefault()
    const vars = {
      delegation,
      body: {
        arrival_at: arrival ? fromLocalInput(arrival, f.zone) : null,
        departure_at: departure ? fromLocalInput(departure, f.zone) : null,
        hotel,
        hotel_venue_id: hotelVenue || null,
      },
    }
    impact.guard(() => dryRun.delegation(vars), () => save.mutate(vars), delegation.name)
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="travel-heading">
      <h3 id="travel-heading">{t('delegation.travel')}</h3>
      <p className="muted small">{t('agenda.timesIn', { zone: f.zoneLabel })}</p>
      <TextField
        label={t('delegation.arrival')}
        type="datetime-local"
        value={arrival}
        onChange={(e) => setArrival(e.target.value)}
        error={fe.arrival_at}
      />
      <TextField
        label={t('delegation.departure')}
        type="datetime-local"
        value={departure}
        onChange={(e) => setDeparture(e.target.value)}
        error={fe.departure_at}
      />
      <TextField label={t('delegation.hotel')} value={hotel} onChange={(e) => setHotel(e.target.value)} error={fe.hotel} />
      <HotelField value={hotelVenue} onChange={setHotelVenue} error={fe.hotel_venue_id} />
      <FormError text={generalError(save.error, t, ['arrival_at', 'departure_at', 'hotel', 'hotel_venue_id'])} />
      <button type="submit" className="button" disabled={save.isPending || impact.checking}>
        {t('common.save')}
      </button>
      {impact.dialog}
    </form>
  )
}

/** BadgeButton downloads a badge PDF (one member's, or a delegation's batch). */
function BadgeButton({ path, children }: { path: string; children: ReactNode }) {
  const t = useT()
  const push = useToast()
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="button button--small button--secondary"
      disabled={busy}
      onClick={() => {
        setBusy(true)
        downloadPdf(path)
          .catch((e: unknown) => push(problemText(e, t), 'error'))
          .finally(() => setBusy(false))
      }}
    >
      {children}
    </button>
  )
}

function Members({ delegationId }: { delegationId: string }) {
  const { t, lang } = useI18n()
  const fmt = useFormat()
  const members = useMembers(delegationId)
  const blocks = useHotelBlocks()
  const venues = useVenues()
  const [editing, setEditing] = useState<Member | 'new' | null>(null)
  const anyApproved = members.data?.some((m) => m.accreditation === 'approved')
  return (
    <section className="section" aria-labelledby="members-heading">
      <div className="section-head">
        <h3 id="members-heading">{t('members.title')}</h3>
        <div className="actions">
          {anyApproved && <BadgeButton path={`/delegations/${encodeURIComponent(delegationId)}/badges.pdf`}>{t('accred.printBadges')}</BadgeButton>}
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {t('members.add')}
          </button>
        </div>
      </div>
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorView error={members.error} />
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('accred.photo')}</th>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('members.position')}</th>
                <th scope="col">{t('members.accreditation')}</th>
                <th scope="col">{t('hotels.stay')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => (
                <tr key={m.id}>
                  <td className="photo-cell">
                    <PhotoThumb member={m} />
                    <PhotoUpload member={m} />
                  </td>
                  <td>
                    {localName(m, lang)} {m.is_head && <span className="badge badge--head">{t('members.head')}</span>}
                  </td>
                  <td>{m.position}</td>
                  <td>{label(t, 'accreditation', m.accreditation)}</td>
                  <td>{stayText(m, blocks.data, venues.data, lang, fmt)}</td>
                  <td className="actions">
                    {m.accreditation === 'approved' && (
                      <BadgeButton path={`/members/${encodeURIComponent(m.id)}/badge.pdf`}>
                        {t('accred.badge')}
                        <span className="visually-hidden"> {m.full_name}</span>
                      </BadgeButton>
                    )}
                    <button type="button" className="button button--small button--secondary" onClick={() => setEditing(m)}>
                      {t('common.edit')}
                      <span className="visually-hidden"> {m.full_name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <MemberDialog
          delegationId={delegationId}
          member={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  )
}

function MemberDialog({ delegationId, member, onClose }: { delegationId: string; member: Member | null; onClose: () => void }) {
  const { t, lang } = useI18n()
  const fmt = useFormat()
  const user = useUser()
  const push = useToast()
  const [form, setForm] = useState<Required<Omit<MemberWrite, 'names' | 'nights'>> & { names: NamesForm; nightsFrom: string; nightsTo: string }>({
    full_name: member?.full_name ?? '',
    position: member?.position ?? '',
    is_head: member?.is_head ?? false,
    accreditation: member?.accreditation ?? 'pending',
    badge_category_id: member?.badge_category_id ?? null,
    hotel_block_id: member?.hotel_block_id ?? null,
    hotel_room: member?.hotel_room ?? '',
    nightsFrom: member?.nights?.from ?? '',
    nightsTo: member?.nights?.to ?? '',
    names: namesForm(member),
  })
  const blocks = useHotelBlocks()
  const venues = useVenues()
  const ours = (blocks.data ?? []).filter((b) => b.delegation_id === delegationId)
  const categories = useBadgeCategories(user.role !== 'delegate')
  const save = useSaveMember({
    onSuccess: () => {
      push(t('common.saved'), 'success')
      onClose()
    },
  })
  const impact = useImpactGuard()
  const remove = useDeleteMember({
    onSuccess: () => {
      push(t('common.deleted'), 'success')
      onClose()
    },
    onError: (e) => push(problemText(e, t), 'error'),
  })
  function submit() {
    const body: MemberWrite = { full_name: form.full_name, position: form.position, is_head: form.is_head, names: namesBody(form.names) }
    if (form.hotel_block_id || member?.hotel_block_id) {
      body.hotel_block_id = form.hotel_block_id
      body.hotel_room = form.hotel_room
      body.nights = form.nightsFrom && form.nightsTo ? { from: form.nightsFrom, to: form.nightsTo } : null
    }
    if (user.role !== 'delegate') {
      body.accreditation = form.accreditation
      body.badge_category_id = form.badge_category_id
    }
    const vars = { delegationId, member, body }
    impact.guard(() => dryRun.member(vars), () => save.mutate(vars))
  }
  const fe = fieldErrorsOf(save.error, t)
  return (
    <Modal title={member ? t('members.edit') : t('members.add')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <TextField
          label={t('members.name')}
          value={form.full_name}
          required
          onChange={(e) => setForm({ ...form, full_name: e.target.value })}
          error={fe.full_name}
        />
        <TextField
          label={t('members.position')}
          value={form.position}
          onChange={(e) => setForm({ ...form, position: e.target.value })}
          error={fe.position}
        />
        <NamesFields value={form.names} onChange={(names) => setForm({ ...form, names })} errors={fe} />
        <label className="checkbox">
          <input type="checkbox" checked={form.is_head} onChange={(e) => setForm({ ...form, is_head: e.target.checked })} />
          {t('members.isHead')}
        </label>
        {user.role !== 'delegate' && (
          <SelectField
            label={t('members.accreditation')}
            value={form.accreditation}
            onChange={(e) => setForm({ ...form, accreditation: e.target.value as Member['accreditation'] })}
            options={(['pending', 'approved', 'rejected'] as const).map((v) => ({ value: v, label: label(t, 'accreditation', v) }))}
            error={fe.accreditation}
          />
        )}
        {user.role !== 'delegate' && (
          <SelectField
            label={t('accred.category')}
            value={form.badge_category_id ?? ''}
            onChange={(e) => setForm({ ...form, badge_category_id: e.target.value || null })}
            options={[
              { value: '', label: t('accred.noCategory') },
              ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.name })),
            ]}
            error={fe.badge_category_id}
          />
        )}
        {ours.length > 0 && (
          <fieldset className="stay-fields">
            <legend>{t('hotels.stay')}</legend>
            <SelectField
              label={t('hotels.block')}
              value={form.hotel_block_id ?? ''}
              onChange={(e) => setForm({ ...form, hotel_block_id: e.target.value || null, nightsFrom: '', nightsTo: '' })}
              options={[{ value: '', label: t('hotels.notBooked') }, ...ours.map((b) => ({ value: b.id, label: blockText(b, venues.data, lang, fmt, t) }))]}
              error={fe.hotel_block_id}
            />
            {form.hotel_block_id && (
              <>
                <TextField label={t('hotels.room')} value={form.hotel_room} maxLength={40} hint={t('hotels.roomHint')}
                  onChange={(e) => setForm({ ...form, hotel_room: e.target.value })} error={fe.hotel_room} />
                <div className="field-row">
                  <TextField label={t('hotels.firstNight')} type="date" value={form.nightsFrom}
                    onChange={(e) => setForm({ ...form, nightsFrom: e.target.value })} error={fe['nights.from'] ?? fe.nights} />
                  <TextField label={t('hotels.leaves')} type="date" value={form.nightsTo}
                    onChange={(e) => setForm({ ...form, nightsTo: e.target.value })} error={fe['nights.to']} />
                </div>
                <p className="muted small">{t('hotels.nightsHint')}</p>
              </>
            )}
          </fieldset>
        )}
        <FormError text={generalError(save.error, t, ['full_name', 'position', 'accreditation', 'badge_category_id', 'is_head', 'names.ru', 'names.zh', 'names.kk',
          'hotel_block_id', 'hotel_room', 'nights', 'nights.from', 'nights.to'])} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending || impact.checking}>
            {t('common.save')}
          </button>
          {member && !member.is_head && (
            <button
              type="button"
              className="button button--danger"
              disabled={remove.isPending || impact.checking}
              onClick={() =>
                window.confirm(t('members.confirmDelete', { name: member.full_name })) &&
                impact.guard(() => dryRun.deleteMember(member), () => remove.mutate(member))
              }
            >
              {t('common.delete')}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {impact.dialog}
    </Modal>
  )
}
