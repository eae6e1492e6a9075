// The meetings someone else changed that this user has not looked at yet:
// the live stream marks them, the agenda highlights them until the user
// clicks one or marks it seen. Kept in localStorage per user, so that a
// reload (or another tab) keeps them.
import { useCallback, useSyncExternalStore } from 'react'

/** What the meeting was before the first change not yet seen, where that is known. */
export type Was = { starts_at: string; ends_at: string; room: string | null }
export type ChangeMark = { at: string; was?: Was }
export type ChangeMarks = Record<string, ChangeMark>

const PREFIX = 'summit.changed.'
const MAX_MARKS = 100
const listeners = new Set<() => void>()
const parsed = new Map<string, { raw: string | null; marks: ChangeMarks }>()
const EMPTY: ChangeMarks = {}

function storageKey(userId: string): string {
  return PREFIX + userId
}

/** readMarks returns the user's marks; the same object while they are unchanged. */
export function readMarks(userId: string): ChangeMarks {
  let raw: string | null = null
  try {
    raw = window.localStorage.getItem(storageKey(userId))
  } catch {
    /* storage blocked: nothing is remembered */
  }
  const cached = parsed.get(userId)
  if (cached && cached.raw === raw) return cached.marks
  let marks = EMPTY
  try {
    const v: unknown = raw ? JSON.parse(raw) : null
    if (v && typeof v === 'object' && !Array.isArray(v)) marks = v as ChangeMarks
  } catch {
    /* unreadable: start afresh */
  }
  parsed.set(userId, { raw, marks })
  return marks
}

function write(userId: string, marks: ChangeMarks): void {
  try {
    const ids = Object.keys(marks)
    // Keep the newest few: an agenda does not need more.
    const kept = ids.length > MAX_MARKS ? Object.fromEntries(Object.entries(marks).slice(-MAX_MARKS)) : marks
    if (Object.keys(kept).length === 0) window.localStorage.removeItem(storageKey(userId))
    else window.localStorage.setItem(storageKey(userId), JSON.stringify(kept))
  } catch {
    /* storage blocked or full: the highlight lasts this page only */
  }
  for (const l of listeners) l()
}

/** markChanged marks a meeting as changed by someone else; what it was stays that of the first change not seen. */
export function markChanged(userId: string, meetingId: string, was: Was | undefined, at = new Date().toISOString()): void {
  const rest = { ...readMarks(userId) }
  const old = rest[meetingId]
  delete rest[meetingId] // re-added last: the newest mark is kept longest
  const keep = old ? old.was : was
  write(userId, { ...rest, [meetingId]: keep ? { at, was: keep } : { at } })
}

/** markSeen drops a meeting's mark. */
export function markSeen(userId: string, meetingId: string): void {
  const rest = { ...readMarks(userId) }
  if (!(meetingId in rest)) return
  delete rest[meetingId]
  write(userId, rest)
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(PREFIX)) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

/** useChangeMarks gives the user's marks, kept current, and a way to mark one seen. */
export function useChangeMarks(userId: string): [ChangeMarks, (meetingId: string) => void] {
  const marks = useSyncExternalStore(subscribe, () => readMarks(userId))
  const seen = useCallback((meetingId: string) => markSeen(userId, meetingId), [userId])
  return [marks, seen]
}
