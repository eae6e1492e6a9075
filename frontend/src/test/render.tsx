import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { makeQueryClient } from '../api/queries.ts'
import { ToastProvider } from '../components/Toasts.tsx'
import { I18nProvider } from '../i18n/index.tsx'

/** renderWithProviders renders a component with a fresh query cache, English and toasts. */
export function renderWithProviders(ui: ReactNode) {
  const client = makeQueryClient()
  return {
    client,
    ...render(
      <QueryClientProvider client={client}>
        <I18nProvider lang="en">
          <ToastProvider>{ui}</ToastProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  }
}
