// Toasts: short messages in a polite live region, gone after a few seconds.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react'
import { useT } from '../i18n/index.tsx'

export type ToastKind = 'info' | 'success' | 'error'
type Toast = { id: number; kind: ToastKind; text: string }
type Push = (text: string, kind?: ToastKind) => void

const ToastContext = createContext<Push>(() => {})

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const next = useRef(1)
  const t = useT()
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), [])
  const push = useCallback<Push>(
    (text, kind = 'info') => {
      const id = next.current++
      setToasts((ts) => [...ts.slice(-2), { id, kind, text }])
      setTimeout(() => dismiss(id), kind === 'error' ? 10000 : kind === 'success' ? 4000 : 7000)
    },
    [dismiss],
  )
  const value = useMemo(() => push, [push])
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((x) => (
          <div key={x.id} className={`toast toast--${x.kind}`} data-testid="toast">
            <span>{x.text}</span>
            <button type="button" className="toast__close" onClick={() => dismiss(x.id)} aria-label={t('common.dismiss')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  )
}

/** useToast gives push(text, kind). */
export function useToast(): Push {
  return useContext(ToastContext)
}
