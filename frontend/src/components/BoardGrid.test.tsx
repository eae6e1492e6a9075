import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Meeting } from '../api/types.ts'
import { buildRows, dayWindow } from '../lib/board.ts'
import { fakeServer, room, summit, venue } from '../test/fakeServer.ts'
import { renderWithProviders } from '../test/render.tsx'
import { BoardGrid, LABEL_W, LONG_PRESS_MS } from './BoardGrid.tsx'

afterEach(cleanup)

function meetingAt(i: number, roomId: string, startMin: number, len: number): Meeting {
  const start = Date.parse('2024-07-03T03:00:00Z') + startMin * 60000 // 08:00 Astana
  return {
    id: `m${i}`,
    title: `Meeting ${i}`,
    kind: i % 2 ? 'bilateral' : 'plenary',
    starts_at: new Date(start).toISOString(),
    ends_at: new Date(start + len * 60000).toISOString(),
    room_id: roomId,
    status: i % 7 === 0 ? 'draft' : 'confirmed',
    visibility: 'participants',
    languages: [],
    expected_attendance: 0,
    participants: [],
    allow: [],
    request_id: null,
    version: 1,
    created_at: '2024-06-01T00:00:00Z',
    updated_at: '2024-06-01T00:00:00Z',
  }
}

describe('the board grid', () => {
  it('marks a meeting with problems visibly and in its accessible name, and no other', () => {
    fakeServer({ 'GET /api/v1/summit': summit })
    const meetings = [meetingAt(1, 'r1', 60, 60), meetingAt(2, 'r1', 180, 60)]
    const rows = buildRows([venue('v1', 'Akorda')], [room('r1', 'v1', 'Hall')])
    const w = dayWindow('2024-07-03', 'Asia/Almaty', '08:00', '22:00', meetings)
    const problems = new Map([['m1', ['delegation_presence', 'room_capacity', 'delegation_presence']]])
    const { container } = renderWithProviders(
      <BoardGrid rows={rows} meetings={meetings} window={w} pxPerMin={2} step={5} onOpen={vi.fn()} onCreate={vi.fn()} onChange={vi.fn()} problems={problems} />,
    )
    const marked = container.querySelector<HTMLElement>('[data-meeting-id="m1"]')!
    expect(marked.getAttribute('aria-label')).toBe(
      '09:00–10:00 Meeting 1, Hall, Bilateral, Confirmed, has problems: Delegation not in town; Room too small',
    )
    expect(marked.querySelector('.block__problem')?.textContent).toBe('⚠')
    expect(marked.classList.contains('block--problem')).toBe(true)
    const clean = container.querySelector<HTMLElement>('[data-meeting-id="m2"]')!
    expect(clean.getAttribute('aria-label')).not.toMatch(/problems/)
    expect(clean.querySelector('.block__problem')).toBeNull()
  })

  it('keeps the DOM light with 60 rooms and 1,000 meetings, and puts blocks at their times', () => {
    fakeServer({ 'GET /api/v1/summit': summit })
    const venues = [venue('v1', 'Akorda'), venue('v2', 'Palace of Independence')]
    const rooms = Array.from({ length: 60 }, (_, i) => room(`r${i}`, i % 2 ? 'v2' : 'v1', `Room ${String(i).padStart(2, '0')}`))
    const meetings = Array.from({ length: 1000 }, (_, i) => meetingAt(i, `r${i % 60}`, Math.floor(i / 60) * 40, 30))
    const rows = buildRows(venues, rooms)
    const w = dayWindow('2024-07-03', 'Asia/Almaty', '08:00', '22:00', meetings)
    const onOpen = vi.fn()
    const { container } = renderWithProviders(
      <BoardGrid rows={rows} meetings={meetings} window={w} pxPerMin={2} step={5} onOpen={onOpen} onCreate={vi.fn()} onChange={vi.fn()} />,
    )
    const rendered = container.querySelectorAll('.board__row').length
    expect(rendered).toBeGreaterThan(0)
    expect(rendered).toBeLessThan(30)
    expect(container.querySelectorAll('.block').length).toBeLessThan(500)

    // Room 00 is the first room of Akorda; its first meeting starts at 08:00 Astana, one hour into the board (07:00).
    const first = container.querySelector<HTMLElement>('[data-meeting-id="m0"]')!
    expect(first.style.left).toBe(`${60 * 2}px`)
    expect(first.style.width).toBe(`${30 * 2}px`)
    expect(first.getAttribute('aria-label')).toMatch(/^08:00–08:30 Meeting 0, Room 00/)
    expect(container.querySelector<HTMLElement>('.board__row')!.style.width).toBe(`${LABEL_W + (w.endMin - w.startMin) * 2}px`)

    fireEvent.click(screen.getByRole('button', { name: / Meeting 0,/ }))
    expect(onOpen).toHaveBeenCalledWith(meetings[0])
  })

  it('moves a meeting with the keyboard by one snap step', () => {
    fakeServer({ 'GET /api/v1/summit': summit })
    const rows = buildRows([venue('v1', 'Akorda')], [room('r0', 'v1', 'Golden Hall')])
    const m = meetingAt(1, 'r0', 60, 45)
    const onChange = vi.fn()
    renderWithProviders(
      <BoardGrid rows={rows} meetings={[m]} window={dayWindow('2024-07-03', 'Asia/Almaty', '08:00', '22:00', [])} pxPerMin={2} step={15} onOpen={vi.fn()} onCreate={vi.fn()} onChange={onChange} />,
    )
    const block = screen.getByRole('button', { name: / Meeting 1,/ })
    fireEvent.keyDown(block, { key: 'ArrowRight', altKey: true })
    expect(onChange).toHaveBeenCalledWith(m, { starts_at: '2024-07-03T04:15:00Z', ends_at: '2024-07-03T05:00:00Z' })
    fireEvent.keyDown(block, { key: 'ArrowLeft', altKey: true, shiftKey: true })
    expect(onChange).toHaveBeenLastCalledWith(m, { starts_at: '2024-07-03T04:00:00Z', ends_at: '2024-07-03T04:30:00Z' })
  })
})

describe('dragging with a finger', () => {
  function setup() {
    fakeServer({ 'GET /api/v1/summit': summit })
    const rows = buildRows([venue('v1', 'Akorda')], [room('r0', 'v1', 'Golden Hall')])
    const m = meetingAt(1, 'r0', 60, 45) // 09:00–09:45 Astana
    const onChange = vi.fn()
    const onOpen = vi.fn()
    const view = renderWithProviders(
      <BoardGrid rows={rows} meetings={[m]} window={dayWindow('2024-07-03', 'Asia/Almaty', '08:00', '22:00', [])} pxPerMin={2} step={5} onOpen={onOpen} onCreate={vi.fn()} onChange={onChange} />,
    )
    const block = screen.getByRole('button', { name: / Meeting 1,/ })
    const board = view.container.querySelector<HTMLElement>('.board')!
    return { m, onChange, onOpen, block, board, container: view.container }
  }
  const touch = { pointerId: 7, pointerType: 'touch', isPrimary: true, button: 0 }
  /** touchMove is what the browser asks before it scrolls: true when the page let it scroll. */
  function scrolls(el: HTMLElement): boolean {
    const ev = new Event('touchmove', { bubbles: true, cancelable: true })
    el.dispatchEvent(ev)
    return !ev.defaultPrevented
  }

  afterEach(() => vi.useRealTimers())

  it('lifts a block after a long press, then drags it instead of scrolling', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { m, onChange, onOpen, block, container } = setup()
    fireEvent.pointerDown(block, { ...touch, clientX: 100, clientY: 20 })
    // Before the press is long enough the board still scrolls under the finger.
    expect(scrolls(block)).toBe(true)
    act(() => vi.advanceTimersByTime(LONG_PRESS_MS))
    expect(container.querySelector('.block--ghost')).toBeTruthy()
    expect(scrolls(block)).toBe(false)
    // 60 px at 2 px a minute: half an hour later.
    fireEvent.pointerMove(block, { ...touch, clientX: 130, clientY: 21 })
    fireEvent.pointerMove(block, { ...touch, clientX: 160, clientY: 21 })
    fireEvent.pointerUp(block, { ...touch, clientX: 160, clientY: 21 })
    fireEvent.click(block)
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(onChange).toHaveBeenCalledWith(m, { starts_at: '2024-07-03T04:30:00Z', ends_at: '2024-07-03T05:15:00Z' })
    expect(onOpen).not.toHaveBeenCalled()
    expect(container.querySelector('.block--ghost')).toBeNull()
    // Once the finger is up the board scrolls again.
    expect(scrolls(block)).toBe(true)
  })

  it('lets a quick swipe over a block scroll the board and moves nothing', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { onChange, block, container } = setup()
    fireEvent.pointerDown(block, { ...touch, clientX: 100, clientY: 20 })
    act(() => vi.advanceTimersByTime(80))
    fireEvent.pointerMove(block, { ...touch, clientX: 100, clientY: 60 })
    expect(container.querySelector('.block--ghost')).toBeNull()
    expect(scrolls(block)).toBe(true)
    // The browser took the gesture for scrolling; the press never turns into a lift.
    fireEvent.pointerCancel(block, touch)
    act(() => vi.advanceTimersByTime(1000))
    expect(container.querySelector('.block--ghost')).toBeNull()
    expect(scrolls(block)).toBe(true)
    fireEvent.pointerUp(block, { ...touch, clientX: 100, clientY: 160 })
    expect(onChange).not.toHaveBeenCalled()
  })

  it('opens the meeting on a quick tap, and a mouse still drags at once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { m, onChange, onOpen, block } = setup()
    fireEvent.pointerDown(block, { ...touch, clientX: 100, clientY: 20 })
    fireEvent.pointerUp(block, { ...touch, clientX: 100, clientY: 20 })
    fireEvent.click(block)
    expect(onOpen).toHaveBeenCalledWith(m)
    act(() => vi.advanceTimersByTime(LONG_PRESS_MS * 2))
    expect(onChange).not.toHaveBeenCalled()

    const mouse = { pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0 }
    fireEvent.pointerDown(block, { ...mouse, clientX: 100, clientY: 20 })
    fireEvent.pointerMove(block, { ...mouse, clientX: 130, clientY: 20 })
    fireEvent.pointerUp(block, { ...mouse, clientX: 130, clientY: 20 })
    expect(onChange).toHaveBeenCalledWith(m, { starts_at: '2024-07-03T04:15:00Z', ends_at: '2024-07-03T05:00:00Z' })
  })

  it('drops a dragged block where the pointer is let go, even past the last move drawn', () => {
    const { m, onChange, block } = setup()
    const mouse = { pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0 }
    fireEvent.pointerDown(block, { ...mouse, clientX: 100, clientY: 20 })
    fireEvent.pointerMove(block, { ...mouse, clientX: 110, clientY: 20 })
    // Let go 30 px (15 minutes) from the start, with no move event there first.
    fireEvent.pointerUp(block, { ...mouse, clientX: 130, clientY: 20 })
    expect(onChange).toHaveBeenCalledWith(m, { starts_at: '2024-07-03T04:15:00Z', ends_at: '2024-07-03T05:00:00Z' })
  })
})
