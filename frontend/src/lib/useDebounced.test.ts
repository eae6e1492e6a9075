import { act, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useDebounced } from './useDebounced.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('useDebounced', () => {
  it('gives the value once it has stood still for the delay, and nothing before', () => {
    vi.useFakeTimers()
    const { result, rerender } = renderHook(({ v }) => useDebounced(v, 400), { initialProps: { v: 'a' } })
    expect(result.current).toBeUndefined()
    act(() => vi.advanceTimersByTime(399))
    expect(result.current).toBeUndefined()
    act(() => vi.advanceTimersByTime(1))
    expect(result.current).toBe('a')

    // Each change starts the wait again; only the last value comes through.
    rerender({ v: 'ab' })
    act(() => vi.advanceTimersByTime(300))
    rerender({ v: 'abc' })
    act(() => vi.advanceTimersByTime(300))
    expect(result.current).toBe('a')
    act(() => vi.advanceTimersByTime(100))
    expect(result.current).toBe('abc')
  })

  it('keeps a function as the value', () => {
    vi.useFakeTimers()
    const fn = () => 42
    const { result } = renderHook(() => useDebounced(fn, 10))
    act(() => vi.advanceTimersByTime(10))
    expect(result.current).toBe(fn)
  })
})
