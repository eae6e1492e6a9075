import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { App } from './App.tsx'
import { makeQueryClient } from './api/queries.ts'
import { SessionProvider } from './auth/session.tsx'
import { ToastProvider } from './components/Toasts.tsx'
import { I18nProvider } from './i18n/index.tsx'

/** Root wires the providers: server state, language, toasts, session. */
export function Root({ client }: { client?: QueryClient }) {
  const [qc] = useState(() => client ?? makeQueryClient())
  return (
    <QueryClientProvider client={qc}>
      <I18nProvider>
        <ToastProvider>
          <SessionProvider>
            <App />
          </SessionProvider>
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  )
}
