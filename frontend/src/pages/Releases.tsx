import { useState, type FormEvent } from 'react'
import { usePublishRelease, useReleaseChanges, useReleases } from '../api/queries.ts'
import type { Release } from '../api/types.ts'
import { ChangesList } from '../components/ChangesList.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import { problemText } from '../lib/errors.ts'
import { useFormat } from '../lib/format.ts'

/** Releases: publish the confirmed programme as a numbered release, list the releases, compare any two. */
export default function Releases() {
  const t = useT()
  const f = useFormat()
  const releases = useReleases()
  const list = releases.data ?? []
  return (
    <section className="releases-page">
      <PageHeading>{t('releases.title')}</PageHeading>
      <p className="lead">{t('releases.intro')}</p>
      <PublishForm />
      <section className="section" aria-labelledby="releases-list">
        <h3 id="releases-list">{t('releases.list')}</h3>
        {releases.isPending ? (
          <Loading />
        ) : releases.isError ? (
          <ErrorView error={releases.error} retry={() => void releases.refetch()} />
        ) : list.length === 0 ? (
          <p className="muted">{t('releases.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('releases.number')}</th>
                  <th scope="col">{t('releases.created')}</th>
                  <th scope="col">{t('releases.meetings')}</th>
                  <th scope="col">{t('releases.note')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.number}>
                    <td>{r.number}</td>
                    <td>{f.dateTime(r.created_at)}</td>
                    <td>{f.number(r.meetings)}</td>
                    <td className="release-note">{r.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {list.length > 0 && <Compare releases={list} />}
    </section>
  )
}

function PublishForm() {
  const t = useT()
  const push = useToast()
  const [note, setNote] = useState('')
  const publish = usePublishRelease({
    onSuccess: (r) => {
      setNote('')
      push(r.meetings === 0 ? t('releases.publishedEmpty', { n: r.number }) : t('releases.published', { n: r.number, meetings: r.meetings }), 'success')
    },
    onError: (e) => push(problemText(e, t), 'error'),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    publish.mutate(note)
  }
  return (
    <form className="card release-form" onSubmit={submit}>
      <label className="field">
        <span>{t('releases.noteLabel')}</span>
        <textarea value={note} maxLength={2000} rows={2} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="muted small">{t('releases.publishHint')}</p>
      <div className="form-actions">
        <button type="submit" className="button" disabled={publish.isPending}>
          {t('releases.publish')}
        </button>
      </div>
    </form>
  )
}

/** Compare: two releases side by side, the later one's changes since the earlier one. */
function Compare({ releases }: { releases: Release[] }) {
  const t = useT()
  const latest = releases[0]?.number ?? 0
  const [to, setTo] = useState(latest)
  const [from, setFrom] = useState(Math.max(latest - 1, 0))
  // Publishing moves "to" along only while it shows the latest.
  const [seenLatest, setSeenLatest] = useState(latest)
  if (latest !== seenLatest) {
    setSeenLatest(latest)
    if (to === seenLatest) {
      setTo(latest)
      setFrom(seenLatest)
    }
  }
  const changes = useReleaseChanges(to, from)
  const pick = (label: string, value: number, onChange: (n: number) => void) => (
    <label className="inline-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {releases.map((r) => (
          <option key={r.number} value={r.number}>
            {t('releases.releaseN', { n: r.number })}
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <section className="section" aria-labelledby="releases-compare">
      <h3 id="releases-compare">{t('releases.compare')}</h3>
      {releases.length < 2 ? (
        <p className="muted">{t('releases.needTwo')}</p>
      ) : (
        <>
          <div className="compare-pick">
            {pick(t('releases.from'), from, setFrom)}
            {pick(t('releases.to'), to, setTo)}
          </div>
          {from >= to ? (
            <p className="muted" role="status">
              {t('releases.pickEarlier')}
            </p>
          ) : changes.isPending ? (
            <Loading />
          ) : changes.isError ? (
            <ErrorView error={changes.error} retry={() => void changes.refetch()} />
          ) : (
            <>
              <p role="status">
                {t('releases.summary', {
                  added: changes.data.added.length,
                  changed: changes.data.changed.length,
                  removed: changes.data.removed.length,
                })}
              </p>
              <ChangesList
                changes={changes.data}
                beforeLabel={t('releases.releaseN', { n: from })}
                afterLabel={t('releases.releaseN', { n: to })}
              />
            </>
          )}
        </>
      )}
    </section>
  )
}
