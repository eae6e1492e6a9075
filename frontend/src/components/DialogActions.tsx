import { useT } from '../i18n/index.tsx'

/**
 * DialogActions are an edit dialog's buttons: Save (the form's submit),
 * Delete when onDelete is given (an existing record), and Cancel.
 */
export function DialogActions({ saving, onDelete, deleting, onCancel }: {
  saving: boolean
  onDelete?: (() => void) | null | undefined
  deleting?: boolean
  onCancel: () => void
}) {
  const t = useT()
  return (
    <div className="form-actions">
      <button type="submit" className="button" disabled={saving}>
        {t('common.save')}
      </button>
      {onDelete && (
        <button type="button" className="button button--danger" disabled={deleting} onClick={onDelete}>
          {t('common.delete')}
        </button>
      )}
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  )
}
