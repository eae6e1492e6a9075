// The organiser's header badge: how many meetings the programme has problems
// with, kept live (the stream invalidates the list), linking to the Problems page.
import { useProblems } from '../api/queries.ts'
import { useT } from '../i18n/index.tsx'
import { useFormat } from '../lib/format.ts'
import { Link } from '../lib/router.tsx'

export function ProblemsBadge() {
  const t = useT()
  const f = useFormat()
  const problems = useProblems()
  if (!problems.data) return null
  const n = new Set(problems.data.items.map((p) => p.meeting_id)).size
  return (
    <Link
      to="/problems"
      className={`problems-badge${n > 0 ? ' problems-badge--on' : ''}`}
      aria-label={t('problems.badgeLabel', { n: f.number(n) })}
      title={t('problems.badgeLabel', { n: f.number(n) })}
    >
      <span aria-hidden="true">{n > 0 ? '⚠ ' : '✓ '}</span>
      {t('problems.badge', { n: f.number(n) })}
    </Link>
  )
}
