// Keeps the cached server state fresh from the live stream and says what
// other people changed.
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { keys, meetingQuery } from '../api/queries.ts'
import { connectStream, type LiveEvent } from '../api/stream.ts'
import type { Meeting, User } from '../api/types.ts'
import { useT, type Translate } from '../i18n/index.tsx'
import { useToast } from './Toasts.tsx'

/** cachedMeeting finds a meeting in any cached list or detail query. */
export function cachedMeeting(qc: QueryClient, id: string): Meeting | undefined {
  const one = qc.getQueryData<Meeting>(keys.meeting(id))
  if (one) return one
  for (const [, list] of qc.getQueriesData<Meeting[]>({ queryKey: keys.allMeetings })) {
    const m = list?.find((x) => x.id === id)
    if (m) return m
  }
  return undefined
}

function actorName(qc: QueryClient, ev: LiveEvent, t: Translate): string {
  if (ev.actor_name) return ev.actor_name
  const users = qc.getQueryData<User[]>(keys.users)
  const u = users?.find((x) => x.id === ev.actor_id)
  return u?.name ?? t('live.anotherOrganiser')
}

/** describe says in words what happened to a meeting; null when nothing needs saying. */
export function describeMeetingEvent(
  ev: LiveEvent,
  before: Meeting | undefined,
  after: Meeting | undefined,
  who: string,
  t: Translate,
): string | null {
  const title = after?.title ?? before?.title
  if (!title) return null
  switch (ev.type) {
    case 'meeting.created':
      return t('live.created', { title, who })
    case 'meeting.cancelled':
      return t('live.cancelled', { title, who })
    case 'meeting.deleted':
      return t('live.deleted', { title, who })
    default: {
      const moved =
        !!before &&
        !!after &&
        (before.starts_at !== after.starts_at || before.ends_at !== after.ends_at || before.room_id !== after.room_id)
      return moved ? t('live.moved', { title, who }) : t('live.updated', { title, who })
    }
  }
}

export function LiveUpdates({ user }: { user: User }) {
  const qc = useQueryClient()
  const pushNow = useToast()
  const tNow = useT()
  const [live, setLive] = useState<boolean | null>(null)
  const ref = useRef({ push: pushNow, t: tNow })
  ref.current = { push: pushNow, t: tNow }

  useEffect(() => {
    const ctl = new AbortController()
    let dropped = false
    const onEvent = async (ev: LiveEvent) => {
      const { push, t } = ref.current
      const mine = ev.actor_id === user.id
      if (ev.type === 'request.changed') {
        void qc.invalidateQueries({ queryKey: keys.requests })
        void qc.invalidateQueries({ queryKey: keys.request(ev.id) })
        if (!mine) push(t('live.requestChanged', { who: actorName(qc, ev, t) }))
        return
      }
      if (ev.type === 'problems.changed') {
        void qc.invalidateQueries({ queryKey: keys.problems })
        return
      }
      if (!ev.type.startsWith('meeting.')) return
      void qc.invalidateQueries({ queryKey: keys.problems })
      const before = cachedMeeting(qc, ev.id)
      if (before && before.version >= ev.version && ev.type === 'meeting.updated') return
      let after: Meeting | undefined
      if (!mine && ev.type !== 'meeting.deleted') {
        try {
          after = await qc.fetchQuery({ ...meetingQuery(ev.id), staleTime: 0 })
        } catch {
          after = undefined
        }
      }
      void qc.invalidateQueries({ queryKey: keys.allMeetings })
      void qc.invalidateQueries({ queryKey: keys.allAgenda })
      if (mine) {
        void qc.invalidateQueries({ queryKey: keys.meeting(ev.id) })
        return
      }
      const text = describeMeetingEvent(ev, before, after, actorName(qc, ev, t), t)
      if (text) push(text)
    }
    void connectStream(ctl.signal, {
      onEvent: (ev) => void onEvent(ev),
      onReload: () => void qc.invalidateQueries(),
      onState: (on) => {
        setLive(on)
        // Back after a drop: fetch what may have changed beyond what Last-Event-ID replays.
        if (on && dropped) void qc.invalidateQueries({ refetchType: 'active' })
        if (!on) dropped = true
      },
    })
    return () => ctl.abort()
  }, [qc, user.id])
  if (live === null) return null
  return (
    <span className={`live live--${live ? 'on' : 'off'}`} role="status" title={live ? tNow('live.onHint') : tNow('live.offHint')}>
      <span className="live__dot" aria-hidden="true" />
      {live ? tNow('live.on') : tNow('live.off')}
    </span>
  )
}
