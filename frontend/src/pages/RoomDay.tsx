import { useAgenda, useRooms, useSummit, useVenues } from '../api/queries.ts'
import { PdfButton } from '../components/PdfButton.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { useFormat } from '../lib/format.ts'
import { useLocalName } from '../lib/names.ts'
import { replaceQuery } from '../lib/router.tsx'
import { daysBetween } from '../lib/time.ts'
import { NotFound } from './NotFound.tsx'

/** RoomDay: one room's programme for a day, for the door of the room (prints on A4). */
export default function RoomDay({ id, search }: { id: string; search: URLSearchParams }) {
  const t = useT()
  const ln = useLocalName()
  const f = useFormat()
  const summit = useSummit()
  const rooms = useRooms()
  const venues = useVenues()
  const days = summit.data ? daysBetween(summit.data.starts_on, summit.data.ends_on) : []
  const day = search.get('day') || days[0] || ''
  const agenda = useAgenda({ room_id: id, date: day }, !!day)
  if (rooms.isPending || summit.isPending) return <Loading />
  const room = rooms.data?.find((r) => r.id === id)
  if (!room) return <NotFound />
  const venue = venues.data?.find((v) => v.id === room.venue_id)
  const items = [...(agenda.data ?? [])].sort((a, b) => a.starts_at.localeCompare(b.starts_at))
  return (
    <section className="room-day">
      <div className="page-head">
        <PageHeading>
          {ln(room)}
          {venue ? ` · ${ln(venue)}` : ''}
        </PageHeading>
        <div className="page-head__tools no-print">
          <div className="segmented" role="group" aria-label={t('board.day')}>
            {days.map((d) => (
              <button key={d} type="button" aria-pressed={d === day} onClick={() => replaceQuery({ day: d })}>
                {f.dayShort(d)}
              </button>
            ))}
          </div>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('common.print')}
          </button>
          {day && <PdfButton path={`/api/v1/rooms/${encodeURIComponent(id)}/day.pdf?date=${day}`} name={`room-${day}.pdf`} />}
        </div>
      </div>
      <h3>{day && f.day(day)}</h3>
      <p className="muted">
        {t('roomDay.facts', { n: f.number(room.capacity), layout: label(t, 'layout', room.layout) })}
        {room.interpretation_languages.length > 0 && ` · ${t('rooms.interpretation')}: ${room.interpretation_languages.join(', ')}`}
        {' · '}
        {t('agenda.timesIn', { zone: f.zoneLabel })}
      </p>
      {agenda.isPending ? (
        <Loading />
      ) : agenda.isError ? (
        <ErrorView error={agenda.error} />
      ) : items.length === 0 ? (
        <p className="lead">{t('roomDay.empty')}</p>
      ) : (
        <ol className="agenda-list">
          {items.map((it) => (
            <li key={it.meeting_id} className={`agenda-item kind-${it.kind} status-${it.status}`}>
              <div className="agenda-item__time">
                <time dateTime={it.starts_at}>{f.time(it.starts_at)}</time>–<time dateTime={it.ends_at}>{f.time(it.ends_at)}</time>
              </div>
              <div className="agenda-item__body">
                <p className="agenda-item__title">{it.title}</p>
                <p className="agenda-item__meta">
                  <span className="chip">{label(t, 'kind', it.kind)}</span>
                  {it.status !== 'confirmed' && <span className={`chip chip--status-${it.status}`}>{label(t, 'status', it.status)}</span>}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
