import { describe, expect, it } from 'vitest'
import { SseParser } from './stream.ts'

describe('the event stream parser', () => {
  it('reads events split across chunks, ignores comments, keeps the last id', () => {
    const p = new SseParser()
    expect(p.push('retry: 2000\n: connected\n\n')).toEqual([])
    const a = p.push('id: 41\nevent: meeting.updated\ndata: {"type":"meeting.up')
    expect(a).toEqual([])
    const b = p.push('dated","id":"m1","version":3}\n\n: heartbeat\n\nid: 42\r\nevent: reload\r\ndata: {}\r\n\r\n')
    expect(b).toEqual([
      { id: '41', event: 'meeting.updated', data: '{"type":"meeting.updated","id":"m1","version":3}' },
      { id: '42', event: 'reload', data: '{}' },
    ])
    expect(p.retry).toBe(2000)
  })
})
