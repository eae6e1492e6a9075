import { Link } from '../lib/router.tsx'

/** NotFound is shown for every path the app does not know. */
export function NotFound({ location }: { location: string }) {
  return (
    <>
      <h2 id="page-heading" tabIndex={-1}>
        Page not found
      </h2>
      <p className="lead">
        There is no page at <code className="path">{location}</code>. The link may be out of date, or the page may
        not exist yet.
      </p>
      <p>
        <Link className="button button--link" to="/">
          Go to the home page
        </Link>
      </p>
    </>
  )
}
