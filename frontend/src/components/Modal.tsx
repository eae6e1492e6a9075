// A modal dialog: focus moves into it, Tab stays inside, Escape closes it and
// focus returns to where it was.
import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useT } from '../i18n/index.tsx'

type Props = { title: string; onClose: () => void; children: ReactNode; wide?: boolean }

/** The open dialogs, innermost last: only the innermost one answers Escape and Tab. */
const stack: HTMLElement[] = []

const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])'

export function Modal({ title, onClose, children, wide }: Props) {
  const id = useId()
  const ref = useRef<HTMLDivElement>(null)
  const t = useT()
  const closeRef = useRef(onClose)
  closeRef.current = onClose

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null
    const el = ref.current
    const first = el?.querySelector<HTMLElement>('[autofocus],input,select,textarea,button')
    ;(first ?? el)?.focus()
    if (el) stack.push(el)
    const onKey = (e: KeyboardEvent) => {
      if (el && stack[stack.length - 1] !== el) return
      if (e.key === 'Escape') {
        e.stopPropagation()
        closeRef.current()
      } else if (e.key === 'Tab' && el) {
        const items = Array.from(el.querySelectorAll<HTMLElement>(FOCUSABLE))
        if (items.length === 0) return
        const firstItem = items[0]
        const lastItem = items[items.length - 1]
        if (e.shiftKey && document.activeElement === firstItem) {
          e.preventDefault()
          lastItem?.focus()
        } else if (!e.shiftKey && document.activeElement === lastItem) {
          e.preventDefault()
          firstItem?.focus()
        }
      }
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      if (el) stack.splice(stack.indexOf(el), 1)
      before?.focus?.()
    }
  }, [])

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`modal${wide ? ' modal--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        tabIndex={-1}
      >
        <div className="modal__head">
          <h2 id={id}>{title}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  )
}
