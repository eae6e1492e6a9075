// The programme's problems (GET /problems) arranged for people: by delegation,
// then by meeting, and by meeting for the planning board's marks.
import type { Delegation, ProgrammeProblem } from '../api/types.ts'

/** ProblemMeeting: one meeting with every rule it breaks. */
export type ProblemMeeting = { meeting_id: string; title: string; starts_at: string; ends_at: string; problems: ProgrammeProblem[] }

/** ProblemGroup: the meetings with problems of one delegation (delegation null: meetings of none). */
export type ProblemGroup = { delegation: Delegation | null; delegationId: string; meetings: ProblemMeeting[] }

/**
 * groupProblems puts each problem's meeting under every delegation taking part
 * in it (a meeting of two delegations appears under both), delegations in
 * protocol order (precedence, then name), meetings by start. A delegation the
 * caller cannot read still gets its group (by id); meetings of no delegation come last.
 */
export function groupProblems(items: readonly ProgrammeProblem[], delegations: readonly Delegation[]): ProblemGroup[] {
  const byMeeting = problemsByMeeting(items)
  const known = new Map(delegations.map((d) => [d.id, d]))
  const groups = new Map<string, ProblemGroup>()
  for (const m of byMeeting.values()) {
    const ids = [...new Set(m.problems.flatMap((p) => p.delegation_ids ?? []))]
    for (const id of ids.length > 0 ? ids : ['']) {
      let g = groups.get(id)
      if (!g) {
        g = { delegation: known.get(id) ?? null, delegationId: id, meetings: [] }
        groups.set(id, g)
      }
      g.meetings.push(m)
    }
  }
  const rank = (g: ProblemGroup) => (g.delegationId === '' ? [1, 0, ''] : [0, g.delegation?.precedence ?? Number.MAX_SAFE_INTEGER, g.delegation?.name ?? g.delegationId])
  const out = [...groups.values()]
  for (const g of out) g.meetings.sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.title.localeCompare(b.title))
  return out.sort((a, b) => {
    const [x1, x2, x3] = rank(a) as [number, number, string]
    const [y1, y2, y3] = rank(b) as [number, number, string]
    return x1 - y1 || x2 - y2 || x3.localeCompare(y3)
  })
}

/** problemsByMeeting collects the problems of each meeting, in the server's order. */
export function problemsByMeeting(items: readonly ProgrammeProblem[]): Map<string, ProblemMeeting> {
  const out = new Map<string, ProblemMeeting>()
  for (const p of items) {
    let m = out.get(p.meeting_id)
    if (!m) {
      m = { meeting_id: p.meeting_id, title: p.title, starts_at: p.starts_at, ends_at: p.ends_at, problems: [] }
      out.set(p.meeting_id, m)
    }
    m.problems.push(p)
  }
  return out
}
