// Records the component tests share.
import type { Meeting } from '../api/types.ts'

/** talks is a confirmed bilateral on 3 July, 12:00–13:15 in Astana. */
export const talks: Meeting = {
  id: 'm1',
  title: 'Talks: Kazakhstan – China',
  kind: 'bilateral',
  starts_at: '2024-07-03T07:00:00Z',
  ends_at: '2024-07-03T08:15:00Z',
  room_id: 'r1',
  status: 'confirmed',
  visibility: 'participants',
  languages: [],
  expected_attendance: 20,
  participants: [{ delegation_id: 'd-kaz' }, { delegation_id: 'd-chn' }],
  allow: [],
  request_id: null,
  version: 3,
  created_at: '2024-06-01T00:00:00Z',
  updated_at: '2024-06-01T00:00:00Z',
}
