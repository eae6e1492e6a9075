import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react'
import type { Role, User } from './api/types.ts'
import { useSummit } from './api/queries.ts'
import { useSession } from './auth/session.tsx'
import { ErrorBoundary } from './components/ErrorBoundary.tsx'
import { LanguageSwitch } from './components/LanguageSwitch.tsx'
import { LiveUpdates } from './components/LiveUpdates.tsx'
import { ProblemsBadge } from './components/ProblemsBadge.tsx'
import { Loading } from './components/State.tsx'
import { useI18n, type MessageKey } from './i18n/index.tsx'
import { useFormat } from './lib/format.ts'
import { Link, match, pathOf, searchParams, useLocation } from './lib/router.tsx'
import { AgendaPage } from './pages/Agenda.tsx'
import { DelegationPage } from './pages/Delegation.tsx'
import { Login } from './pages/Login.tsx'
import { NotFound } from './pages/NotFound.tsx'
import { RequestDetail } from './pages/RequestDetail.tsx'
import { RequestsPage } from './pages/Requests.tsx'

const Board = lazy(() => import('./pages/Board.tsx'))
const Scheduler = lazy(() => import('./pages/Scheduler.tsx'))
const Users = lazy(() => import('./pages/Users.tsx'))
const Delegations = lazy(() => import('./pages/Delegations.tsx'))
const Venues = lazy(() => import('./pages/Venues.tsx'))
const RoomDay = lazy(() => import('./pages/RoomDay.tsx'))
const Audit = lazy(() => import('./pages/Audit.tsx'))
const SummitSettings = lazy(() => import('./pages/SummitSettings.tsx'))
const Account = lazy(() => import('./pages/Account.tsx'))
const Problems = lazy(() => import('./pages/Problems.tsx'))
const Releases = lazy(() => import('./pages/Releases.tsx'))
const Notices = lazy(() => import('./pages/Notices.tsx'))
const Import = lazy(() => import('./pages/Import.tsx'))
const Accreditation = lazy(() => import('./pages/Accreditation.tsx'))
const Hotels = lazy(() => import('./pages/Hotels.tsx'))
const Gate = lazy(() => import('./pages/Gate.tsx'))
const Transport = lazy(() => import('./pages/Transport.tsx'))

const ORGANISERS: Role[] = ['admin', 'organiser']
const CHECKERS: Role[] = ['admin', 'organiser', 'gate']

type RouteDef = {
  pattern: string
  title: MessageKey
  roles?: Role[]
  render: (params: Record<string, string>, search: URLSearchParams, user: User) => ReactNode
}

const ROUTES: RouteDef[] = [
  {
    pattern: '/',
    title: 'nav.home',
    render: (_p, s, u) => (u.role === 'delegate' ? <AgendaPage search={s} /> : u.role === 'gate' ? <Gate search={s} /> : <Board search={s} />),
  },
  { pattern: '/gate', title: 'nav.gate', roles: CHECKERS, render: (_p, s) => <Gate search={s} /> },
  { pattern: '/accreditation', title: 'nav.accreditation', roles: ORGANISERS, render: () => <Accreditation /> },
  { pattern: '/hotels', title: 'nav.hotels', roles: ORGANISERS, render: () => <Hotels /> },
  { pattern: '/agenda', title: 'nav.agenda', render: (_p, s) => <AgendaPage search={s} /> },
  { pattern: '/delegation', title: 'nav.myDelegation', roles: ['delegate'], render: (_p, _s, u) => <DelegationPage id={u.delegation_id ?? ''} /> },
  { pattern: '/delegations/:id', title: 'nav.delegations', render: (p) => <DelegationPage id={p.id ?? ''} /> },
  { pattern: '/requests', title: 'nav.requests', render: () => <RequestsPage /> },
  { pattern: '/requests/:id', title: 'nav.requests', render: (p) => <RequestDetail id={p.id ?? ''} /> },
  { pattern: '/planning/board', title: 'nav.board', roles: ORGANISERS, render: (_p, s) => <Board search={s} /> },
  { pattern: '/planning/scheduler', title: 'nav.scheduler', roles: ORGANISERS, render: () => <Scheduler /> },
  { pattern: '/problems', title: 'nav.problems', roles: ORGANISERS, render: () => <Problems /> },
  { pattern: '/transport', title: 'nav.transport', roles: ORGANISERS, render: (_p, s) => <Transport search={s} /> },
  { pattern: '/releases', title: 'nav.releases', roles: ORGANISERS, render: () => <Releases /> },
  { pattern: '/notices', title: 'nav.notices', roles: ORGANISERS, render: () => <Notices /> },
  { pattern: '/delegations', title: 'nav.delegations', roles: ORGANISERS, render: () => <Delegations /> },
  { pattern: '/venues', title: 'nav.venues', roles: ORGANISERS, render: () => <Venues /> },
  { pattern: '/import', title: 'nav.import', roles: ORGANISERS, render: () => <Import /> },
  { pattern: '/rooms/:id', title: 'nav.roomDay', render: (p, s) => <RoomDay id={p.id ?? ''} search={s} /> },
  { pattern: '/admin/users', title: 'nav.users', roles: ['admin'], render: () => <Users /> },
  { pattern: '/summit', title: 'nav.summit', roles: ORGANISERS, render: () => <SummitSettings /> },
  { pattern: '/audit', title: 'nav.audit', roles: ORGANISERS, render: (_p, s) => <Audit search={s} /> },
  { pattern: '/account', title: 'nav.account', render: () => <Account /> },
]

type NavItem = { to: string; label: MessageKey; roles: Role[] }

const NAV: NavItem[] = [
  { to: '/planning/board', label: 'nav.board', roles: ORGANISERS },
  { to: '/agenda', label: 'nav.agenda', roles: ORGANISERS },
  { to: '/agenda', label: 'nav.myAgenda', roles: ['delegate'] },
  { to: '/delegation', label: 'nav.myDelegation', roles: ['delegate'] },
  { to: '/requests', label: 'nav.requests', roles: ['admin', 'organiser', 'delegate'] },
  { to: '/problems', label: 'nav.problems', roles: ORGANISERS },
  { to: '/releases', label: 'nav.releases', roles: ORGANISERS },
  { to: '/notices', label: 'nav.notices', roles: ORGANISERS },
  { to: '/planning/scheduler', label: 'nav.scheduler', roles: ORGANISERS },
  { to: '/delegations', label: 'nav.delegations', roles: ORGANISERS },
  { to: '/venues', label: 'nav.venues', roles: ORGANISERS },
  { to: '/transport', label: 'nav.transport', roles: ORGANISERS },
  { to: '/import', label: 'nav.import', roles: ORGANISERS },
  { to: '/accreditation', label: 'nav.accreditation', roles: ORGANISERS },
  { to: '/hotels', label: 'nav.hotels', roles: ORGANISERS },
  { to: '/gate', label: 'nav.gate', roles: CHECKERS },
  { to: '/summit', label: 'nav.summit', roles: ORGANISERS },
  { to: '/audit', label: 'nav.audit', roles: ORGANISERS },
  { to: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { to: '/account', label: 'nav.account', roles: ['admin', 'organiser', 'delegate', 'gate'] },
]

function resolve(location: string, user: User): { title: MessageKey | null; view: ReactNode } {
  const path = pathOf(location)
  const search = searchParams(location)
  for (const r of ROUTES) {
    const params = match(r.pattern, path)
    if (!params) continue
    if (r.roles && !r.roles.includes(user.role)) break
    return { title: r.title, view: r.render(params, search, user) }
  }
  return { title: null, view: <NotFound location={location} /> }
}

function Subtitle() {
  const summit = useSummit().data
  const f = useFormat()
  if (!summit) return null
  return (
    <p className="site-subtitle">
      {summit.name} · {summit.city} · {f.dayShort(summit.starts_on)} – {f.dayShort(summit.ends_on)} · {f.zoneLabel}
    </p>
  )
}

function Shell({ user }: { user: User }) {
  const { t } = useI18n()
  const { signOut } = useSession()
  const location = useLocation()
  const path = pathOf(location)
  // "/" shows the role's start page; its navigation entry is the current one.
  const home = { delegate: '/agenda', gate: '/gate' }[user.role as string] ?? '/planning/board'
  const current = path === '/' ? home : path
  const { title, view } = resolve(location, user)
  const firstRender = useRef(true)
  const pageTitle = `${title ? t(title) : t('notFound.title')} · ${t('app.name')}`

  useEffect(() => {
    document.title = pageTitle
  }, [pageTitle])

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    document.getElementById('page-heading')?.focus()
  }, [location])

  const items = NAV.filter((n) => n.roles.includes(user.role))
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <div className="container container--wide header-row">
          <div>
            <h1 className="site-title">
              <Link to="/">{t('app.name')}</Link>
            </h1>
            {user.role !== 'gate' && <Subtitle />}
          </div>
          <div className="user-box">
            {user.role !== 'gate' && <LiveUpdates user={user} />}
            {ORGANISERS.includes(user.role) && <ProblemsBadge />}
            <LanguageSwitch />
            <span className="user-box__name">
              {user.name} <span className="badge">{t(`role.${user.role}`)}</span>
            </span>
            <button type="button" className="button button--ghost" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
        <nav aria-label={t('nav.main')} className="site-nav container container--wide">
          <ul>
            {items.map((n) => (
              <li key={n.label}>
                <Link to={n.to} aria-current={current === n.to ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="container container--wide site-main" tabIndex={-1}>
        <ErrorBoundary resetKey={path} title={t('app.crashTitle')} text={t('app.crashText')} reload={t('app.reload')}>
          <Suspense fallback={<Loading />}>{view}</Suspense>
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <div className="container container--wide">
          <p>
            {t('app.footer')} · <a href="/api/docs">{t('app.apiDocs')}</a>
          </p>
        </div>
      </footer>
    </>
  )
}

/** App shows the sign-in page or, once signed in, the shell with the user's pages. */
export function App() {
  const { session } = useSession()
  const { t } = useI18n()
  if (session.status === 'loading') {
    return (
      <main id="main" className="container site-main">
        <Loading label={t('app.starting')} />
      </main>
    )
  }
  if (session.status === 'signedOut') return <Login />
  return <Shell user={session.user} />
}
