// A table with a search box and sortable columns (click a heading, again to reverse).
import { useMemo, useState, type ReactNode } from 'react'
import { useI18n } from '../i18n/index.tsx'

export type Column<T> = {
  key: string
  label: string
  sort?: (row: T) => string | number
  render: (row: T) => ReactNode
  className?: string
}

type Props<T> = {
  caption: string
  rows: T[]
  columns: Column<T>[]
  rowKey: (row: T) => string
  search: (row: T) => string
  initialSort?: string
  actions?: (row: T) => ReactNode
}

export function DataTable<T>({ caption, rows, columns, rowKey, search, initialSort, actions }: Props<T>) {
  const { t, locale } = useI18n()
  const [query, setQuery] = useState('')
  const [sortKey, setSortKey] = useState(initialSort ?? columns.find((c) => c.sort)?.key ?? '')
  const [asc, setAsc] = useState(true)

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase(locale)
    const filtered = q ? rows.filter((r) => search(r).toLocaleLowerCase(locale).includes(q)) : rows
    const col = columns.find((c) => c.key === sortKey)
    if (!col?.sort) return filtered
    const get = col.sort
    const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' })
    return [...filtered].sort((a, b) => {
      const x = get(a)
      const y = get(b)
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))
      return asc ? c : -c
    })
  }, [rows, query, sortKey, asc, columns, search, locale])

  return (
    <div className="data-table">
      <div className="data-table__tools">
        <label className="search">
          <span className="visually-hidden">{t('common.search')}</span>
          <input
            type="search"
            placeholder={t('common.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <span className="muted">{t('common.shownOf', { shown: shown.length, total: rows.length })}</span>
      </div>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.className}
                  aria-sort={c.key === sortKey ? (asc ? 'ascending' : 'descending') : undefined}
                >
                  {c.sort ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => {
                        if (c.key === sortKey) setAsc(!asc)
                        else {
                          setSortKey(c.key)
                          setAsc(true)
                        }
                      }}
                    >
                      {c.label}
                      <span aria-hidden="true">{c.key === sortKey ? (asc ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
              {actions && (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={rowKey(r)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.className}>
                    {c.render(r)}
                  </td>
                ))}
                {actions && <td className="actions">{actions(r)}</td>}
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={columns.length + (actions ? 1 : 0)} className="muted">
                  {t('common.noResults')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  )
}
