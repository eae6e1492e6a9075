import { ServerStatus } from '../components/ServerStatus.tsx'

/** Home is the landing page at "/". */
export function Home() {
  return (
    <>
      <h2 id="page-heading" tabIndex={-1}>
        Welcome
      </h2>
      <p className="lead">
        Summit Planner helps the protocol team plan the Astana SCO Summit: the delegations, their arrivals, the
        sessions and bilateral meetings, and the venues they use. The planning board is on its way; for now, the
        server's JSON API is ready to explore.
      </p>
      <div className="cards">
        <ServerStatus />
        <section className="card" aria-labelledby="api-heading">
          <h3 id="api-heading">API</h3>
          <p>Every endpoint, with its request and answer formats, is described in the API reference.</p>
          <p>
            {/* A full page load: /api/docs is served by the Go server, not by this app. */}
            <a className="button button--link" href="/api/docs">
              Open the API reference
            </a>
          </p>
        </section>
      </div>
    </>
  )
}
