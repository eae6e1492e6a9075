// "Download PDF" (CONTRACT section 13): the server's A4 document of an
// agenda or a room's day, in the app's language, fetched with the
// session's token and handed to the browser as a download.
import { useState } from 'react'
import { useI18n } from '../i18n/index.tsx'
import { problemText } from '../lib/errors.ts'
import { downloadFile } from './ExportButtons.tsx'
import { useToast } from './Toasts.tsx'

/** PdfButton downloads the PDF at path (an /api/v1 path with its query, without lang). */
export function PdfButton({ path, name }: { path: string; name: string }) {
  const { t, lang } = useI18n()
  const push = useToast()
  const [busy, setBusy] = useState(false)
  const run = () => {
    setBusy(true)
    const url = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`
    downloadFile(url, name)
      .catch((e: unknown) => push(problemText(e, t), 'error'))
      .finally(() => setBusy(false))
  }
  return (
    <button type="button" className="button button--secondary no-print" disabled={busy} aria-busy={busy} onClick={run}>
      {t('pdf.download')}
    </button>
  )
}
