// The board's grid: a scrolling viewport that renders only the rows in view,
// blocks absolutely positioned by time, and pointer dragging to move a block
// (also to another room) or to drag its edges. A mouse or pen drags at once;
// a finger must press and hold (LONG_PRESS_MS) first, so that a quick swipe
// over a block still scrolls the board.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import type { Meeting } from '../api/types.ts'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import {
  ROOM_ROW,
  dragResult,
  layoutBlocks,
  minutesFromStart,
  visibleRows,
  type Block,
  type DragMode,
  type Row,
  type TimeWindow,
} from '../lib/board.ts'
import { useFormat, type Format } from '../lib/format.ts'
import { Link } from '../lib/router.tsx'
import { minutesToHHMM, snap } from '../lib/time.ts'
import { useLocalName } from '../lib/names.ts'

export type MeetingChange = { starts_at: string; ends_at: string; room_id?: string }

/** Proposed is a scheduler placement shown on the board before it is booked. */
export type Proposed = { id: string; room_id: string; starts_at: string; ends_at: string; title: string }

type Props = {
  rows: Row[]
  meetings: Meeting[]
  window: TimeWindow
  pxPerMin: number
  step: number
  onOpen: (m: Meeting) => void
  onCreate: (roomId: string, minute: number) => void
  onChange: (m: Meeting, change: MeetingChange) => void
  /** onRunningLate opens "running late" for a room */
  onRunningLate?: (roomId: string) => void
  /** a proposal's placements, drawn dashed and not movable */
  proposed?: Proposed[]
  /** the rules each meeting (by id) now breaks: its block is marked */
  problems?: ReadonlyMap<string, readonly string[]>
}

export const LABEL_W = 190
const LABEL_W_NARROW = 112

/** useLabelWidth: a narrower room column on phones. */
function useLabelWidth(): number {
  const query = '(max-width: 40rem)'
  const [narrow, setNarrow] = useState(() => typeof window.matchMedia === 'function' && window.matchMedia(query).matches)
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return
    const mq = window.matchMedia(query)
    const on = () => setNarrow(mq.matches)
    mq.addEventListener('change', on)
    return () => mq.removeEventListener('change', on)
  }, [])
  return narrow ? LABEL_W_NARROW : LABEL_W
}
const HEADER_H = 36
const BLOCK_PAD = 4
/** How long a finger rests on a block before it lifts for dragging. */
export const LONG_PRESS_MS = 300
/** How far (px) a finger may wander during the press and still lift the block; beyond it, it is a swipe. */
const TOUCH_SLOP = 8

type Drag = {
  meeting: Meeting
  mode: DragMode
  x0: number
  y0: number
  moved: boolean
  pointerId: number
  /** false while a finger is still pressing (not yet a drag); true for a mouse or pen at once */
  active: boolean
  timer?: ReturnType<typeof setTimeout>
}

type Preview = { id: string; starts_at: string; ends_at: string; roomId: string | null }

export function BoardGrid({ rows, meetings, window: w, pxPerMin, step, onOpen, onCreate, onChange, onRunningLate, proposed = [], problems }: Props) {
  const t = useT()
  const ln = useLocalName()
  const f = useFormat()
  const viewport = useRef<HTMLDivElement>(null)
  const body = useRef<HTMLDivElement>(null)
  const drag = useRef<Drag | null>(null)
  const suppressClick = useRef(false)
  const suppressTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const [scroll, setScroll] = useState({ top: 0, height: 800 })
  const [preview, setPreview] = useState<Preview | null>(null)
  const labelW = useLabelWidth()

  const trackWidth = (w.endMin - w.startMin) * pxPerMin
  const totalHeight = rows.reduce((h, r) => h + r.height, 0)

  const byRoom = useMemo(() => {
    const map = new Map<string, Meeting[]>()
    for (const m of meetings) {
      const k = m.room_id ?? ''
      const list = map.get(k)
      if (list) list.push(m)
      else map.set(k, [m])
    }
    return map
  }, [meetings])

  useEffect(() => {
    const el = viewport.current
    if (!el) return
    let frame = 0
    const update = () => {
      frame = 0
      setScroll({ top: Math.max(0, el.scrollTop - HEADER_H), height: el.clientHeight })
    }
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update)
    }
    update()
    el.addEventListener('scroll', onScroll, { passive: true })
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(update) : null
    ro?.observe(el)
    return () => {
      el.removeEventListener('scroll', onScroll)
      ro?.disconnect()
      if (frame) cancelAnimationFrame(frame)
    }
  }, [])

  // Once a finger has lifted a block, its moves drag the block instead of
  // scrolling the board. Only a non-passive native listener can say so
  // (React's touch listeners are passive); before the lift, and for swipes,
  // the browser scrolls as usual (touch-action: manipulation on the blocks).
  useEffect(() => {
    const el = viewport.current
    if (!el) return
    const onTouchMove = (e: TouchEvent) => {
      if (drag.current?.active && e.cancelable) e.preventDefault()
    }
    el.addEventListener('touchmove', onTouchMove, { passive: false })
    return () => el.removeEventListener('touchmove', onTouchMove)
  }, [])

  useEffect(
    () => () => {
      clearTimeout(drag.current?.timer)
      clearTimeout(suppressTimer.current)
    },
    [],
  )

  const blocksByRoom = useMemo(() => {
    const map = new Map<string, Block[]>()
    for (const [roomId, list] of byRoom) map.set(roomId, layoutBlocks(list, w, pxPerMin))
    return map
  }, [byRoom, w, pxPerMin])

  const proposedByRoom = useMemo(() => {
    const map = new Map<string, Proposed[]>()
    for (const p of proposed) map.set(p.room_id, [...(map.get(p.room_id) ?? []), p])
    return map
  }, [proposed])

  const inView = visibleRows(rows, scroll.top, scroll.height)
  const roomRows = useMemo(() => rows.filter((r) => r.type === 'room'), [rows])

  function roomAt(clientY: number): string | null | undefined {
    const el = body.current
    if (!el) return undefined
    const y = clientY - el.getBoundingClientRect().top
    const row = roomRows.find((r) => y >= r.top && y < r.top + r.height)
    if (!row || row.type !== 'room') return undefined
    return row.room ? row.room.id : null
  }

  /** swallowClick: the click that follows a drag (or a finger's lift) must not open the meeting. */
  function swallowClick(ms: number) {
    suppressClick.current = true
    clearTimeout(suppressTimer.current)
    suppressTimer.current = setTimeout(() => (suppressClick.current = false), ms)
  }

  function startDrag(e: PointerEvent<HTMLElement>, meeting: Meeting, mode: DragMode) {
    // Left button only; a second finger does not take over a drag.
    if (e.button !== 0 || (e.pointerType === 'touch' && !e.isPrimary)) return
    e.stopPropagation()
    clearTimeout(drag.current?.timer)
    const target = e.currentTarget.closest('.block') as HTMLElement | null
    const d: Drag = { meeting, mode, x0: e.clientX, y0: e.clientY, moved: false, pointerId: e.pointerId, active: false }
    drag.current = d
    if (e.pointerType === 'touch') {
      // Wait: a finger that stays put lifts the block; one that moves is scrolling.
      d.timer = setTimeout(() => {
        if (drag.current !== d) return
        d.active = true
        swallowClick(1000)
        setPreview({ id: meeting.id, starts_at: meeting.starts_at, ends_at: meeting.ends_at, roomId: meeting.room_id })
        navigator.vibrate?.(15)
      }, LONG_PRESS_MS)
      return
    }
    d.active = true
    try {
      target?.setPointerCapture?.(e.pointerId)
    } catch {
      /* the pointer is gone already */
    }
  }

  function moveDrag(e: PointerEvent<HTMLElement>) {
    const d = drag.current
    if (!d || d.pointerId !== e.pointerId) return
    const dx = e.clientX - d.x0
    const dy = e.clientY - d.y0
    if (!d.active) {
      // Still pressing: a finger that wanders off is a swipe; let the board scroll.
      if (Math.hypot(dx, dy) > TOUCH_SLOP) {
        clearTimeout(d.timer)
        drag.current = null
      }
      return
    }
    if (!d.moved && Math.abs(dx) < 4 && Math.abs(dy) < 4) return
    d.moved = true
    setPreview(previewAt(d, e))
  }

  /** previewAt is where the dragged meeting would go with the pointer at e. */
  function previewAt(d: Drag, e: PointerEvent<HTMLElement>): Preview {
    const next = dragResult(d.meeting, d.mode, (e.clientX - d.x0) / pxPerMin, step)
    let roomId = d.meeting.room_id
    if (d.mode === 'move') {
      const r = roomAt(e.clientY)
      if (r) roomId = r
    }
    return { id: d.meeting.id, ...next, roomId }
  }

  function endDrag(e: PointerEvent<HTMLElement>) {
    const d = drag.current
    if (!d || d.pointerId !== e.pointerId) return
    clearTimeout(d.timer)
    drag.current = null
    setPreview(null)
    if (!d.active || !d.moved) return
    // Where the pointer was let go, not the last preview drawn (a move may not have been rendered yet).
    const p = previewAt(d, e)
    swallowClick(e.pointerType === 'touch' ? 1000 : 0)
    const m = d.meeting
    const change: MeetingChange = { starts_at: p.starts_at, ends_at: p.ends_at }
    if (p.roomId && p.roomId !== m.room_id) change.room_id = p.roomId
    if (change.starts_at === m.starts_at && change.ends_at === m.ends_at && !change.room_id) return
    onChange(m, change)
  }

  function cancelDrag() {
    clearTimeout(drag.current?.timer)
    drag.current = null
    setPreview(null)
  }

  function onBlockKey(e: KeyboardEvent<HTMLElement>, m: Meeting) {
    if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return
    e.preventDefault()
    const dir = e.key === 'ArrowLeft' ? -1 : 1
    onChange(m, dragResult(m, e.shiftKey ? 'end' : 'move', dir * step, step))
  }

  function onTrackDoubleClick(e: React.MouseEvent<HTMLDivElement>, roomId: string | null) {
    if (!roomId || e.target !== e.currentTarget) return
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left
    const minute = snap(w.startMin + x / pxPerMin, 15)
    onCreate(roomId, minute)
  }

  const hours: number[] = []
  for (let m = w.startMin; m <= w.endMin; m += 60) hours.push(m)
  const gridStyle = {
    backgroundSize: `${30 * pxPerMin}px 100%`,
  }

  const ghost = preview ? renderGhost(preview) : null
  function renderGhost(p: Preview) {
    const row = rows.find((r) => r.type === 'room' && (r.room?.id ?? null) === p.roomId)
    const m = meetings.find((x) => x.id === p.id)
    if (!row || !m) return null
    const left = labelW + minutesFromStart(p.starts_at, w) * pxPerMin
    const width = Math.max(4, ((Date.parse(p.ends_at) - Date.parse(p.starts_at)) / 60000) * pxPerMin)
    return (
      <div
        className={`block block--ghost kind-${m.kind}`}
        style={{ left, width, top: row.top + BLOCK_PAD, height: ROOM_ROW - 2 * BLOCK_PAD }}
        aria-hidden="true"
      >
        <span className="block__time">
          {f.time(p.starts_at)}–{f.time(p.ends_at)}
        </span>
      </div>
    )
  }

  return (
    <div
      ref={viewport}
      className="board"
      role="region"
      aria-label={t('board.gridLabel')}
      tabIndex={0}
    >
      <div className="board__inner" style={{ width: labelW + trackWidth, height: HEADER_H + totalHeight }}>
        <div className="board__header" style={{ width: labelW + trackWidth, height: HEADER_H }}>
          <div className="board__corner" style={{ width: labelW }}>
            {f.zoneLabel}
          </div>
          <div className="board__ticks" style={{ width: trackWidth }}>
            {hours.map((m) => (
              <span key={m} className="board__tick" style={{ left: (m - w.startMin) * pxPerMin }}>
                {minutesToHHMM(m)}
              </span>
            ))}
          </div>
        </div>
        <div ref={body} className="board__body" style={{ height: totalHeight }}>
          {inView.map((row) =>
            row.type === 'venue' ? (
              <div key={row.key} className="board__venue" style={{ top: row.top, height: row.height, width: labelW + trackWidth }}>
                <span className="board__venue-name">{ln(row.venue)}</span>
              </div>
            ) : (
              <div
                key={row.key}
                className="board__row"
                style={{ top: row.top, height: row.height, width: labelW + trackWidth }}
                data-room={row.room?.id ?? ''}
              >
                <div className="board__label" style={{ width: labelW }}>
                  {row.room ? (
                    <>
                      <Link className="board__room" to={`/rooms/${encodeURIComponent(row.room.id)}?day=${w.day}`}>
                        {ln(row.room)}
                      </Link>
                      <span className="board__sub">
                        <span className="board__cap">{t('board.seats', { n: row.room.capacity })}</span>
                        {onRunningLate && (
                          <button
                            type="button"
                            className="board__late"
                            aria-label={t('late.forRoom', { room: ln(row.room) })}
                            title={t('late.forRoom', { room: ln(row.room) })}
                            onClick={() => row.room && onRunningLate(row.room.id)}
                          >
                            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                              <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
                              <path d="M8 4v4.5l3 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
                            </svg>
                          </button>
                        )}
                      </span>
                    </>
                  ) : (
                    <span className="board__room">{t('board.noRoom')}</span>
                  )}
                </div>
                <div
                  className="board__track"
                  style={{ width: trackWidth, ...gridStyle }}
                  onDoubleClick={(e) => onTrackDoubleClick(e, row.room?.id ?? null)}
                >
                  {(blocksByRoom.get(row.room?.id ?? '') ?? []).map((b) => (
                    <BlockView
                      key={b.meeting.id}
                      block={b}
                      dragging={preview?.id === b.meeting.id}
                      onPointerDown={startDrag}
                      onPointerMove={moveDrag}
                      onPointerUp={endDrag}
                      onPointerCancel={cancelDrag}
                      onClick={(m) => {
                        if (!suppressClick.current) onOpen(m)
                      }}
                      onKeyDown={onBlockKey}
                      roomName={row.room ? ln(row.room) : t('board.noRoom')}
                      format={f}
                      problems={problems?.get(b.meeting.id)}
                    />
                  ))}
                  {(proposedByRoom.get(row.room?.id ?? '') ?? []).map((p) => {
                    const left = minutesFromStart(p.starts_at, w) * pxPerMin
                    const time = `${f.time(p.starts_at)}–${f.time(p.ends_at)}`
                    return (
                      <div
                        key={p.id}
                        className="block block--proposed kind-bilateral"
                        style={{
                          left,
                          width: Math.max(4, minutesFromStart(p.ends_at, w) * pxPerMin - left),
                          top: BLOCK_PAD,
                          height: ROOM_ROW - 2 * BLOCK_PAD,
                        }}
                        role="note"
                        aria-label={t('board.proposedBlock', { time, title: p.title })}
                        title={t('board.proposedBlock', { time, title: p.title })}
                        data-request-id={p.id}
                      >
                        <span className="block__time">{time}</span> <span className="block__title">{p.title}</span>
                      </div>
                    )
                  })}
                </div>
              </div>
            ),
          )}
          {ghost}
        </div>
      </div>
    </div>
  )
}

type BlockProps = {
  block: Block
  format: Format
  dragging: boolean
  roomName: string
  onPointerDown: (e: PointerEvent<HTMLElement>, m: Meeting, mode: DragMode) => void
  onPointerMove: (e: PointerEvent<HTMLElement>) => void
  onPointerUp: (e: PointerEvent<HTMLElement>) => void
  onPointerCancel: () => void
  onClick: (m: Meeting) => void
  onKeyDown: (e: KeyboardEvent<HTMLElement>, m: Meeting) => void
  problems?: readonly string[] | undefined
}

function BlockView({ block, format: f, dragging, roomName, onPointerDown, onPointerMove, onPointerUp, onPointerCancel, onClick, onKeyDown, problems = [] }: BlockProps) {
  const t = useT()
  const m = block.meeting
  const inner = ROOM_ROW - 2 * BLOCK_PAD
  const height = inner / block.lanes
  const time = `${f.time(m.starts_at)}–${f.time(m.ends_at)}`
  const rules = [...new Set(problems)].map((r) => label(t, 'rule', r)).join('; ')
  const details = `${roomName}, ${label(t, 'kind', m.kind)}, ${label(t, 'status', m.status)}${rules ? `, ${t('board.hasProblems', { rules })}` : ''}`
  // The accessible name starts with the visible text (time, then title); the tooltip leads with the title.
  const name = `${time} ${m.title}, ${details}`
  const text = `${m.title}, ${time}, ${details}`
  return (
    <button
      type="button"
      className={`block kind-${m.kind} status-${m.status}${dragging ? ' block--dragging' : ''}${block.width < 70 ? ' block--narrow' : ''}${rules ? ' block--problem' : ''}`}
      style={{ left: block.left, width: block.width, top: BLOCK_PAD + block.lane * height, height }}
      aria-label={name}
      title={text}
      data-meeting-id={m.id}
      onPointerDown={(e) => onPointerDown(e, m, 'move')}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onContextMenu={(e) => {
        // A long press is a lift, not a request for the browser's menu.
        if (dragging) e.preventDefault()
      }}
      onClick={() => onClick(m)}
      onKeyDown={(e) => onKeyDown(e, m)}
    >
      <span className="block__handle block__handle--start" aria-hidden="true" onPointerDown={(e) => onPointerDown(e, m, 'start')} />
      {rules && (
        <span className="block__problem" aria-hidden="true">
          ⚠
        </span>
      )}
      <span className="block__time">{time}</span> <span className="block__title">{m.title}</span>
      <span className="block__handle block__handle--end" aria-hidden="true" onPointerDown={(e) => onPointerDown(e, m, 'end')} />
    </button>
  )
}
