import { describe, expect, it } from 'vitest'
import { localName } from './names.ts'

describe('localName', () => {
  const china = { name: 'China', names: { ru: 'Китай', zh: '中国', kk: 'Қытай' } }
  const xi = { full_name: 'Xi Jinping', names: { zh: '习近平' } }

  it('gives the name in the reader’s language', () => {
    expect(localName(china, 'zh')).toBe('中国')
    expect(localName(china, 'ru')).toBe('Китай')
    expect(localName(china, 'kk')).toBe('Қытай')
    expect(localName(xi, 'zh')).toBe('习近平')
  })

  it('falls back to name, or full_name for members', () => {
    expect(localName(china, 'en')).toBe('China')
    expect(localName(xi, 'ru')).toBe('Xi Jinping')
    expect(localName({ name: 'Akorda', names: {} }, 'kk')).toBe('Akorda')
    expect(localName({ name: 'Akorda', names: { kk: '  ' } }, 'kk')).toBe('Akorda')
    expect(localName({ name: 'Akorda' }, 'zh')).toBe('Akorda')
  })

  it('answers empty for nothing', () => {
    expect(localName(undefined, 'zh')).toBe('')
    expect(localName(null, 'ru')).toBe('')
  })
})
