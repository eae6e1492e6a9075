// ChangedMark: the highlight of an agenda entry someone else changed since
// the user last looked — a "Changed" label in words (not colour alone), what
// it was before where known, and a button that marks it seen.
import type { AgendaItem } from '../api/types.ts'
import { useI18n } from '../i18n/index.tsx'
import type { ChangeMark } from '../lib/changed.ts'
import type { Format } from '../lib/format.ts'
import { dayOf } from '../lib/time.ts'

/** wasText: "12:00–13:00, Golden Hall" (with the day when it was another day). */
export function wasText(item: AgendaItem, mark: ChangeMark, f: Format): string | null {
  const was = mark.was
  if (!was) return null
  const day = dayOf(new Date(was.starts_at), f.zone)
  const range = `${f.time(was.starts_at)}–${f.time(was.ends_at)}`
  const when = day === dayOf(new Date(item.starts_at), f.zone) ? range : `${f.dayShort(day)} ${range}`
  return was.room && was.room !== item.room_name ? `${when}, ${was.room}` : when
}

type Props = { item: AgendaItem; mark: ChangeMark; f: Format; onSeen: () => void; compact?: boolean }

export function ChangedMark({ item, mark, f, onSeen, compact = false }: Props) {
  const { t } = useI18n()
  const was = wasText(item, mark, f)
  return (
    <span className="changed">
      <span className="chip chip--changed">
        <span aria-hidden="true">{t('agenda.changed')}</span>
        <span className="visually-hidden">{t('agenda.changedLabel', { title: item.title })}</span>
      </span>
      {was && !compact && <span className="changed__was">{t('agenda.changedWas', { was })}</span>}
      <button
        type="button"
        className="changed__seen"
        aria-label={t('agenda.markSeenOf', { title: item.title })}
        title={was ? t('agenda.changedWas', { was }) : undefined}
        onClick={(e) => {
          e.stopPropagation()
          onSeen()
        }}
      >
        {t('agenda.markSeen')}
      </button>
    </span>
  )
}
