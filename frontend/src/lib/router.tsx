// A minimal client-side router on the History API: the current location is
// an external store that changes on popstate and on navigate().
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

const NAVIGATE_EVENT = 'summit:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

/** The current location as shown to people: path and query string. */
function getLocation(): string {
  return window.location.pathname + window.location.search
}

/** useLocation returns the current path and query string, e.g. "/planning?day=2024-07-04". */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, getLocation, () => '/')
}

/** pathOf returns the path part of a location, without query string or fragment. */
export function pathOf(location: string): string {
  const end = location.search(/[?#]/)
  return end === -1 ? location : location.slice(0, end)
}

/** navigate moves the app to another of its own paths without reloading the page. */
export function navigate(to: string): void {
  if (to === getLocation()) return
  window.history.pushState(null, '', to)
  window.scrollTo(0, 0)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string }

/**
 * Link is an anchor to one of the app's own paths. A plain click navigates
 * inside the app; modified clicks (new tab, new window) keep their usual meaning.
 */
export function Link({ to, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event)
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.altKey ||
      event.ctrlKey ||
      event.shiftKey ||
      (rest.target !== undefined && rest.target !== '_self')
    ) {
      return
    }
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={handleClick} {...rest} />
}

/** match reads a pattern like "/requests/:id" against a path; null when it does not fit. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean)
  const s = path.split('/').filter(Boolean)
  if (p.length !== s.length) return null
  const out: Record<string, string> = {}
  for (let i = 0; i < p.length; i++) {
    const a = p[i] ?? ''
    const b = s[i] ?? ''
    if (a.startsWith(':')) {
      try {
        out[a.slice(1)] = decodeURIComponent(b)
      } catch {
        return null
      }
    } else if (a !== b) return null
  }
  return out
}

/** searchParams gives the query string of a location. */
export function searchParams(location: string): URLSearchParams {
  const i = location.indexOf('?')
  return new URLSearchParams(i === -1 ? '' : location.slice(i + 1))
}

/** replaceQuery changes query parameters of the current location without a new history entry. */
export function replaceQuery(changes: Record<string, string | null>): void {
  const url = new URL(window.location.href)
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') url.searchParams.delete(k)
    else url.searchParams.set(k, v)
  }
  window.history.replaceState(null, '', url.pathname + url.search)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}
