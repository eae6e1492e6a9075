import { useMemo, useState } from 'react'
import { useDeleteUser, useDelegations, useSaveUser, useUsers } from '../api/queries.ts'
import { ROLES, type Role, type User, type UserCreate, type UserPatch } from '../api/types.ts'
import { useUser } from '../auth/session.tsx'
import { DataTable, type Column } from '../components/DataTable.tsx'
import { FormError, SelectField, TextField } from '../components/Field.tsx'
import { Modal } from '../components/Modal.tsx'
import { ErrorView, Loading, PageHeading } from '../components/State.tsx'
import { useToast } from '../components/Toasts.tsx'
import { useT } from '../i18n/index.tsx'
import { label } from '../i18n/labels.ts'
import { fieldErrorsOf, generalError, problemText } from '../lib/errors.ts'

/** Users: the admin's list of accounts and their roles. */
export default function Users() {
  const t = useT()
  const users = useUsers()
  const delegations = useDelegations()
  const [editing, setEditing] = useState<User | 'new' | null>(null)
  const dName = useMemo(() => new Map((delegations.data ?? []).map((d) => [d.id, d.name])), [delegations.data])
  const columns: Column<User>[] = [
    { key: 'name', label: t('users.name'), sort: (u) => u.name, render: (u) => u.name },
    { key: 'email', label: t('users.email'), sort: (u) => u.email, render: (u) => u.email },
    { key: 'role', label: t('users.role'), sort: (u) => u.role, render: (u) => label(t, 'role', u.role) },
    {
      key: 'delegation',
      label: t('users.delegation'),
      sort: (u) => dName.get(u.delegation_id ?? '') ?? '',
      render: (u) => dName.get(u.delegation_id ?? '') ?? '—',
    },
    {
      key: 'disabled',
      label: t('users.state'),
      sort: (u) => (u.disabled ? 1 : 0),
      render: (u) => (u.disabled ? <span className="chip chip--req-declined">{t('users.disabled')}</span> : t('users.active')),
    },
  ]
  return (
    <section>
      <div className="page-head">
        <PageHeading>{t('users.title')}</PageHeading>
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('users.new')}
        </button>
      </div>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorView error={users.error} retry={() => void users.refetch()} />
      ) : (
        <DataTable
          caption={t('users.title')}
          rows={users.data}
          columns={columns}
          rowKey={(u) => u.id}
          search={(u) => `${u.name} ${u.email} ${u.role} ${dName.get(u.delegation_id ?? '') ?? ''}`}
          actions={(u) => (
            <button type="button" className="button button--small button--secondary" onClick={() => setEditing(u)}>
              {t('common.edit')}
              <span className="visually-hidden"> {u.name}</span>
            </button>
          )}
        />
      )}
      {editing && <UserDialog user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  )
}

function UserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT()
  const me = useUser()
  const push = useToast()
  const delegations = useDelegations()
  const [email, setEmail] = useState(user?.email ?? '')
  const [name, setName] = useState(user?.name ?? '')
  const [role, setRole] = useState<Role>(user?.role ?? 'organiser')
  const [delegationId, setDelegationId] = useState(user?.delegation_id ?? '')
  const [disabled, setDisabled] = useState(user?.disabled ?? false)
  const [password, setPassword] = useState('')
  const save = useSaveUser({
    onSuccess: (u) => {
      push(user ? t('common.saved') : t('users.created', { name: u.name }), 'success')
      onClose()
    },
  })
  const remove = useDeleteUser({
    onSuccess: () => {
      push(t('common.deleted'), 'success')
      onClose()
    },
    onError: (e) => push(problemText(e, t), 'error'),
  })
  function submit() {
    if (user) {
      const body: UserPatch = { name, role, disabled, delegation_id: role === 'delegate' ? delegationId || null : null }
      if (password) body.password = password
      save.mutate({ user, body })
      return
    }
    const body: UserCreate = { email: email.trim(), name, role, password }
    if (role === 'delegate') body.delegation_id = delegationId
    save.mutate({ user: null, body })
  }
  const fe = fieldErrorsOf(save.error, t)
  return (
    <Modal title={user ? t('users.edit') : t('users.new')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <TextField
          label={t('users.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          disabled={!!user}
          required
          error={fe.email}
        />
        <TextField label={t('users.name')} value={name} onChange={(e) => setName(e.target.value)} required error={fe.name} />
        <SelectField
          label={t('users.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={ROLES.map((r) => ({ value: r, label: label(t, 'role', r) }))}
          error={fe.role}
        />
        {role === 'delegate' && (
          <SelectField
            label={t('users.delegation')}
            value={delegationId}
            onChange={(e) => setDelegationId(e.target.value)}
            options={[
              { value: '', label: t('agenda.chooseDelegation') },
              ...(delegations.data ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
            error={fe.delegation_id}
          />
        )}
        <TextField
          label={user ? t('users.newPassword') : t('users.password')}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required={!user}
          hint={t('users.passwordHint')}
          error={fe.password}
        />
        {user && (
          <label className="checkbox">
            <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
            {t('users.disable')}
          </label>
        )}
        {user && <p className="muted small">{t('users.sessionsNote')}</p>}
        <FormError text={generalError(save.error, t, ['email', 'name', 'role', 'delegation_id', 'password', 'disabled'])} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {user ? t('common.save') : t('common.create')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {user && user.id !== me.id && (
            <button
              type="button"
              className="button button--danger"
              onClick={() => window.confirm(t('users.confirmDelete', { name: user.name })) && remove.mutate(user)}
            >
              {t('common.delete')}
            </button>
          )}
        </div>
      </form>
    </Modal>
  )
}
