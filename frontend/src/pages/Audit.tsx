import { useMemo, useState, type ReactNode } from 'react'
import { useAudit, useUsers, type AuditFilter } from '../api/queries.ts'
import type { AuditEntry, User } from '../api/types.ts'
import { useUser } from '../auth/session.tsx'
import { SelectField, TextField } from '../components/Field.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useT, type Translate } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { useFormat, type Format } from '../lib/format.ts'
import { Link } from '../lib/router.tsx'

/** The kinds of record the server writes audit entries for (domain.Audit calls). */
export const ENTITY_TYPES = ['meeting', 'bilateral_request', 'proposal', 'delegation', 'member', 'venue', 'room', 'summit', 'user'] as const

// Bookkeeping fields every snapshot has; a change in them alone says nothing.
const BOOKKEEPING = new Set(['version', 'updated_at', 'created_at'])
const NAME_FIELDS = ['name', 'title', 'full_name', 'code', 'email']
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
const SHOWN_CHANGES = 4

type Snapshot = Record<string, unknown>

function asObject(v: unknown): Snapshot | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Snapshot) : null
}

/** recordName finds what people call the record in its snapshots ("Golden Hall", "Talks: …"). */
function recordName(e: AuditEntry): string | null {
  for (const snap of [asObject(e.after), asObject(e.before)]) {
    if (!snap) continue
    for (const k of NAME_FIELDS) {
      const v = snap[k]
      if (typeof v === 'string' && v.trim() !== '') return v
    }
  }
  return null
}

/** valueText shows one snapshot value briefly: instants in the summit's zone, long values cut. */
function valueText(v: unknown, f: Format): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'string') return INSTANT.test(v) ? f.dateTime(v) : cut(v)
  if (typeof v === 'number') return f.number(v)
  if (typeof v === 'boolean') return String(v)
  return cut(JSON.stringify(v))
}

/** shortId: the tail of an id (UUIDv7s made close together share their head). */
function shortId(id: string): string {
  return id.length > 10 ? `…${id.slice(-8)}` : id
}

function cut(s: string): string {
  return s.length > 60 ? `${s.slice(0, 59)}…` : s
}

type Change = { key: string; from?: unknown; to: unknown }

/** changesOf lists what an entry changed: the differing fields of before and after, or the facts of a new snapshot. */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = asObject(before)
  const a = asObject(after)
  if (b && a) {
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !BOOKKEEPING.has(k))
    return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ key: k, from: b[k], to: a[k] }))
  }
  // A small fact sheet (a sign-in's client, what the demo seed loaded) is worth showing; a whole new record is not.
  if (a && !b) {
    const entries = Object.entries(a)
    if (entries.length <= 4 && entries.every(([, v]) => v === null || typeof v !== 'object')) {
      return entries.map(([k, v]) => ({ key: k, to: v }))
    }
  }
  return []
}

function Changes({ entry, f, t }: { entry: AuditEntry; f: Format; t: Translate }) {
  const changes = changesOf(entry.before, entry.after)
  if (changes.length === 0) {
    return entry.before && entry.after ? <p className="muted">{t('audit.noChange')}</p> : null
  }
  const shown = changes.slice(0, SHOWN_CHANGES)
  const rest = changes.length - shown.length
  return (
    <ul className="audit-changes">
      {shown.map((c) => (
        <li key={c.key}>
          <code>{c.key}</code>:{' '}
          {'from' in c ? (
            <>
              <del>{valueText(c.from, f)}</del> → <ins>{valueText(c.to, f)}</ins>
            </>
          ) : (
            valueText(c.to, f)
          )}
        </li>
      ))}
      {rest > 0 && <li className="muted">{t('audit.more', { n: rest })}</li>}
    </ul>
  )
}

/** Data shows an entry's snapshots on request; they are only rendered once opened. */
function Data({ entry, t }: { entry: AuditEntry; t: Translate }) {
  const [open, setOpen] = useState(false)
  if (entry.before === null && entry.after === null) return null
  return (
    <details className="audit-data" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('audit.showData')}</summary>
      {open && (
        <div className="audit-data__body">
          {entry.before !== null && (
            <div>
              <h4>{t('audit.before')}</h4>
              <pre>{JSON.stringify(entry.before, null, 2)}</pre>
            </div>
          )}
          {entry.after !== null && (
            <div>
              <h4>{t('audit.after')}</h4>
              <pre>{JSON.stringify(entry.after, null, 2)}</pre>
            </div>
          )}
        </div>
      )}
    </details>
  )
}

/** actionText names what an entry did; a failed sign-in names the email it was tried with. */
function actionText(e: AuditEntry, t: Translate): string {
  const email = asObject(e.after)?.email
  if (e.action === 'login_failed' && typeof email === 'string' && email !== '') return t('audit.failedSignInFor', { email })
  return label(t, 'auditAction', e.action)
}

/** recordLink: the page that shows a record, where the app has one. */
function recordLink(e: AuditEntry): string | null {
  const id = encodeURIComponent(e.entity_id)
  if (e.action === 'delete') return null
  if (e.entity_type === 'delegation') return `/delegations/${id}`
  if (e.entity_type === 'bilateral_request') return `/requests/${id}`
  if (e.entity_type === 'room') return `/rooms/${id}`
  if (e.entity_type === 'summit') return '/summit'
  return null
}

function filterFrom(search: URLSearchParams): AuditFilter {
  const out: AuditFilter = {}
  for (const k of ['entity_type', 'entity_id', 'actor_id'] as const) {
    const v = search.get(k)
    if (v) out[k] = v
  }
  return out
}

/**
 * Audit: the audit trail (admins, organisers), newest first. The server
 * filters and pages it; "Load more" follows its cursor.
 */
export default function Audit({ search }: { search: URLSearchParams }) {
  const t = useT()
  const f = useFormat()
  const me = useUser()
  // A link may open the trail already filtered (?entity_type=&entity_id=&actor_id=).
  const [filter, setFilter] = useState<AuditFilter>(() => filterFrom(search))
  const [entityId, setEntityId] = useState(filter.entity_id ?? '')
  const audit = useAudit(filter)
  const users = useUsers(me.role === 'admin')

  const userName = useMemo(() => {
    const byId = new Map<string, User>((users.data ?? []).map((u) => [u.id, u]))
    return (id: string): string | null => {
      if (id === me.id) return t('audit.you', { name: me.name })
      return byId.get(id)?.name ?? null
    }
  }, [users.data, me.id, me.name, t])
  const actorName = (id: string | null, name?: string | null) =>
    id === null ? t('audit.system') : (userName(id) ?? name ?? t('audit.user', { id: shortId(id) }))

  const actorOptions = [
    { value: '', label: t('audit.anyone') },
    { value: me.id, label: t('audit.you', { name: me.name }) },
    ...(users.data ?? [])
      .filter((u) => u.id !== me.id)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
  ]
  if (filter.actor_id && !actorOptions.some((o) => o.value === filter.actor_id)) {
    actorOptions.push({ value: filter.actor_id, label: actorName(filter.actor_id) })
  }

  const apply = (next: AuditFilter) => {
    const clean: AuditFilter = {}
    for (const [k, v] of Object.entries(next) as [keyof AuditFilter, string | undefined][]) if (v?.trim()) clean[k] = v.trim()
    setFilter(clean)
    setEntityId(clean.entity_id ?? '')
  }
  const filtered = Object.keys(filter).length > 0
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? []

  const columns: { key: string; label: string; cell: (e: AuditEntry) => ReactNode }[] = [
    // A failed sign-in is nobody's action (not the account owner's): no "who", the email in the action.
    { key: 'actor', label: t('audit.actor'), cell: (e) => (e.action === 'login_failed' ? '—' : actorName(e.actor_id, e.actor_name)) },
    { key: 'action', label: t('audit.action'), cell: (e) => actionText(e, t) },
    {
      key: 'entity',
      label: t('audit.entity'),
      cell: (e) => {
        const kind = label(t, 'entity', e.entity_type)
        const name = recordName(e) ?? (e.entity_type === 'user' ? userName(e.entity_id) : null)
        const to = recordLink(e)
        const title = name ?? (e.entity_type === 'summit' ? null : e.entity_id)
        const own = filter.entity_type === e.entity_type && filter.entity_id === e.entity_id
        return (
          <div className="audit-record">
            <span className="audit-record__kind">{kind}</span>
            {title && (to ? <Link to={to}>{title}</Link> : <span className={name ? undefined : 'audit-record__id'}>{title}</span>)}
            {!own && (
              <button
                type="button"
                className="button button--small button--secondary"
                aria-label={t('audit.historyOf', { name: `${kind} ${title ?? ''}`.trim() })}
                onClick={() => apply({ ...filter, entity_type: e.entity_type, entity_id: e.entity_id })}
              >
                {t('audit.history')}
              </button>
            )}
          </div>
        )
      },
    },
    {
      key: 'details',
      label: t('audit.details'),
      cell: (e) => (
        <>
          <Changes entry={e} f={f} t={t} />
          <Data entry={e} t={t} />
        </>
      ),
    },
  ]

  return (
    <section>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p className="lead">{t('audit.intro')}</p>
      <form
        className="audit-filters"
        aria-label={t('audit.filters')}
        onSubmit={(e) => {
          e.preventDefault()
          apply({ ...filter, entity_id: entityId })
        }}
      >
        <SelectField
          label={t('audit.entityType')}
          value={filter.entity_type ?? ''}
          onChange={(e) => apply({ ...filter, entity_type: e.target.value, entity_id: entityId })}
          options={[
            { value: '', label: t('audit.anyType') },
            ...ENTITY_TYPES.map((k) => ({ value: k, label: label(t, 'entity', k) })),
          ]}
        />
        <TextField
          label={t('audit.entityId')}
          value={entityId}
          onChange={(e) => setEntityId(e.target.value)}
          hint={t('audit.entityIdHint')}
          spellCheck={false}
          autoComplete="off"
        />
        <SelectField
          label={t('audit.actor')}
          value={filter.actor_id ?? ''}
          onChange={(e) => apply({ ...filter, actor_id: e.target.value, entity_id: entityId })}
          options={actorOptions}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('audit.apply')}
          </button>
          {(filtered || entityId) && (
            <button type="button" className="button button--secondary" onClick={() => apply({})}>
              {t('audit.clear')}
            </button>
          )}
        </div>
      </form>
      <p className="muted small">{t('agenda.timesIn', { zone: f.zoneLabel })}</p>
      {audit.isPending ? (
        <Loading />
      ) : audit.data === undefined ? (
        <ErrorView error={audit.error} retry={() => void audit.refetch()} />
      ) : (
        <>
          <div className="table-scroll">
            <table className="audit-table">
              <caption className="visually-hidden">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.time')}</th>
                  {columns.map((c) => (
                    <th key={c.key} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <th scope="row" className="audit-time">
                      <time dateTime={e.at}>{f.dateTime(e.at)}</time>
                    </th>
                    {columns.map((c) => (
                      <td key={c.key}>{c.cell(e)}</td>
                    ))}
                  </tr>
                ))}
                {entries.length === 0 && (
                  <tr>
                    <td colSpan={columns.length + 1} className="muted">
                      {t('audit.empty')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <div className="audit-more">
            <p className="muted" role="status">
              {t('audit.shown', { n: entries.length })}
            </p>
            {audit.hasNextPage ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void audit.fetchNextPage()}
                disabled={audit.isFetchingNextPage}
              >
                {t('audit.loadMore')}
              </button>
            ) : (
              entries.length > 0 && <p className="muted">{t('audit.end')}</p>
            )}
          </div>
          {audit.isError && (
            <ErrorView
              error={audit.error}
              retry={() => void (audit.isFetchNextPageError ? audit.fetchNextPage() : audit.refetch())}
            />
          )}
        </>
      )}
    </section>
  )
}
