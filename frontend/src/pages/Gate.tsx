// The door check (CONTRACT section 15) for gate staff on a phone, and for
// organisers: the room comes from the link an organiser gives the gate
// phone (?room=…&name=…, remembered on the device), or, for organisers,
// from the list of rooms. The badge's QR code is read by the camera or from
// a photo of it (jsQR), or its code typed; the answer is a large green
// ALLOWED or red REFUSED with the holder's photo and name to compare.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useCheckAccess, useRooms } from '../api/queries.ts'
import type { AccessAnswer } from '../api/types.ts'
import { useUser } from '../auth/session.tsx'
import { FormError, SelectField, TextField } from '../components/Field.tsx'
import { PageHeading } from '../components/State.tsx'
import { useI18n, useT, type MessageKey } from '../i18n/index.tsx'
import { problemText } from '../lib/errors.ts'
import { localName } from '../lib/names.ts'

type GateRoom = { id: string; name: string }
const ROOM_KEY = 'summit.gate.room'

/** gateRoom: the room of the link (kept for next time), else the one kept. */
function gateRoom(search: URLSearchParams): GateRoom | null {
  const id = search.get('room')
  if (id) {
    const room = { id, name: search.get('name') ?? '' }
    localStorage.setItem(ROOM_KEY, JSON.stringify(room))
    return room
  }
  try {
    return JSON.parse(localStorage.getItem(ROOM_KEY) ?? 'null') as GateRoom | null
  } catch {
    return null
  }
}

/** decodeQR reads the QR code in an image; null when there is none. */
async function decodeQR(source: CanvasImageSource, width: number, height: number): Promise<string | null> {
  const { default: jsQR } = await import('jsqr')
  const scale = Math.min(1, 1600 / Math.max(width, height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(width * scale)
  canvas.height = Math.round(height * scale)
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) return null
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height)
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height)
  return jsQR(img.data, img.width, img.height)?.data ?? null
}

export default function GatePage({ search }: { search: URLSearchParams }) {
  const { t, lang } = useI18n()
  const user = useUser()
  const organiser = user.role !== 'gate'
  const rooms = useRooms(organiser)
  const [room, setRoom] = useState<GateRoom | null>(() => gateRoom(search))
  const [token, setToken] = useState('')
  const [scanError, setScanError] = useState('')
  const check = useCheckAccess()
  const input = useRef<HTMLInputElement>(null)

  const run = (code: string) => {
    if (!room || !code.trim()) return
    setToken(code)
    check.mutate({ token: code.trim(), room_id: room.id })
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    run(token)
  }
  const next = () => {
    check.reset()
    setToken('')
    setScanError('')
    input.current?.focus()
  }
  const readPhoto = async (file: File) => {
    setScanError('')
    const bitmap = await createImageBitmap(file)
    const code = await decodeQR(bitmap, bitmap.width, bitmap.height)
    if (code) run(code)
    else setScanError(t('gate.noCode'))
  }

  return (
    <section className="gate">
      <PageHeading>{t('gate.title')}</PageHeading>
      {organiser ? (
        <SelectField
          label={t('gate.room')}
          value={room?.id ?? ''}
          onChange={(e) => {
            const r = rooms.data?.find((x) => x.id === e.target.value)
            setRoom(r ? { id: r.id, name: localName(r, lang) } : null)
          }}
          options={[{ value: '', label: t('gate.chooseRoom') }, ...(rooms.data ?? []).map((r) => ({ value: r.id, label: localName(r, lang) }))]}
        />
      ) : room ? (
        <p className="gate__room">
          {t('gate.room')}: <strong>{room.name || room.id}</strong>
        </p>
      ) : (
        <p className="form-error">{t('gate.noRoom')}</p>
      )}
      {check.data ? (
        <Answer answer={check.data} onNext={next} />
      ) : (
        <form onSubmit={submit} className="gate__form">
          <TextField
            ref={input}
            label={t('gate.token')}
            hint={t('gate.tokenHint')}
            value={token}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            onChange={(e) => setToken(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button gate__check" disabled={!room || !token.trim() || check.isPending}>
              {t('gate.check')}
            </button>
            <Camera onCode={run} onError={setScanError} />
            <label className="button button--secondary">
              {t('gate.scanPhoto')}
              <input
                type="file"
                accept="image/*"
                capture="environment"
                className="visually-hidden"
                onChange={(e) => {
                  const file = e.target.files?.[0]
                  e.target.value = ''
                  if (file) void readPhoto(file).catch(() => setScanError(t('gate.noCode')))
                }}
              />
            </label>
          </div>
          <FormError text={scanError || (check.error ? problemText(check.error, t) : '')} />
        </form>
      )}
    </section>
  )
}

/** Answer: the verdict, large, with the holder to compare. */
function Answer({ answer, onNext }: { answer: AccessAnswer; onNext: () => void }) {
  const t = useT()
  const next = useRef<HTMLButtonElement>(null)
  useEffect(() => next.current?.focus(), [])
  const m = answer.member
  return (
    <div className={`gate__answer ${answer.allowed ? 'gate__answer--allowed' : 'gate__answer--refused'}`} role="status">
      <p className="gate__verdict">{answer.allowed ? t('gate.allowed') : t('gate.refused')}</p>
      <p className="gate__reason">{t(`gate.reason.${answer.reason}` as MessageKey)}</p>
      {m && (
        <div className="gate__member">
          {m.photo && <img src={m.photo} alt={t('accred.photoOf', { name: m.full_name })} />}
          <div>
            <p className="gate__name">{m.full_name}</p>
            <p>
              {m.position} · {m.delegation_code}
            </p>
            {answer.allowed && <p>{t('gate.compare')}</p>}
          </div>
        </div>
      )}
      <button ref={next} type="button" className="button" onClick={onNext}>
        {t('gate.next')}
      </button>
    </div>
  )
}

/** Camera reads QR codes from the back camera, a few times a second, until one is found. */
function Camera({ onCode, onError }: { onCode: (code: string) => void; onError: (text: string) => void }) {
  const t = useT()
  const [on, setOn] = useState(false)
  const video = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    if (!on) return
    let stream: MediaStream | null = null
    let timer = 0
    let stopped = false
    const stop = () => {
      stopped = true
      window.clearInterval(timer)
      stream?.getTracks().forEach((tr) => tr.stop())
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then((s) => {
        stream = s
        if (stopped || !video.current) return stop()
        video.current.srcObject = s
        void video.current.play()
        timer = window.setInterval(() => {
          const v = video.current
          if (!v || v.videoWidth === 0) return
          void decodeQR(v, v.videoWidth, v.videoHeight).then((code) => {
            if (code && !stopped) {
              stop()
              setOn(false)
              onCode(code)
            }
          })
        }, 300)
      })
      .catch(() => {
        setOn(false)
        onError(t('gate.noCamera'))
      })
    return stop
  }, [on, onCode, onError, t])
  if (!navigator.mediaDevices?.getUserMedia) return null
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOn(!on)}>
        {on ? t('gate.stopScan') : t('gate.scan')}
      </button>
      {on && <video ref={video} className="gate__video" muted playsInline />}
    </>
  )
}
