import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { en } from './en.ts'
import { I18nProvider, translate, useI18n } from './index.tsx'
import { kk } from './kk.ts'
import { ru } from './ru.ts'
import { zh } from './zh.ts'

function Probe() {
  const { t } = useI18n()
  return <h1>{t('nav.myAgenda')}</h1>
}

afterEach(() => {
  cleanup()
  window.localStorage.clear()
})

describe('the translation layer', () => {
  it('switches the language of the page and remembers the choice', () => {
    window.localStorage.setItem('summit.lang', 'en')
    const { unmount } = render(
      <I18nProvider>
        <LanguageSwitch />
        <Probe />
      </I18nProvider>,
    )
    expect(screen.getByRole('heading').textContent).toBe('My agenda')
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ru' } })
    expect(screen.getByRole('heading').textContent).toBe('Моя программа')
    expect(document.documentElement.lang).toBe('ru')
    fireEvent.change(screen.getByLabelText('Язык'), { target: { value: 'zh' } })
    expect(screen.getByRole('heading').textContent).toBe('我的日程')
    fireEvent.change(screen.getByLabelText('语言'), { target: { value: 'kk' } })
    expect(screen.getByRole('heading').textContent).toBe('Менің бағдарламам')
    expect(window.localStorage.getItem('summit.lang')).toBe('kk')
    unmount()

    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    )
    expect(screen.getByRole('heading').textContent).toBe('Менің бағдарламам')
  })

  it('fills parameters', () => {
    expect(translate('en', 'live.moved', { title: 'Talks', who: 'Aigerim' })).toBe('Meeting “Talks” was moved by Aigerim.')
    expect(translate('ru', 'requests.duration', { n: 45 })).toBe('45 мин')
  })

  it('has every English message in Russian, Chinese and Kazakh, with the same parameters', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [name, dict] of Object.entries({ ru, zh, kk })) {
      const missing = Object.keys(en).filter((k) => !(k in dict))
      expect(missing, `${name} lacks`).toEqual([])
      for (const [k, v] of Object.entries(dict)) {
        expect(params(v), `${name} ${k}`).toEqual(params(en[k as keyof typeof en]))
      }
    }
  })
})
