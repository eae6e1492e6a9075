import { useEffect, useMemo, useState } from 'react'
import { useAgenda, useDelegations, useMembers, useMotorcade, useReleases, useRooms, useSummit, useVenues } from '../api/queries.ts'
import type { AgendaItem } from '../api/types.ts'
import { useUser } from '../auth/session.tsx'
import { AgendaCalendar, itemKey } from '../components/AgendaCalendar.tsx'
import { useMovementTitle } from '../lib/movements.ts'
import { ChangedMark } from '../components/ChangedMark.tsx'
import { PdfButton } from '../components/PdfButton.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { WhatChanged } from '../components/WhatChanged.tsx'
import { useI18n, useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { useChangeMarks } from '../lib/changed.ts'
import { useFormat } from '../lib/format.ts'
import { useLocalName } from '../lib/names.ts'
import { replaceQuery } from '../lib/router.tsx'
import { dayOf, daysBetween, parseTime } from '../lib/time.ts'

/** groupByDay splits agenda items by their day in the summit's zone, in time order. */
export function groupByDay(items: AgendaItem[], zone: string): [string, AgendaItem[]][] {
  const out = new Map<string, AgendaItem[]>()
  const sorted = [...items].sort((a, b) => a.starts_at.localeCompare(b.starts_at))
  for (const it of sorted) {
    const d = dayOf(new Date(it.starts_at), zone)
    const list = out.get(d) ?? []
    list.push(it)
    out.set(d, list)
  }
  return [...out.entries()]
}

/** AgendaPage: a delegation's programme, day by day ("My agenda" for delegates). */
export function AgendaPage({ search }: { search: URLSearchParams }) {
  const user = useUser()
  const { t } = useI18n()
  const f = useFormat()
  const summit = useSummit()
  const delegations = useDelegations()
  const isDelegate = user.role === 'delegate'
  const delegationId = isDelegate ? (user.delegation_id ?? '') : (search.get('delegation') ?? '')
  const agenda = useAgenda({ delegation_id: delegationId }, !!delegationId)
  const delegation = delegations.data?.find((d) => d.id === delegationId)
  const head = useMembers(delegationId).data?.find((m) => m.is_head)
  const rooms = useRooms()
  const venues = useVenues()
  const ln = useLocalName()
  // Rooms and venues in the reader's language; the agenda's own names when they are not known here.
  const placeOf = (it: AgendaItem) =>
    [
      ln(rooms.data?.find((r) => r.id === it.room_id)) || it.room_name,
      ln(venues.data?.find((v) => v.id === it.venue_id)) || it.venue_name,
    ]
      .filter(Boolean)
      .join(', ')
  // Movements (CONTRACT section 14) say where the motorcade goes in the reader's language.
  const say = useMovementTitle()
  const items = useMemo(() => (agenda.data ?? []).map((it) => (it.movement ? { ...it, title: say(it.movement) } : it)), [agenda.data, say])
  const days = useMemo(() => groupByDay(items, f.zone), [items, f.zone])
  const calendar = search.get('view') === 'calendar'
  // What others changed since this user last looked: highlighted until clicked or marked seen.
  const [marks, seen] = useChangeMarks(user.id)
  // The calendar shows every day of the summit and any other day with a meeting.
  const s = summit.data
  const calendarDays = useMemo(
    () => [...new Set([...(s ? daysBetween(s.starts_on, s.ends_on) : []), ...days.map(([d]) => d)])].sort(),
    [s, days],
  )

  return (
    <section className="agenda-page">
      <div className="page-head">
        <PageHeading>
          {isDelegate ? t('agenda.mine') : t('agenda.title')}
          {delegation ? ` · ${ln(delegation)}` : ''}
          {head ? ` · ${ln(head)}` : ''}
        </PageHeading>
        <div className="page-head__tools no-print">
          {!isDelegate && (
            <label className="inline-field">
              <span>{t('agenda.delegation')}</span>
              <select
                value={delegationId}
                onChange={(e) => replaceQuery({ delegation: e.target.value })}
                aria-label={t('agenda.delegation')}
              >
                <option value="">{t('agenda.chooseDelegation')}</option>
                {(delegations.data ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {ln(d)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {delegationId && (
            <div className="segmented" role="group" aria-label={t('agenda.view')}>
              <button type="button" aria-pressed={!calendar} onClick={() => replaceQuery({ view: null })}>
                {t('agenda.list')}
              </button>
              <button type="button" aria-pressed={calendar} onClick={() => replaceQuery({ view: 'calendar' })}>
                {t('agenda.calendar')}
              </button>
            </div>
          )}
          {delegationId && (
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              {t('common.print')}
            </button>
          )}
          {delegationId && (
            <PdfButton
              path={`/api/v1/agenda.pdf?delegation_id=${encodeURIComponent(delegationId)}`}
              name={`agenda-${delegation?.code ?? 'delegation'}.pdf`}
            />
          )}
        </div>
      </div>
      <p className="muted">
        {t('agenda.timesIn', { zone: f.zoneLabel })}
        {summit.data ? ` · ${summit.data.name}` : ''}
      </p>
      {delegationId && <PrintStamp />}
      {isDelegate && delegationId && <WhatChanged />}
      {isDelegate && delegationId && <MyMotorcade delegationId={delegationId} />}
      {!delegationId ? (
        <p className="lead">{isDelegate ? t('agenda.noDelegation') : t('agenda.pick')}</p>
      ) : agenda.isPending ? (
        <Loading />
      ) : agenda.isError ? (
        <ErrorView error={agenda.error} retry={() => void agenda.refetch()} />
      ) : days.length === 0 ? (
        <p className="lead">{t('agenda.empty')}</p>
      ) : calendar ? (
        <AgendaCalendar
          days={calendarDays}
          byDay={new Map(days)}
          from={parseTime(s?.day_starts ?? '') ?? 8 * 60}
          to={parseTime(s?.day_ends ?? '') ?? 20 * 60}
          f={f}
          marks={marks}
          onSeen={seen}
          placeOf={placeOf}
        />
      ) : (
        days.map(([day, items]) => (
          <section key={day} className="agenda-day" aria-labelledby={`day-${day}`}>
            <h3 id={`day-${day}`}>{f.day(day)}</h3>
            <ol className="agenda-list">
              {items.map((it) => {
                const mark = it.movement ? undefined : marks[it.meeting_id]
                return (
                  <li
                    key={itemKey(it)}
                    className={`agenda-item kind-${it.kind} status-${it.status}${mark ? ' agenda-item--changed' : ''}`}
                    onClick={mark ? () => seen(it.meeting_id) : undefined}
                  >
                    <div className="agenda-item__time">
                      <time dateTime={it.starts_at}>{f.time(it.starts_at)}</time>–
                      <time dateTime={it.ends_at}>{f.time(it.ends_at)}</time>
                    </div>
                    <div className="agenda-item__body">
                      <p className="agenda-item__title">{it.title}</p>
                      <p className="agenda-item__meta">
                        <span className={`chip chip--${it.kind}`}>{label(t, 'kind', it.kind)}</span>
                        {it.status !== 'confirmed' && (
                          <span className={`chip chip--status-${it.status}`}>{label(t, 'status', it.status)}</span>
                        )}
                        <span>
                          {placeOf(it) || t('agenda.noRoom')}
                        </span>
                      </p>
                      {mark && <ChangedMark item={it} mark={mark} f={f} onSeen={() => seen(it.meeting_id)} />}
                    </div>
                  </li>
                )
              })}
            </ol>
          </section>
        ))
      )}
    </section>
  )
}

/** MyMotorcade: a delegate's own motorcade, its vehicles and drivers (CONTRACT section 14). */
function MyMotorcade({ delegationId }: { delegationId: string }) {
  const t = useT()
  const vehicles = useMotorcade(delegationId).data?.vehicles ?? []
  if (vehicles.length === 0) return null
  return (
    <p className="motorcade no-print">
      <strong>{t('transport.myMotorcade')}:</strong>{' '}
      {vehicles.map((v) => `${v.plate} (${label(t, 'vehicleKind', v.kind)}, ${v.driver_name} ${v.driver_phone})`).join(' · ')}
    </p>
  )
}

/** PrintStamp: on paper only, the release the agenda belongs to (or that none is published) and when it was printed. */
function PrintStamp() {
  const t = useT()
  const f = useFormat()
  const latest = useReleases().data?.[0]
  // The time of printing: read when the page is printed, not when it was opened.
  const [printedAt, setPrintedAt] = useState(() => new Date())
  useEffect(() => {
    const now = () => setPrintedAt(new Date())
    window.addEventListener('beforeprint', now)
    return () => window.removeEventListener('beforeprint', now)
  }, [])
  const when = f.dateTime(printedAt)
  return (
    <p className="print-only print-stamp">
      {latest ? t('agenda.printRelease', { n: latest.number, when }) : t('agenda.printNotReleased', { when })}
    </p>
  )
}
