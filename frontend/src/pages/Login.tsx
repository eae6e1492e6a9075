import { useEffect, useState, type FormEvent } from 'react'
import { ApiError } from '../api/client.ts'
import { useSession } from '../auth/session.tsx'
import { FormError, TextField } from '../components/Field.tsx'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { useT } from '../i18n/index.tsx'

/** Login is shown whenever nobody is signed in; the URL is kept, so a deep link opens after sign-in. */
export function Login() {
  const t = useT()
  const { signIn, session } = useSession()
  const expired = session.status === 'signedOut' && session.expired
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`
  }, [t])

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!email.trim() || !password) {
      setError(t('login.missing'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      await signIn(email.trim(), password)
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('login.tooMany'))
      else if (err instanceof ApiError && (err.status === 401 || err.status === 400)) setError(t('login.wrong'))
      else setError(t('common.networkError'))
      setBusy(false)
    }
  }

  return (
    <div className="login-page">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="login-header container">
        <p className="site-title">{t('app.name')}</p>
        <LanguageSwitch />
      </header>
      <main id="main" className="container login-main">
        <form className="card login-card" onSubmit={(e) => void submit(e)} noValidate>
          <h1 id="page-heading" tabIndex={-1}>
            {t('login.title')}
          </h1>
          {expired && (
            <p className="notice" role="status">
              {t('login.expired')}
            </p>
          )}
          <p className="muted">{t('login.intro')}</p>
          <TextField
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <TextField
            label={t('login.password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <FormError text={error} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  )
}
