// Before a change to a delegation, member, room, venue or the summit is saved,
// the server is asked what it would break (?dry_run=1). When it would break
// something, a confirmation lists it, with "Save anyway" and "Cancel";
// otherwise the change is saved straight away.
import { useState } from 'react'
import { useMeetingsById } from '../api/queries.ts'
import type { Impact } from '../api/types.ts'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { useFormat } from '../lib/format.ts'
import { dayOf } from '../lib/time.ts'
import { Modal } from './Modal.tsx'

type Pending = { impact: Impact[]; save: () => void; subject?: string | undefined }

/**
 * useImpactGuard gives guard(preview, save, subject?): preview is the dry run;
 * when it answers no impact (or fails: the real save then says why, at the
 * fields), save runs at once, else once the user confirms. dialog is the
 * confirmation to render; checking is true while the dry run is out.
 */
export function useImpactGuard() {
  const [pending, setPending] = useState<Pending | null>(null)
  const [checking, setChecking] = useState(false)
  async function guard(preview: () => Promise<Impact[]>, save: () => void, subject?: string) {
    setChecking(true)
    let impact: Impact[] = []
    try {
      impact = await preview()
    } catch {
      impact = []
    } finally {
      setChecking(false)
    }
    if (impact.length === 0) save()
    else setPending({ impact, save, subject })
  }
  const dialog = pending && (
    <ImpactDialog
      impact={pending.impact}
      subject={pending.subject}
      onConfirm={() => {
        setPending(null)
        pending.save()
      }}
      onCancel={() => setPending(null)}
    />
  )
  return { guard: (preview: () => Promise<Impact[]>, save: () => void, subject?: string) => void guard(preview, save, subject), checking, dialog }
}

/** summarise counts the meetings each rule would catch, in the order the rules first come. */
export function summarise(impact: Impact[]): { rule: string; meetings: number }[] {
  const byRule = new Map<string, Set<string>>()
  for (const i of impact) {
    const set = byRule.get(i.rule) ?? new Set<string>()
    set.add(i.meeting_id)
    byRule.set(i.rule, set)
  }
  return [...byRule].map(([rule, ids]) => ({ rule, meetings: ids.size }))
}

type Props = { impact: Impact[]; subject?: string | undefined; onConfirm: () => void; onCancel: () => void }

/** ImpactDialog lists what a change would break and asks whether to save it anyway. */
export function ImpactDialog({ impact, subject, onConfirm, onCancel }: Props) {
  const t = useT()
  const f = useFormat()
  const ids = [...new Set(impact.map((i) => i.meeting_id))]
  // The messages speak of "this meeting": name each one (the caller may see every meeting its impact lists).
  const read = useMeetingsById(ids)
  const byId = new Map(read.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])))
  const meetings = ids.length
  const meetingWhen = (at: string) => `${f.dayShort(dayOf(new Date(at), f.zone))}, ${f.time(at)}`
  return (
    <Modal title={t('impact.title')} onClose={onCancel}>
      <div className="impact">
        <p>{t('impact.intro', { n: meetings })}</p>
        <ul className="impact__summary">
          {summarise(impact).map((s) => (
            <li key={s.rule}>
              {s.rule === 'delegation_presence' && subject
                ? t('impact.presence', { name: subject, n: s.meetings })
                : t('impact.rule', { rule: label(t, 'rule', s.rule), n: s.meetings })}
            </li>
          ))}
        </ul>
        <ul className="impact__list">
          {impact.map((i, n) => (
            <li key={`${i.meeting_id}-${i.rule}-${n}`}>
              {byId.has(i.meeting_id) && (
                <>
                  <strong>{byId.get(i.meeting_id)?.title}</strong> ({meetingWhen(byId.get(i.meeting_id)?.starts_at ?? '')}):{' '}
                </>
              )}
              {i.message}
            </li>
          ))}
        </ul>
        <p className="muted small">{t('impact.hint')}</p>
        <div className="form-actions">
          <button type="button" className="button button--danger" onClick={onConfirm}>
            {t('impact.saveAnyway')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </Modal>
  )
}
