// A member's badge photo: a thumbnail (read with the session's token) and,
// for who may change it, a file picker that uploads a JPEG or PNG at once.
import { useId } from 'react'
import { usePhotoUrl, useUploadPhoto } from '../api/queries.ts'
import type { Member } from '../api/types.ts'
import { useT } from '../i18n/index.tsx'
import { problemText } from '../lib/errors.ts'
import { useToast } from './Toasts.tsx'

/** PhotoThumb shows a member's photo at the badge's 3:4, or says there is none. */
export function PhotoThumb({ member, size = 48 }: { member: Member; size?: number }) {
  const t = useT()
  const url = usePhotoUrl(member)
  const style = { width: size, height: (size * 4) / 3 }
  if (!member.has_photo) {
    return (
      <span className="photo-thumb photo-thumb--none" style={style}>
        {t('accred.noPhoto')}
      </span>
    )
  }
  return url ? (
    <img className="photo-thumb" src={url} style={style} alt={t('accred.photoOf', { name: member.full_name })} />
  ) : (
    <span className="photo-thumb" style={style} aria-busy="true" />
  )
}

/** PhotoUpload: a button that picks an image file and uploads it as the member's photo. */
export function PhotoUpload({ member }: { member: Member }) {
  const t = useT()
  const push = useToast()
  const id = useId()
  const upload = useUploadPhoto({
    onSuccess: () => push(t('accred.photoSaved'), 'success'),
    onError: (e) => push(problemText(e, t), 'error'),
  })
  return (
    <span className="photo-upload">
      <label htmlFor={id} className="button button--small button--secondary" title={t('accred.photoHint')}>
        {t('accred.uploadPhoto')}
        <span className="visually-hidden"> {member.full_name}</span>
      </label>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png"
        className="visually-hidden"
        aria-label={t('accred.photoFor', { name: member.full_name })}
        disabled={upload.isPending}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) upload.mutate({ member, file })
        }}
      />
    </span>
  )
}
