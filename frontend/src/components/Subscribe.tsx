// The calendar subscription: a secret feed URL for phones, as links and a QR code.
import { useEffect, useState } from 'react'
import { useRotateFeedToken } from '../api/queries.ts'
import type { FeedToken } from '../api/types.ts'
import { useT } from '../i18n/index.tsx'
import { problemText } from '../lib/errors.ts'
import { FormError } from './Field.tsx'

/** qrDataUrl renders text as an SVG QR code in a data: URL (the CSP allows data: images). */
export async function qrDataUrl(text: string): Promise<string> {
  const QR = await import('qrcode')
  const svg = await QR.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}

const FEED_KEY = 'summit.feed.'

/**
 * The API has no way to read a delegation's current feed URL without
 * replacing it, so the last one made in this browser is kept here until
 * sign-out; otherwise every visit would have to kill the phones' subscriptions.
 */
function savedFeed(delegationId: string): FeedToken | null {
  try {
    const raw = window.localStorage.getItem(FEED_KEY + delegationId)
    const v = raw ? (JSON.parse(raw) as FeedToken) : null
    return v && typeof v.url === 'string' && typeof v.webcal_url === 'string' ? v : null
  } catch {
    return null
  }
}

function saveFeed(delegationId: string, feed: FeedToken) {
  try {
    window.localStorage.setItem(FEED_KEY + delegationId, JSON.stringify(feed))
  } catch {
    /* not remembered */
  }
}

/** forgetFeeds drops every remembered feed URL (on sign-out). */
export function forgetFeeds() {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const k = window.localStorage.key(i)
      if (k?.startsWith(FEED_KEY)) window.localStorage.removeItem(k)
    }
  } catch {
    /* nothing to forget */
  }
}

export function SubscribePanel({ delegationId }: { delegationId: string }) {
  const t = useT()
  const [feed, setFeed] = useState<FeedToken | null>(() => savedFeed(delegationId))
  const [qr, setQr] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const rotate = useRotateFeedToken({
    onSuccess: (f) => {
      saveFeed(delegationId, f)
      setFeed(f)
      setCopied(false)
    },
  })

  useEffect(() => {
    if (!feed) return
    let live = true
    qrDataUrl(feed.url).then(
      (u) => live && setQr(u),
      () => live && setQr(null),
    )
    return () => {
      live = false
    }
  }, [feed])

  async function copy() {
    if (!feed) return
    try {
      await navigator.clipboard.writeText(feed.url)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }

  return (
    <section className="card subscribe" aria-labelledby="subscribe-heading">
      <h3 id="subscribe-heading">{t('subscribe.title')}</h3>
      <p className="muted">{t('subscribe.intro')}</p>
      {feed ? (
        <div className="subscribe__body">
          {qr && <img className="qr" src={qr} width={180} height={180} alt={t('subscribe.qrAlt')} />}
          <div>
            <p>
              <a className="button" href={feed.webcal_url}>
                {t('subscribe.open')}
              </a>
            </p>
            <p className="feed-url">
              <code className="path">{feed.url}</code>
            </p>
            <p>
              <button type="button" className="button button--secondary" onClick={() => void copy()}>
                {copied ? t('subscribe.copied') : t('subscribe.copy')}
              </button>
            </p>
            <p className="muted small">{t('subscribe.secret')}</p>
          </div>
        </div>
      ) : null}
      <FormError text={rotate.isError ? problemText(rotate.error, t) : null} />
      <p>
        <button
          type="button"
          className={feed ? 'button button--secondary' : 'button'}
          disabled={rotate.isPending}
          onClick={() => {
            if (!feed || window.confirm(t('subscribe.confirmRotate'))) rotate.mutate(delegationId)
          }}
        >
          {feed ? t('subscribe.rotate') : t('subscribe.create')}
        </button>
      </p>
      {!feed && <p className="muted small">{t('subscribe.rotateNote')}</p>}
    </section>
  )
}
