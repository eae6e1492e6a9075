// Short names for the generated OpenAPI types (schema.d.ts, `npm run gen:api`).
import type { components } from './schema'

type S = components['schemas']

export type User = S['User']
export type UserCreate = S['UserCreate']
export type UserPatch = S['UserPatch']
export type Role = User['role']
export type TokenPair = S['TokenPair']
export type Summit = S['Summit']
export type SummitPut = S['SummitPut']
export type MeUpdate = S['MeUpdate']
export type PasswordChange = S['PasswordChange']
export type AuditEntry = S['AuditEntry']
export type AuditList = S['AuditList']
export type Delegation = S['Delegation']
export type DelegationWrite = S['DelegationWrite']
export type DelegationKind = Delegation['kind']
export type Member = S['Member']
export type MemberWrite = S['MemberWrite']
export type FeedToken = S['FeedToken']
export type Venue = S['Venue']
export type VenueWrite = S['VenueWrite']
export type Room = S['Room']
export type RoomWrite = S['RoomWrite']
export type RoomLayout = Room['layout']
export type Meeting = S['Meeting']
export type MeetingWrite = S['MeetingWrite']
export type MeetingKind = Meeting['kind']
export type MeetingStatus = Meeting['status']
export type Visibility = Meeting['visibility']
export type Participant = S['Participant']
export type Conflict = S['Conflict']
export type Rule = Conflict['rule']
export type AllowRule = NonNullable<MeetingWrite['allow']>[number]
/** Suggestion is a free time the live check proposes for the same meeting (same room, people and length). */
export type Suggestion = S['CheckResult']['suggestions'][number]
/**
 * CheckResult is what POST /meetings/check answers. Its suggestions are read as
 * optional: a 409's conflicts, a test's fake server or an older server come
 * without them.
 */
export type CheckResult = Omit<S['CheckResult'], 'suggestions'> & { suggestions?: Suggestion[] }
export type AgendaItem = S['AgendaItem']
export type BilateralRequest = S['BilateralRequest']
export type BilateralRequestCreate = S['BilateralRequestCreate']
export type RequestStatus = BilateralRequest['status']
export type ProposalCreate = S['ProposalCreate']
export type Proposal = S['Proposal']
export type ProposalList = S['ProposalList']
export type MeetingItems = S['MeetingItems']
export type MeetingShift = S['MeetingShift']
export type MeetingShiftResult = S['MeetingShiftResult']
export type ApplyResult = S['ApplyResult']
export type Problem = S['Problem']
export type FieldError = NonNullable<Problem['errors']>[number]

/** ProgrammeProblem: a rule a non-cancelled meeting now breaks (GET /problems, CONTRACT section 10). */
export type ProgrammeProblem = S['ProblemItem']
export type ProblemList = S['ProblemList']
/** Impact: a problem that a change to a delegation, member, room, venue or the summit creates (or would create, with ?dry_run=1). */
export type Impact = S['Impact']
export type Impacted = { impact?: Impact[] }

/** Release: a numbered release of the confirmed programme (CONTRACT section 11). */
export type Release = S['Release']
export type ReleaseList = S['ReleaseList']
export type ReleaseDetail = S['ReleaseDetail']
/** ReleasedMeeting: a meeting's frozen image, with its room's and venue's names as they were. */
export type ReleasedMeeting = S['ReleasedMeeting']
export type ReleaseChanges = S['ReleaseChanges']
/** MyChanges: what changed for the caller since they last marked changes seen (GET /me/changes). */
export type MyChanges = S['MyChanges']
export type ChangesSeen = S['ChangesSeen']
/** Notice: one e-mail to a delegation in the outbox (CONTRACT section 12). */
export type Notice = S['Notice']
export type NoticeList = S['NoticeList']
export type NoticeStatus = Notice['status']
export type NoticeLanguage = Delegation['notice_language']
export const NOTICE_LANGUAGES: readonly NoticeLanguage[] = ['en', 'ru', 'zh', 'kk']
/** Changes: the shape both answers share. */
export type Changes = Pick<ReleaseChanges, 'added' | 'changed' | 'removed'>

export const MEETING_KINDS: readonly MeetingKind[] = [
  'plenary',
  'restricted',
  'extended',
  'bilateral',
  'multilateral',
  'ceremony',
  'arrival',
  'departure',
  'meal',
  'press',
  'cultural',
  'hold',
]
export const MEETING_STATUSES: readonly MeetingStatus[] = ['draft', 'confirmed', 'cancelled']
export const VISIBILITIES: readonly Visibility[] = ['public', 'participants', 'organisers']
export const ROLES: readonly Role[] = ['admin', 'organiser', 'delegate']
export const DELEGATION_KINDS: readonly DelegationKind[] = [
  'member',
  'observer',
  'dialogue_partner',
  'organisation',
  'guest',
]
export const ROOM_LAYOUTS: readonly RoomLayout[] = ['plenary', 'bilateral', 'banquet', 'press', 'ceremony', 'other']
export const OVERRIDABLE: readonly AllowRule[] = [
  'travel_time',
  'room_capacity',
  'interpretation',
  'delegation_presence',
  'outside_summit',
  'rest_time',
  'daily_limit',
]

export function isOverridable(rule: Rule): rule is AllowRule {
  return (OVERRIDABLE as readonly string[]).includes(rule)
}

/** ImportResult: what an import did, or its dry run would do (POST /import/{kind}, CONTRACT section 13). */
export type ImportResult = S['ImportResult']
export type ImportedRow = ImportResult['rows'][number]
export type ImportError = ImportResult['errors'][number]
/** ImportKind: what a spreadsheet to import holds. */
export type ImportKind = 'delegations' | 'members' | 'venues' | 'rooms'
export const IMPORT_KINDS: ImportKind[] = ['delegations', 'members', 'venues', 'rooms']
export type AccessZone = S['AccessZone']
export type AccessZoneWrite = S['AccessZoneWrite']
export type BadgeCategory = S['BadgeCategory']
export type BadgeCategoryWrite = S['BadgeCategoryWrite']
export type AccessAnswer = S['AccessAnswer']
export type HotelBlock = S['HotelBlock']
export type HotelBlockWrite = S['HotelBlockWrite']
export type Nights = S['Nights']
export type AccessReason = AccessAnswer['reason']

// Ground transport (CONTRACT section 14).
export type Vehicle = S['Vehicle']
export type VehicleWrite = S['VehicleWrite']
export type VehicleKind = Vehicle['kind']
export type Motorcade = S['Motorcade']
export type Movement = S['Movement']
export type VenueKind = Venue['kind']
export const VENUE_KINDS: VenueKind[] = ['venue', 'hotel', 'airport']
export const VEHICLE_KINDS: VehicleKind[] = ['car', 'van', 'bus', 'security', 'ambulance']
