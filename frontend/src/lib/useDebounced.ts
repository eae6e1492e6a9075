import { useEffect, useState } from 'react'

/**
 * useDebounced is value once it has stood still for ms: undefined until the
 * first value has, then the last value that did. Values compare with
 * Object.is, so pass a string (e.g. JSON) for a value rebuilt on every change.
 */
export function useDebounced<T>(value: T, ms: number): T | undefined {
  const [settled, setSettled] = useState<T>()
  useEffect(() => {
    // The function form stores value itself, even when it is a function.
    const timer = setTimeout(() => setSettled(() => value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}
