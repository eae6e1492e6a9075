import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { makeQueryClient } from '../api/queries.ts'
import { ToastProvider } from '../components/Toasts.tsx'
import { I18nProvider, type Lang } from '../i18n/index.tsx'

/** renderWithProviders renders a component with a fresh query cache, English (or the given language) and toasts. */
export function renderWithProviders(ui: ReactNode, { lang = 'en' }: { lang?: Lang } = {}) {
  const client = makeQueryClient()
  return {
    client,
    ...render(
      <QueryClientProvider client={client}>
        <I18nProvider lang={lang}>
          <ToastProvider>{ui}</ToastProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  }
}
