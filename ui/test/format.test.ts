import { describe, expect, it } from 'vitest'
import { bytes, compact, duration, percent, plural, relativeTime, scoreText } from '../src/util/format'

describe('format', () => {
  const now = Date.parse('2026-11-26T18:00:00Z')

  it('says how long ago or how soon, coarsening with distance', () => {
    expect(relativeTime('2026-11-26T18:00:00Z', now)).toBe('just now')
    expect(relativeTime('2026-11-26T17:59:18Z', now)).toBe('42 s ago')
    expect(relativeTime('2026-11-26T17:55:00Z', now)).toBe('5 min ago')
    expect(relativeTime('2026-11-26T15:00:00Z', now)).toBe('3 h ago')
    expect(relativeTime('2026-11-24T18:00:00Z', now)).toBe('2 d ago')
    expect(relativeTime('2026-11-26T18:03:00Z', now)).toBe('in 3 min')
  })

  it('treats null and unparsable times as never', () => {
    expect(relativeTime(null, now)).toBe('never')
    expect(relativeTime('soon', now)).toBe('never')
  })

  it('formats durations, sizes and fractions', () => {
    expect(duration(850)).toBe('850 ms')
    expect(duration(1234)).toBe('1.23 s')
    expect(duration(75_000)).toBe('1 min 15 s')
    expect(bytes(512)).toBe('512 B')
    expect(bytes(262144)).toBe('256 KiB')
    expect(bytes(5 * 1024 * 1024)).toBe('5.0 MiB')
    expect(percent(0.8)).toBe('80%')
    expect(plural(1, 'point')).toBe('1 point')
    expect(plural(1200, 'point')).toBe('1,200 points')
  })

  it('writes scores in their unit, compact when large', () => {
    expect(compact(950)).toBe('950')
    expect(compact(3456)).toBe('3.4k')
    expect(compact(12_999)).toBe('12k')
    expect(compact(1_250_000)).toBe('1.2M')
    expect(scoreText(120, 'points')).toBe('120 points')
    expect(scoreText(1, 'points')).toBe('1 point')
    expect(scoreText(3456, 'stars')).toBe('3.4k stars')
    expect(scoreText(7, 'score')).toBe('score 7')
  })
})
