import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '../src/i18n'
import { bytes, comments, compact, count, duration, percent, relativeTime, scoreText } from '../src/util/format'

describe('format', () => {
  const now = Date.parse('2026-11-26T18:00:00Z')

  afterEach(() => setLocale('en'))

  it('says how long ago or how soon, coarsening with distance', () => {
    expect(relativeTime('2026-11-26T18:00:00Z', now)).toBe('just now')
    expect(relativeTime('2026-11-26T17:59:18Z', now)).toBe('42s ago')
    expect(relativeTime('2026-11-26T17:55:00Z', now)).toBe('5m ago')
    expect(relativeTime('2026-11-26T15:00:00Z', now)).toBe('3h ago')
    expect(relativeTime('2026-11-24T18:00:00Z', now)).toBe('2d ago')
    expect(relativeTime('2026-11-26T18:03:00Z', now)).toBe('in 3m')
  })

  it('treats null and unparsable times as never', () => {
    expect(relativeTime(null, now)).toBe('never')
    expect(relativeTime('soon', now)).toBe('never')
  })

  it('formats durations, sizes and fractions', () => {
    expect(duration(850)).toBe('850 ms')
    expect(duration(1234)).toBe('1.23 sec')
    expect(duration(75_000)).toBe('1 min 15 sec')
    expect(bytes(512)).toBe('512 B')
    expect(bytes(262144)).toBe('256 KiB')
    expect(bytes(5 * 1024 * 1024)).toBe('5.0 MiB')
    expect(percent(0.8)).toBe('80%')
    expect(comments(1)).toBe('1 comment')
    expect(comments(1200)).toBe('1,200 comments')
  })

  it('writes scores in their unit, compact when large', () => {
    expect(compact(950)).toBe('950')
    expect(compact(3456)).toBe('3.4K')
    expect(compact(12_999)).toBe('12K')
    expect(compact(1_250_000)).toBe('1.2M')
    expect(scoreText(120, 'points')).toBe('120 points')
    expect(scoreText(1, 'points')).toBe('1 point')
    expect(scoreText(3456, 'stars')).toBe('3.4K stars')
    expect(scoreText(7, 'score')).toBe('score 7')
  })

  it('formats for Simplified Chinese after a switch', () => {
    setLocale('zh-CN')
    expect(relativeTime('2026-11-26T17:59:18Z', now)).toBe('42秒前')
    expect(relativeTime('2026-11-26T18:03:00Z', now)).toBe('3分钟后')
    expect(relativeTime(null, now)).toBe('从未')
    expect(duration(1234)).toBe('1.23秒')
    expect(count(1200)).toBe('1,200')
    expect(compact(12_999)).toBe('1.2万')
    expect(comments(3)).toBe('3 条评论')
    expect(scoreText(7, 'score')).toBe('得分 7')
    expect(scoreText(1, 'points')).toBe('1 points') // the source's own word, untranslated
  })
})
