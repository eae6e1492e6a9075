import { useId, useState } from 'react'
import { useChangePassword, useDelegation, useUpdateMe } from '../api/queries.ts'
import type { User } from '../api/types.ts'
import { useSession, useUser } from '../auth/session.tsx'
import { FormError, TextField } from '../components/Field.tsx'
import { PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { fieldErrorsOf, generalError } from '../lib/errors.ts'

/** Account: every signed-in user's own page: who they are, their name and their password. */
export default function Account() {
  const t = useT()
  const me = useUser()
  const delegation = useDelegation(me.delegation_id)
  return (
    <section>
      <PageHeading>{t('account.title')}</PageHeading>
      <div className="account">
        <section className="card" aria-labelledby="account-who">
          <h3 id="account-who">{me.name}</h3>
          <dl className="facts">
            <dt>{t('account.email')}</dt>
            <dd>{me.email}</dd>
            <dt>{t('account.role')}</dt>
            <dd>{label(t, 'role', me.role)}</dd>
            {me.delegation_id && (
              <>
                <dt>{t('account.delegation')}</dt>
                <dd>{delegation.data?.name ?? '…'}</dd>
              </>
            )}
          </dl>
          <p className="muted small">{t('account.setByAdmin')}</p>
        </section>
        {me.role !== 'gate' && <NameForm me={me} />}
        <PasswordForm me={me} />
      </div>
    </section>
  )
}

function NameForm({ me }: { me: User }) {
  const t = useT()
  const push = useToast()
  const { userChanged } = useSession()
  const headingId = useId()
  const [name, setName] = useState(me.name)
  const save = useUpdateMe({
    onSuccess: (u) => {
      userChanged(u)
      setName(u.name)
      push(t('common.saved'), 'success')
    },
  })
  const fe = fieldErrorsOf(save.error, t)
  return (
    <form
      className="card"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate({ name: name.trim() })
      }}
    >
      <h3 id={headingId}>{t('account.nameHeading')}</h3>
      <TextField
        label={t('account.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoComplete="name"
        hint={t('account.nameHint')}
        error={fe.name}
        required
      />
      <FormError text={generalError(save.error, t, ['name'])} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('account.saveName')}
        </button>
      </div>
    </form>
  )
}

function PasswordForm({ me }: { me: User }) {
  const t = useT()
  const push = useToast()
  const headingId = useId()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [again, setAgain] = useState('')
  const [mismatch, setMismatch] = useState(false)
  // Every other session ends; this one goes on with the pair the server issues (useChangePassword adopts it).
  const change = useChangePassword({
    onSuccess: () => {
      setCurrent('')
      setNext('')
      setAgain('')
      push(t('account.passwordChanged'), 'success')
    },
  })
  const fe = fieldErrorsOf(change.error, t)
  return (
    <form
      className="card"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault()
        if (next !== again) {
          setMismatch(true)
          return
        }
        change.mutate({ current_password: current, new_password: next })
      }}
    >
      <h3 id={headingId}>{t('account.passwordHeading')}</h3>
      <p className="muted small">{t('account.passwordNote')}</p>
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={me.email} readOnly hidden />
      <TextField
        label={t('account.currentPassword')}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={fe.current_password}
        required
      />
      <TextField
        label={t('account.newPassword')}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => {
          setNext(e.target.value)
          setMismatch(false)
        }}
        hint={t('users.passwordHint')}
        error={fe.new_password}
        required
      />
      <TextField
        label={t('account.repeatPassword')}
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={(e) => {
          setAgain(e.target.value)
          setMismatch(false)
        }}
        error={mismatch ? t('account.mismatch') : undefined}
        required
      />
      <FormError text={generalError(change.error, t, ['current_password', 'new_password'])} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={change.isPending}>
          {t('account.changePassword')}
        </button>
      </div>
    </form>
  )
}
