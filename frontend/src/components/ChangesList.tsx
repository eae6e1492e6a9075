import type { Changes, ReleasedMeeting } from '../api/types.ts'
import { useT } from '../i18n/index.tsx'
import { useFormat, type Format } from '../lib/format.ts'
import { dayOf } from '../lib/time.ts'

type Kind = 'added' | 'changed' | 'removed'

/** when: a frozen meeting's day and times in the summit's zone. */
function when(m: ReleasedMeeting, f: Format): string {
  return `${f.dayShort(dayOf(new Date(m.starts_at), f.zone))}, ${f.time(m.starts_at)}–${f.time(m.ends_at)}`
}

/** where: a frozen meeting's room and venue as they were named. */
function where(m: ReleasedMeeting, none: string): string {
  return [m.room_name, m.venue_name].filter(Boolean).join(', ') || none
}

/**
 * ChangesList shows changes between two images of the programme side by
 * side: each meeting added, changed or removed, with before and after in the
 * summit's zone; in a changed meeting what differs is highlighted, old → new.
 */
export function ChangesList({ changes, beforeLabel, afterLabel }: { changes: Changes; beforeLabel: string; afterLabel: string }) {
  const t = useT()
  const f = useFormat()
  const rows: { kind: Kind; before?: ReleasedMeeting; after?: ReleasedMeeting }[] = [
    ...changes.changed.map((c) => ({ kind: 'changed' as const, before: c.before, after: c.after })),
    ...changes.added.map((m) => ({ kind: 'added' as const, after: m })),
    ...changes.removed.map((m) => ({ kind: 'removed' as const, before: m })),
  ]
  if (rows.length === 0) return <p className="muted">{t('changes.none')}</p>
  const none = t('agenda.noRoom')
  const side = (m: ReleasedMeeting | undefined, other: ReleasedMeeting | undefined, label: string, cls: string) => (
    <div className={`change__side change__${cls}`}>
      <span className="change__label">{label}</span>
      {m ? (
        <>
          <Part text={when(m, f)} differs={!!other && when(other, f) !== when(m, f)} />
          <Part text={where(m, none)} differs={!!other && where(other, none) !== where(m, none)} />
          {other && other.title !== m.title && <Part text={m.title} differs />}
        </>
      ) : (
        <span className="muted">—</span>
      )}
    </div>
  )
  return (
    <ul className="change-list">
      {rows.map((r) => {
        const m = (r.after ?? r.before) as ReleasedMeeting
        return (
          <li key={`${r.kind}-${m.id}`} className={`change change--${r.kind}`} data-meeting-id={m.id}>
            <p className="change__head">
              <span className={`chip change__kind change__kind--${r.kind}`}>{t(`changes.${r.kind}`)}</span>{' '}
              <strong>{r.before && r.kind === 'changed' ? r.before.title : m.title}</strong>
            </p>
            <div className="change__cols">
              {side(r.before, r.after, beforeLabel, 'before')}
              <span className="change__arrow" aria-hidden="true">
                →
              </span>
              {side(r.after, r.before, afterLabel, 'after')}
            </div>
          </li>
        )
      })}
    </ul>
  )
}

function Part({ text, differs }: { text: string; differs: boolean }) {
  return <span className="change__part">{differs ? <mark>{text}</mark> : text}</span>
}
