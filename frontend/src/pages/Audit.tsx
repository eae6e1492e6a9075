import { useQueryClient } from '@tanstack/react-query'
import { useMemo, useState, type ReactNode } from 'react'
import {
  keys,
  useAudit,
  useDelegations,
  useMembersOf,
  useRequests,
  useRooms,
  useUsers,
  useVenues,
  type AuditFilter,
} from '../api/queries.ts'
import type { AuditEntry, Meeting } from '../api/types.ts'
import { useUser } from '../auth/session.tsx'
import { SelectField, TextField } from '../components/Field.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useT, type Translate } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import {
  actionText,
  asObject,
  fieldLabel,
  namesInTrail,
  recordName,
  shortId,
  valueText,
  type Names,
  type ValueContext,
} from '../lib/auditWords.ts'
import { useFormat } from '../lib/format.ts'
import { Link } from '../lib/router.tsx'

/** The kinds of record the server writes audit entries for (domain.Audit calls). */
export const ENTITY_TYPES = ['meeting', 'bilateral_request', 'proposal', 'delegation', 'member', 'venue', 'room', 'summit', 'user', 'problems'] as const

// Bookkeeping fields every snapshot has; a change in them alone says nothing.
const BOOKKEEPING = new Set(['version', 'updated_at', 'created_at'])
const SHOWN_CHANGES = 4

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

function Changes({ entry, ctx }: { entry: AuditEntry; ctx: ValueContext }) {
  const { t } = ctx
  const changes = changesOf(entry.before, entry.after)
  if (changes.length === 0) {
    return entry.before && entry.after ? <p className="muted">{t('audit.noChange')}</p> : null
  }
  const shown = changes.slice(0, SHOWN_CHANGES)
  const rest = changes.length - shown.length
  const value = (key: string, v: unknown) => valueText(entry.entity_type, key, v, ctx)
  return (
    <ul className="audit-changes">
      {shown.map((c) => (
        <li key={c.key}>
          <span className="audit-changes__field">{fieldLabel(t, c.key, entry.entity_type)}</span>:{' '}
          {'from' in c ? (
            <>
              <del>{value(c.key, c.from)}</del> → <ins>{value(c.key, c.to)}</ins>
            </>
          ) : (
            value(c.key, c.to)
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

/**
 * useNames: the names of the things the trail names, by id, from lists the
 * app reads anyway (and keeps cached): delegations, venues, rooms, requests,
 * users (admins only), the members of the delegations whose members the
 * entries name, meetings from any cached list, and what the trail itself
 * tells, which also names what is gone. No request per row.
 */
function useNames(entries: AuditEntry[], users: { id: string; name: string }[] | undefined): Names {
  const t = useT()
  const qc = useQueryClient()
  const delegations = useDelegations()
  const venues = useVenues()
  const rooms = useRooms()
  const requests = useRequests()
  const memberDelegations = useMemo(() => {
    const ids = new Set<string>()
    for (const e of entries) {
      for (const snap of [asObject(e.before), asObject(e.after)]) {
        if (!snap) continue
        if (e.entity_type === 'member' && typeof snap.delegation_id === 'string') ids.add(snap.delegation_id)
        if (!Array.isArray(snap.participants)) continue
        for (const p of snap.participants) {
          const o = asObject(p)
          if (o && typeof o.delegation_id === 'string' && Array.isArray(o.member_ids) && o.member_ids.length > 0) ids.add(o.delegation_id)
        }
      }
    }
    return [...ids]
  }, [entries])
  const members = useMembersOf(memberDelegations)
  return useMemo(() => {
    const byId = new Map<string, string>()
    namesInTrail(entries, byId)
    for (const [, list] of qc.getQueriesData<Meeting[]>({ queryKey: keys.allMeetings })) {
      for (const m of list ?? []) byId.set(m.id, m.title)
    }
    for (const d of delegations.data ?? []) byId.set(d.id, d.name)
    for (const v of venues.data ?? []) byId.set(v.id, v.name)
    for (const r of rooms.data ?? []) byId.set(r.id, r.name)
    for (const u of users ?? []) byId.set(u.id, u.name)
    for (const list of Object.values(members.data ?? {})) for (const m of list) byId.set(m.id, m.full_name)
    for (const r of requests.data ?? []) {
      const from = byId.get(r.from_delegation_id) ?? shortId(r.from_delegation_id)
      const to = byId.get(r.to_delegation_id) ?? shortId(r.to_delegation_id)
      byId.set(r.id, t('requests.fromTo', { from, to }))
    }
    return (id: string) => byId.get(id) ?? null
  }, [entries, qc, delegations.data, venues.data, rooms.data, users, members.data, requests.data, t])
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
  const entries = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data])
  const names = useNames(entries, users.data)
  const userName = (id: string): string | null => (id === me.id ? t('audit.you', { name: me.name }) : names(id))
  const actorName = (id: string | null, name?: string | null) =>
    id === null ? t('audit.system') : (userName(id) ?? name ?? t('audit.user', { id: shortId(id) }))
  const ctx: ValueContext = { t, f, names: userName }

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

  const columns: { key: string; label: string; cell: (e: AuditEntry) => ReactNode }[] = [
    // A failed sign-in is nobody's action (not the account owner's): no "who", the email in the action.
    { key: 'actor', label: t('audit.actor'), cell: (e) => (e.action === 'login_failed' ? '—' : actorName(e.actor_id, e.actor_name)) },
    { key: 'action', label: t('audit.action'), cell: (e) => actionText(e, t) },
    {
      key: 'entity',
      label: t('audit.entity'),
      cell: (e) => {
        const kind = label(t, 'entity', e.entity_type)
        const name = e.entity_type === 'summit' ? null : recordName(e, userName, t)
        const to = recordLink(e)
        const title = name ?? (e.entity_type === 'summit' ? null : shortId(e.entity_id))
        const own = filter.entity_type === e.entity_type && filter.entity_id === e.entity_id
        return (
          <div className="audit-record">
            <span className="audit-record__kind">{kind}</span>
            {title && (to ? <Link to={to}>{title}</Link> : name ? (
                <span>{title}</span>
              ) : (
                <span className="audit-record__id" title={e.entity_id}>
                  {title}
                </span>
              ))}
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
          <Changes entry={e} ctx={ctx} />
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
