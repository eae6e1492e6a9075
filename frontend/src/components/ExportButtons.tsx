// "Export" as CSV or Excel (CONTRACT section 13) for organisers: the file
// comes from GET /export/{what}.{csv|xlsx} with the session's token, and is
// handed to the browser as a download.
import { useState } from 'react'
import { ApiError, authFetch } from '../api/client.ts'
import { useT } from '../i18n/index.tsx'
import { problemText } from '../lib/errors.ts'
import { useToast } from './Toasts.tsx'

export type ExportWhat = 'programme' | 'delegations' | 'members' | 'requests'

/** download fetches an export and saves it under the server's file name. */
export function download(what: ExportWhat, format: 'csv' | 'xlsx'): Promise<void> {
  return downloadFile(`/api/v1/export/${what}.${format}`, `summit-${what}.${format}`)
}

/**
 * downloadFile fetches path with the session's token and hands it to the
 * browser as a download, under the server's file name (else fallback).
 */
export async function downloadFile(path: string, fallback: string): Promise<void> {
  const res = await authFetch(path)
  if (!res.ok) {
    const problem = await res.json().catch(() => undefined)
    throw new ApiError(res.status, problem, `HTTP ${res.status}`)
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function ExportButtons({ what }: { what: ExportWhat }) {
  const t = useT()
  const push = useToast()
  const [busy, setBusy] = useState(false)
  const run = (format: 'csv' | 'xlsx') => {
    setBusy(true)
    download(what, format)
      .catch((e: unknown) => push(problemText(e, t), 'error'))
      .finally(() => setBusy(false))
  }
  return (
    <div className="segmented no-print" role="group" aria-label={t('export.label')}>
      <button type="button" disabled={busy} onClick={() => run('csv')} aria-label={t('export.csv')}>
        CSV
      </button>
      <button type="button" disabled={busy} onClick={() => run('xlsx')} aria-label={t('export.xlsx')}>
        Excel
      </button>
    </div>
  )
}
