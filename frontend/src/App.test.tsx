import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from './App.tsx'

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function visit(location: string) {
  window.history.replaceState(null, '', location)
  return render(<App />)
}

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => answer(200, { status: 'ok' }))
  vi.stubGlobal('fetch', fetchMock)
  window.scrollTo = vi.fn()
})

afterEach(() => {
  cleanup()
  window.history.replaceState(null, '', '/')
})

describe('shell', () => {
  it('has the landmarks, the title and the subtitle on every page', () => {
    visit('/somewhere')
    const banner = screen.getByRole('banner')
    expect(within(banner).getByRole('heading', { level: 1, name: 'Summit Planner' })).toBeTruthy()
    expect(within(banner).getByText('Astana SCO Summit · 3–4 July 2024')).toBeTruthy()
    expect(within(banner).getByRole('navigation', { name: 'Main' })).toBeTruthy()
    expect(screen.getByRole('main')).toBeTruthy()
    expect(screen.getByRole('contentinfo')).toBeTruthy()
  })
})

describe('home', () => {
  it('describes the app, links to the API reference and shows the server as ok', async () => {
    visit('/')
    const main = screen.getByRole('main')
    expect(within(main).getByRole('heading', { level: 2, name: 'Welcome' })).toBeTruthy()
    expect(main.textContent).toContain('Astana SCO Summit')
    expect(within(main).getByRole('link', { name: 'Open the API reference' }).getAttribute('href')).toBe('/api/docs')
    expect(screen.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page')
    expect(screen.queryByText('Page not found')).toBeNull()
    expect(document.title).toBe('Summit Planner')

    expect(await screen.findByText('Server: ok')).toBeTruthy()
    expect(screen.getByRole('status').getAttribute('data-health')).toBe('ok')
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/healthz')
  })

  it('shows the server as unreachable when the request fails, and checks again on demand', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    visit('/')
    expect(await screen.findByText('Server unreachable')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Check again' }))
    expect(await screen.findByText('Server: ok')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Check again' })).toBeNull()
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it.each([
    ['an error status', () => answer(503, { status: 'ok' })],
    ['an unexpected body', () => answer(200, { status: 'starting' })],
    ['a body that is not JSON', () => new Response('<html>', { status: 200 })],
  ])('shows the server as unreachable on %s', async (_, make) => {
    fetchMock.mockImplementation(async () => make())
    visit('/')
    expect(await screen.findByText('Server unreachable')).toBeTruthy()
  })

  it('gives up on a server that does not answer', async () => {
    vi.useFakeTimers()
    try {
      fetchMock.mockImplementation(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
          }),
      )
      visit('/')
      expect(screen.getByText('Checking the server…')).toBeTruthy()
      await act(async () => {
        await vi.advanceTimersByTimeAsync(5000)
      })
      expect(screen.getByText('Server unreachable')).toBeTruthy()
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('not found', () => {
  it('renders for an unknown deep link, showing the path and a link home', () => {
    visit('/planning/board?day=2024-07-04')
    const main = screen.getByRole('main')
    expect(within(main).getByRole('heading', { level: 2, name: 'Page not found' })).toBeTruthy()
    expect(within(main).getByText('/planning/board?day=2024-07-04')).toBeTruthy()
    expect(within(main).getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe('/')
    expect(screen.queryByText('Welcome')).toBeNull()
    expect(document.title).toBe('Page not found · Summit Planner')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('navigates home in the app, without a page load, and back again', async () => {
    visit('/nope')
    fireEvent.click(screen.getByRole('link', { name: 'Go to the home page' }))
    expect(window.location.pathname).toBe('/')
    expect(screen.getByRole('heading', { level: 2, name: 'Welcome' })).toBeTruthy()
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Welcome' }))
    expect(await screen.findByText('Server: ok')).toBeTruthy()

    act(() => {
      window.history.back()
    })
    expect(await screen.findByRole('heading', { level: 2, name: 'Page not found' })).toBeTruthy()
    expect(window.location.pathname).toBe('/nope')
  })

  it('leaves modified clicks to the browser', () => {
    visit('/nope')
    const link = screen.getByRole('link', { name: 'Go to the home page' })
    fireEvent.click(link, { ctrlKey: true })
    expect(window.location.pathname).toBe('/nope')
    expect(screen.getByRole('heading', { level: 2, name: 'Page not found' })).toBeTruthy()
  })
})
