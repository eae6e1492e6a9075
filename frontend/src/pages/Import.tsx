// Import (CONTRACT section 13): organisers bring delegations, members, venues
// or rooms in from a CSV or Excel file. Choosing the file runs a dry run,
// whose rows are shown as they would be created, updated or left, with the
// changed cells (old → new) and every error on its cell; "Import N rows"
// then writes them all, or nothing.
import { useMemo, useRef, useState } from 'react'
import { ApiError } from '../api/client.ts'
import { spreadsheetType, useImportFile } from '../api/queries.ts'
import { IMPORT_KINDS, type ImportError, type ImportKind, type ImportResult, type ImportedRow } from '../api/types.ts'
import { downloadFile } from '../components/ExportButtons.tsx'
import { Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import type { Translate } from '../i18n/index.tsx'
import { problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'
import { Link } from '../lib/router.tsx'
import { translateFieldMessage } from '../lib/serverMessages.ts'

/** MAX_SHOWN bounds the rows the preview draws (every row is imported all the same). */
const MAX_SHOWN = 500

export default function Import() {
  const t = useT()
  const push = useToast()
  const [kind, setKind] = useState<ImportKind>('delegations')
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<ImportResult | null>(null)
  const [done, setDone] = useState<ImportResult | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const input = useRef<HTMLInputElement>(null)
  const send = useImportFile({
    onSuccess: (r, vars) => {
      if (vars.dryRun) return setPreview(r)
      setDone(r)
      setPreview(null)
      setFile(null)
      if (input.current) input.current.value = ''
      push(t('import.done', { create: r.created, update: r.updated, unchanged: r.unchanged }), 'success')
    },
    onError: (e) => setFailure(e),
  })
  const check = (k: ImportKind, f: File | null) => {
    setPreview(null)
    setDone(null)
    setFailure(null)
    if (!f) return
    if (!spreadsheetType(f)) return setFailure(new Error(t('import.notSpreadsheet')))
    send.mutate({ kind: k, file: f, dryRun: true })
  }
  return (
    <section className="import-page">
      <PageHeading>{t('import.title')}</PageHeading>
      <p className="lead">{t('import.intro')}</p>
      <div className="card import-form">
        <KindPicker
          kind={kind}
          onChange={(k) => {
            setKind(k)
            check(k, file)
          }}
        />
        <label className="field">
          <span>{t('import.file')}</span>
          <input
            ref={input}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null
              setFile(f)
              check(kind, f)
            }}
          />
        </label>
      </div>
      {send.isPending && <Loading label={send.variables?.dryRun ? t('import.checking') : t('import.importing')} />}
      {failure !== null && <FileProblem error={failure} />}
      {done && <Done result={done} kind={kind} />}
      {preview && file && (
        <Preview result={preview} busy={send.isPending} onImport={() => send.mutate({ kind, file, dryRun: false })} />
      )}
    </section>
  )
}

/** KindPicker chooses what the file holds, with the template of each. */
function KindPicker({ kind, onChange }: { kind: ImportKind; onChange: (k: ImportKind) => void }) {
  const t = useT()
  const push = useToast()
  const template = (format: 'csv' | 'xlsx') =>
    downloadFile(`/api/v1/import/${kind}/template.${format}`, `summit-${kind}-template.${format}`).catch((e: unknown) =>
      push(problemText(e, t), 'error'),
    )
  return (
    <>
      <fieldset className="import-kinds">
        <legend>{t('import.what')}</legend>
        {IMPORT_KINDS.map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="import-kind" value={k} checked={k === kind} onChange={() => onChange(k)} />
            {t(`import.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <p className="muted small">{t(`import.keys.${kind}`)}</p>
      <div className="segmented" role="group" aria-label={t('import.template')}>
        <button type="button" onClick={() => void template('csv')} aria-label={t('import.templateCsv')}>
          {t('import.template')}: CSV
        </button>
        <button type="button" onClick={() => void template('xlsx')} aria-label={t('import.templateXlsx')}>
          Excel
        </button>
      </div>
    </>
  )
}

/** errorText says one of the import's errors in the user's language. */
function errorText(e: ImportError, t: Translate): string {
  const message = translateFieldMessage(e.message, t)
  return e.row > 0 ? t('import.errorAt', { row: e.row, field: e.field, message }) : t('import.errorFile', { field: e.field, message })
}

/** ErrorList lists errors, the first twenty and how many more. */
function ErrorList({ errors }: { errors: ImportError[] }) {
  const t = useT()
  return (
    <ul className="import-errors">
      {errors.slice(0, 20).map((e, i) => (
        <li key={i}>{errorText(e, t)}</li>
      ))}
      {errors.length > 20 && <li>{t('import.moreErrors', { n: errors.length - 20 })}</li>}
    </ul>
  )
}

/** FileProblem: the file as a whole was refused (or could not be sent). */
function FileProblem({ error }: { error: unknown }) {
  const t = useT()
  const errors = error instanceof ApiError ? (error.problem?.errors ?? []).map((e) => ({ row: 0, ...e })) : []
  const text = error instanceof ApiError ? error.message : error instanceof Error ? error.message : t('common.networkError')
  return (
    <div className="error-box" role="alert">
      <p>{errors.length > 0 ? t('import.fileRefused') : text}</p>
      {errors.length > 0 && <ErrorList errors={errors} />}
    </div>
  )
}

/** Done: what the import wrote, and the problems it made in the programme. */
function Done({ result, kind }: { result: ImportResult; kind: ImportKind }) {
  const t = useT()
  const to = kind === 'venues' || kind === 'rooms' ? '/venues' : '/delegations'
  return (
    <div className="card import-done" role="status">
      <p>{t('import.done', { create: result.created, update: result.updated, unchanged: result.unchanged })}</p>
      <Impact result={result} />
      <p>
        <Link to={to}>{t(kind === 'venues' || kind === 'rooms' ? 'nav.venues' : 'nav.delegations')}</Link>
      </p>
    </div>
  )
}

/** Impact lists the meetings whose rules the changes break. */
function Impact({ result }: { result: ImportResult }) {
  const t = useT()
  const f = useFormat()
  if (result.impact.length === 0) return null
  return (
    <div className="notice">
      <p>{t('import.impact', { n: result.impact.length })}</p>
      <ul>
        {result.impact.map((p, i) => (
          <li key={i}>
            {p.title} ({f.dateTime(p.starts_at)}): {p.message}
          </li>
        ))}
      </ul>
      <Link to="/problems">{t('nav.problems')}</Link>
    </div>
  )
}

/** Preview: the dry run's counts, errors and rows, and the button that imports. */
function Preview({ result, busy, onImport }: { result: ImportResult; busy: boolean; onImport: () => void }) {
  const t = useT()
  const f = useFormat()
  const [onlyChanges, setOnlyChanges] = useState(false)
  const writes = result.created + result.updated
  const bad = new Set(result.errors.map((e) => e.row)).size
  return (
    <section className="section import-preview" aria-labelledby="import-preview">
      <h3 id="import-preview">{t('import.preview')}</h3>
      <p role="status">{t('import.summary', { create: result.created, update: result.updated, unchanged: result.unchanged })}</p>
      {result.errors.length > 0 ? (
        <div className="error-box">
          <p>{t('import.badRows', { n: bad })}</p>
          <ErrorList errors={result.errors} />
        </div>
      ) : writes === 0 ? (
        <p className="muted">{t('import.nothing')}</p>
      ) : null}
      <Impact result={result} />
      <div className="form-actions">
        <button type="button" className="button" disabled={busy || writes === 0 || result.errors.length > 0} onClick={onImport}>
          {t('import.run', { n: writes })}
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
          {t('import.onlyChanges')}
        </label>
      </div>
      <p className="muted small">{t('import.timesHint', { zone: f.zoneLabel })}</p>
      <PreviewTable result={result} onlyChanges={onlyChanges} />
    </section>
  )
}

/** PreviewTable draws the file's rows as the import would take them. */
function PreviewTable({ result, onlyChanges }: { result: ImportResult; onlyChanges: boolean }) {
  const t = useT()
  const errors = useMemo(() => {
    const out = new Map<string, string[]>()
    for (const e of result.errors) {
      const key = `${e.row} ${result.columns.includes(e.field) ? e.field : ''}`
      out.set(key, [...(out.get(key) ?? []), translateFieldMessage(e.message, t)])
    }
    return out
  }, [result, t])
  const rows = result.rows.filter((r) => !onlyChanges || r.action !== 'unchanged')
  const shown = rows.slice(0, MAX_SHOWN)
  return (
    <>
      {rows.length > shown.length && <p className="muted small">{t('import.shownRows', { shown: shown.length, total: rows.length })}</p>}
      <div className="table-scroll">
        <table className="import-table">
          <caption className="visually-hidden">{t('import.preview')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.row')}
              </th>
              <th scope="col">{t('import.action')}</th>
              {result.columns.map((c, i) => (
                <th key={i} scope="col">
                  <code>{c}</code>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <PreviewRow key={r.row} row={r} columns={result.columns} errors={errors} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

/** PreviewRow is one row: its action, and each cell with what changes and what is wrong. */
function PreviewRow({ row, columns, errors }: { row: ImportedRow; columns: string[]; errors: Map<string, string[]> }) {
  const t = useT()
  const rowErrors = errors.get(`${row.row} `)
  return (
    <tr className={`import-row import-row--${row.action}`}>
      <td className="num">{row.row}</td>
      <td>
        <span className={`chip chip--import-${row.action}`}>{t(`import.action.${row.action}`)}</span>
        {rowErrors?.map((m, i) => (
          <span key={i} className="import-cell__error">
            {m}
          </span>
        ))}
      </td>
      {columns.map((c, i) => {
        const cell = row.cells[i] ?? ''
        const bad = errors.get(`${row.row} ${c}`)
        const changed = row.changed.includes(c)
        return (
          <td key={i} className={bad ? 'import-cell--error' : changed ? 'import-cell--changed' : undefined} aria-invalid={bad ? true : undefined}>
            {changed ? (
              <>
                <del>
                  <span className="visually-hidden">{t('import.was')} </span>
                  {row.before?.[c] || t('import.empty')}
                </del>{' '}
                → <ins>{cell || t('import.empty')}</ins>
              </>
            ) : (
              cell
            )}
            {bad?.map((m, j) => (
              <span key={j} className="import-cell__error">
                {m}
              </span>
            ))}
          </td>
        )
      })}
    </tr>
  )
}
