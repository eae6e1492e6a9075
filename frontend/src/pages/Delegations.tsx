import { HotelField } from '../components/HotelField.tsx'
import { useState } from 'react'
import { dryRun, useDeleteDelegation, useDelegations, useSaveDelegation } from '../api/queries.ts'
import { DELEGATION_KINDS, NOTICE_LANGUAGES, type Delegation, type DelegationKind, type DelegationWrite, type NoticeLanguage } from '../api/types.ts'
import { DataTable, type Column } from '../components/DataTable.tsx'
import { ExportButtons } from '../components/ExportButtons.tsx'
import { FormError, SelectField, TextArea, TextField } from '../components/Field.tsx'
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
import { fromLocalInput, toLocalInput } from '../lib/time.ts'

/** Delegations: the organisers' table of delegations, in protocol order. */
export default function Delegations() {
  const t = useT()
  const f = useFormat()
  const delegations = useDelegations()
  const ln = useLocalName()
  const [editing, setEditing] = useState<Delegation | 'new' | null>(null)
  const columns: Column<Delegation>[] = [
    { key: 'precedence', label: t('delegations.precedence'), sort: (d) => d.precedence, render: (d) => f.number(d.precedence), className: 'num' },
    { key: 'code', label: t('delegations.code'), sort: (d) => d.code, render: (d) => <code>{d.code}</code> },
    {
      key: 'name',
      label: t('delegations.name'),
      sort: (d) => ln(d),
      render: (d) => <Link to={`/delegations/${encodeURIComponent(d.id)}`}>{ln(d)}</Link>,
    },
    { key: 'kind', label: t('delegations.kind'), sort: (d) => d.kind, render: (d) => label(t, 'dkind', d.kind) },
    {
      key: 'arrival',
      label: t('delegation.arrival'),
      sort: (d) => d.arrival_at ?? '',
      render: (d) => (d.arrival_at ? f.dateTime(d.arrival_at) : '—'),
    },
    {
      key: 'departure',
      label: t('delegation.departure'),
      sort: (d) => d.departure_at ?? '',
      render: (d) => (d.departure_at ? f.dateTime(d.departure_at) : '—'),
    },
    { key: 'hotel', label: t('delegation.hotel'), sort: (d) => d.hotel, render: (d) => d.hotel || '—' },
  ]
  return (
    <section>
      <div className="page-head">
        <PageHeading>{t('delegations.title')}</PageHeading>
        <div className="page-head__tools">
          <ExportButtons what="delegations" />
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {t('delegations.new')}
          </button>
        </div>
      </div>
      <p className="muted small">{t('agenda.timesIn', { zone: f.zoneLabel })}</p>
      {delegations.isPending ? (
        <Loading />
      ) : delegations.isError ? (
        <ErrorView error={delegations.error} retry={() => void delegations.refetch()} />
      ) : (
        <DataTable
          caption={t('delegations.title')}
          rows={delegations.data}
          columns={columns}
          rowKey={(d) => d.id}
          initialSort="precedence"
          search={(d) => `${d.code} ${d.name} ${Object.values(d.names).join(' ')} ${d.hotel} ${label(t, 'dkind', d.kind)}`}
          actions={(d) => (
            <>
              <Link className="button button--small button--secondary" to={`/agenda?delegation=${encodeURIComponent(d.id)}`}>
                {t('delegations.agenda')}
                <span className="visually-hidden"> {ln(d)}</span>
              </Link>{' '}
              <button type="button" className="button button--small button--secondary" onClick={() => setEditing(d)}>
                {t('common.edit')}
                <span className="visually-hidden"> {ln(d)}</span>
              </button>
            </>
          )}
        />
      )}
      {editing && <DelegationDialog delegation={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  )
}

function DelegationDialog({ delegation: d, onClose }: { delegation: Delegation | null; onClose: () => void }) {
  const t = useT()
  const f = useFormat()
  const push = useToast()
  const [code, setCode] = useState(d?.code ?? '')
  const [name, setName] = useState(d?.name ?? '')
  const [kind, setKind] = useState<DelegationKind>(d?.kind ?? 'member')
  const [precedence, setPrecedence] = useState(String(d?.precedence ?? 100))
  const [languages, setLanguages] = useState((d?.languages ?? []).join(', '))
  const [hotel, setHotel] = useState(d?.hotel ?? '')
  const [hotelVenue, setHotelVenue] = useState(d?.hotel_venue_id ?? '')
  const [arrival, setArrival] = useState(toLocalInput(d?.arrival_at, f.zone))
  const [departure, setDeparture] = useState(toLocalInput(d?.departure_at, f.zone))
  const [names, setNames] = useState(namesForm(d))
  const [contacts, setContacts] = useState((d?.contact_emails ?? []).join('\n'))
  const [noticeLanguage, setNoticeLanguage] = useState<NoticeLanguage>(d?.notice_language ?? 'en')
  const [headName, setHeadName] = useState('')
  const [headPosition, setHeadPosition] = useState('')
  const save = useSaveDelegation({
    onSuccess: () => {
      push(t('common.saved'), 'success')
      onClose()
    },
  })
  const impact = useImpactGuard()
  const remove = useDeleteDelegation({
    onSuccess: () => {
      push(t('common.deleted'), 'success')
      onClose()
    },
    onError: (e) => push(problemText(e, t), 'error'),
  })
  function submit() {
    const body: DelegationWrite = {
      code: code.trim().toUpperCase(),
      name: name.trim(),
      kind,
      precedence: Number(precedence) || 0,
      languages: languages.split(/[\s,;]+/).map((x) => x.trim().toLowerCase()).filter(Boolean),
      hotel,
      hotel_venue_id: hotelVenue || null,
      arrival_at: arrival ? fromLocalInput(arrival, f.zone) : null,
      departure_at: departure ? fromLocalInput(departure, f.zone) : null,
      names: namesBody(names),
      contact_emails: contacts.split(/[\s,;]+/).filter(Boolean),
      notice_language: noticeLanguage,
    }
    if (!d && headName.trim()) body.head = { full_name: headName.trim(), position: headPosition.trim() }
    const vars = { delegation: d, body }
    impact.guard(() => dryRun.delegation(vars), () => save.mutate(vars), d?.name)
  }
  const fe = fieldErrorsOf(save.error, t)
  const contactErrors = Object.entries(fe).filter(([k]) => k.startsWith('contact_emails'))
  const fields = ['code', 'name', 'kind', 'precedence', 'languages', 'hotel', 'hotel_venue_id', 'arrival_at', 'departure_at', 'head', 'head.full_name', 'head.position', 'names.ru', 'names.zh', 'names.kk', 'notice_language', ...contactErrors.map(([k]) => k)]
  return (
    <Modal title={d ? t('delegations.edit') : t('delegations.new')} onClose={onClose} wide>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <div className="grid-3">
          <TextField label={t('delegations.code')} value={code} onChange={(e) => setCode(e.target.value)} hint={t('delegations.codeHint')} error={fe.code} required />
          <TextField label={t('delegations.name')} value={name} onChange={(e) => setName(e.target.value)} error={fe.name} required />
          <SelectField
            label={t('delegations.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as DelegationKind)}
            options={DELEGATION_KINDS.map((k) => ({ value: k, label: label(t, 'dkind', k) }))}
            error={fe.kind}
          />
          <TextField label={t('delegations.precedence')} type="number" value={precedence} onChange={(e) => setPrecedence(e.target.value)} error={fe.precedence} />
          <TextField label={t('meeting.languages')} value={languages} onChange={(e) => setLanguages(e.target.value)} hint={t('meeting.languagesHint')} error={fe.languages} />
          <TextField label={t('delegation.hotel')} value={hotel} onChange={(e) => setHotel(e.target.value)} error={fe.hotel} />
          <HotelField value={hotelVenue} onChange={setHotelVenue} error={fe.hotel_venue_id} />
          <TextField label={t('delegation.arrival')} type="datetime-local" value={arrival} onChange={(e) => setArrival(e.target.value)} error={fe.arrival_at} />
          <TextField label={t('delegation.departure')} type="datetime-local" value={departure} onChange={(e) => setDeparture(e.target.value)} error={fe.departure_at} />
        </div>
        <p className="muted small">{t('agenda.timesIn', { zone: f.zoneLabel })}</p>
        <NamesFields value={names} onChange={setNames} errors={fe} />
        <div className="grid-2">
          <TextArea
            label={t('delegations.contacts')}
            value={contacts}
            rows={2}
            onChange={(e) => setContacts(e.target.value)}
            hint={t('delegations.contactsHint')}
            error={contactErrors.map(([, v]) => v).join('; ') || undefined}
          />
          <SelectField
            label={t('delegations.noticeLanguage')}
            value={noticeLanguage}
            onChange={(e) => setNoticeLanguage(e.target.value as NoticeLanguage)}
            options={NOTICE_LANGUAGES.map((l) => ({ value: l, label: label(t, 'noticeLang', l) }))}
            error={fe.notice_language}
          />
        </div>
        {!d && (
          <fieldset>
            <legend>{t('members.isHead')}</legend>
            <div className="grid-2">
              <TextField label={t('members.name')} value={headName} onChange={(e) => setHeadName(e.target.value)} error={fe['head.full_name'] ?? fe.head} />
              <TextField label={t('members.position')} value={headPosition} onChange={(e) => setHeadPosition(e.target.value)} error={fe['head.position']} />
            </div>
          </fieldset>
        )}
        <FormError text={generalError(save.error, t, fields)} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending || impact.checking}>
            {d ? t('common.save') : t('common.create')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {d && (
            <button
              type="button"
              className="button button--danger"
              onClick={() => window.confirm(t('delegations.confirmDelete', { name: d.name })) && remove.mutate(d)}
            >
              {t('common.delete')}
            </button>
          )}
        </div>
      </form>
      {impact.dialog}
    </Modal>
  )
}
