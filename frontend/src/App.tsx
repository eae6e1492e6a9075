import { useEffect, useRef, type ReactNode } from 'react'
import { Home } from './pages/Home.tsx'
import { NotFound } from './pages/NotFound.tsx'
import { Link, pathOf, useLocation } from './lib/router.tsx'

const APP_NAME = 'Summit Planner'

type Route = { title: string; view: ReactNode }

function route(location: string): Route {
  switch (pathOf(location)) {
    case '/':
      return { title: APP_NAME, view: <Home /> }
    default:
      return { title: `Page not found · ${APP_NAME}`, view: <NotFound location={location} /> }
  }
}

/** App is the shell: header, navigation, the current route's view and footer. */
export function App() {
  const location = useLocation()
  const path = pathOf(location)
  const { title, view } = route(location)
  const firstRender = useRef(true)

  useEffect(() => {
    document.title = title
  }, [title])

  // After an in-app navigation, move focus to the new view's heading so that
  // screen readers announce it; on the first load the browser's focus is kept.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    document.getElementById('page-heading')?.focus()
  }, [location])

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="container">
          <h1 className="site-title">
            <Link to="/">{APP_NAME}</Link>
          </h1>
          <p className="site-subtitle">Astana SCO Summit · 3–4 July 2024</p>
          <nav aria-label="Main" className="site-nav">
            <ul>
              <li>
                <Link to="/" aria-current={path === '/' ? 'page' : undefined}>
                  Home
                </Link>
              </li>
              <li>
                <a href="/api/docs">API reference</a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="container site-main" tabIndex={-1}>
        {view}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>Summit Planner · a planning tool for the protocol team</p>
        </div>
      </footer>
    </>
  )
}
