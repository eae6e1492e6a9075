// The session: on start the refresh cookie is traded for a token pair, so a
// reload keeps the user signed in; sign-out clears it.
import { useQueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { forgetFeeds } from '../components/Subscribe.tsx'
import { hasSessionHint, onSession, refreshSession, signIn, signOut } from '../api/client.ts'
import { keys } from '../api/queries.ts'
import type { User } from '../api/types.ts'

export type Session =
  | { status: 'loading' }
  | { status: 'signedOut'; expired?: boolean }
  | { status: 'signedIn'; user: User }

type SessionApi = {
  session: Session
  signIn: (email: string, password: string) => Promise<void>
  signOut: () => Promise<void>
  /** userChanged shows the signed-in user's own change (a new name) at once. */
  userChanged: (user: User) => void
}

const SessionContext = createContext<SessionApi | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const [session, setSession] = useState<Session>({ status: 'loading' })
  const leaving = useRef(false)

  useEffect(() => {
    const off = onSession((pair) => {
      if (pair) {
        queryClient.setQueryData(keys.me, pair.user)
        setSession((s) =>
          s.status === 'signedIn' && s.user.id === pair.user.id && s.user.version === pair.user.version
            ? s
            : { status: 'signedIn', user: pair.user },
        )
      } else {
        queryClient.clear()
        // Signed out without asking (expired, revoked, disabled): say so on the sign-in page.
        setSession((s) => ({ status: 'signedOut', expired: s.status === 'signedIn' && !leaving.current }))
        leaving.current = false
      }
    })
    // Only a browser that signed in before has a refresh cookie worth trying.
    if (hasSessionHint()) void refreshSession()
    else setSession({ status: 'signedOut' })
    return () => {
      off()
    }
  }, [queryClient])

  const value = useMemo<SessionApi>(
    () => ({
      session,
      signIn: async (email, password) => {
        await signIn(email, password)
      },
      signOut: () => {
        leaving.current = true
        forgetFeeds()
        return signOut()
      },
      userChanged: (user) => {
        queryClient.setQueryData(keys.me, user)
        setSession((s) => (s.status === 'signedIn' && s.user.id === user.id ? { status: 'signedIn', user } : s))
      },
    }),
    [session, queryClient],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext)
  if (!ctx) throw new Error('useSession outside SessionProvider')
  return ctx
}

/** useUser is the signed-in user (only inside the signed-in part of the app). */
export function useUser(): User {
  const { session } = useSession()
  if (session.status !== 'signedIn') throw new Error('useUser while not signed in')
  return session.user
}
