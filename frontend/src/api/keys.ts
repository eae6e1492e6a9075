// The query keys, in one place: the read hooks (queries.ts) cache under them,
// the write hooks (mutations.ts) and the live stream invalidate by them. A
// prefix (allMeetings, allAgenda, allMembers) matches every key that starts
// with it, e.g. every day's meeting list.
import type { QueryKey } from '@tanstack/react-query'
import type { MeetingWrite } from './types.ts'

/** AuditFilter: the audit trail's filters (CONTRACT: entity_type, entity_id, actor_id); empty means any. */
export type AuditFilter = { entity_type?: string; entity_id?: string; actor_id?: string }

export const keys = {
  me: ['me'] as const,
  summit: ['summit'] as const,
  delegations: ['delegations'] as const,
  delegation: (id: string) => ['delegation', id] as const,
  /** every members list: one delegation's, and those read for several at once */
  allMembers: ['members'] as const,
  members: (delegationId: string) => ['members', delegationId] as const,
  membersOf: (delegationIds: readonly string[]) => ['members', 'of', delegationIds] as const,
  member: (id: string) => ['member', id] as const,
  venues: ['venues'] as const,
  rooms: ['rooms'] as const,
  /** every meeting list, whatever its period */
  allMeetings: ['meetings'] as const,
  meetings: (from: string, to: string) => ['meetings', from, to] as const,
  meeting: (id: string) => ['meeting', id] as const,
  /**
   * the live rule check of a meeting's body (meetingId '' for a new one; body
   * null until there is one to check). Not under allMeetings: a check is not a
   * list of meetings, and invalidating the meetings does not re-run it.
   */
  meetingCheck: (meetingId: string, body: MeetingWrite | null) => ['meetingCheck', meetingId, body] as const,
  /** every agenda, whatever its filters */
  allAgenda: ['agenda'] as const,
  agenda: (q: Record<string, string>) => ['agenda', q] as const,
  requests: ['requests'] as const,
  request: (id: string) => ['request', id] as const,
  users: ['users'] as const,
  /** the list of recent proposals */
  proposals: ['proposals'] as const,
  proposal: (id: string) => ['proposal', id] as const,
  /** the programme's problems (GET /problems): what the board marks and the header counts */
  problems: ['problems'] as const,
  audit: (q: AuditFilter) => ['audit', q] as const,
  /** every release read: the list, one release, changes between two */
  allReleases: ['releases'] as const,
  release: (n: number) => ['releases', n] as const,
  releaseChanges: (n: number, since: number) => ['releases', n, 'changes', since] as const,
  /** the outbox of notices to delegations (GET /notices), every page */
  notices: ['notices'] as const,
  /** what changed for the signed-in user since they last looked (GET /me/changes) */
  myChanges: ['myChanges'] as const,
  /** accreditation (CONTRACT section 15): access zones and badge categories */
  accessZones: ['accessZones'] as const,
  badgeCategories: ['badgeCategories'] as const,
  /** accommodation: every hotel block the user may see */
  hotelBlocks: ['hotelBlocks'] as const,
  /** ground transport (CONTRACT section 14): the motor pool, every motorcade, and movements by query */
  vehicles: ['vehicles'] as const,
  motorcades: ['motorcades'] as const,
  motorcade: (delegationId: string) => ['motorcades', delegationId] as const,
  /** every movements list, whatever its day or delegation */
  allMovements: ['movements'] as const,
  movements: (q: Record<string, string>) => ['movements', q] as const,
  /** a member's photo as an object URL, by the member's id and whether it has one */
  photo: (memberId: string, version: string) => ['photo', memberId, version] as const,
} satisfies Record<string, QueryKey | ((...a: never[]) => QueryKey)>
