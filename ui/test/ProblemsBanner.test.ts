import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { Status, StatusProblem } from '../src/api/types'
import LiveIndicator from '../src/components/LiveIndicator.vue'
import ProblemsBanner from '../src/components/ProblemsBanner.vue'

function problem(overrides: Partial<StatusProblem>): StatusProblem {
  return { kind: 'config', message: 'bad', file: null, source: null, field: null, value: null, ...overrides }
}

describe('ProblemsBanner', () => {
  it('lists each problem with the keys that apply', () => {
    const status: Status = {
      state: 'config-invalid',
      message: 'The crawler cannot start: its configuration has 2 problems.',
      problems: [
        problem({ file: '/tmp/x/crawler.yaml', source: 'hn', field: 'schedule', value: 'soon', message: 'not a duration or cron expression' }),
        problem({ file: '/tmp/x/crawler.yaml', message: 'no sources' }),
      ],
    }
    const banner = mount(ProblemsBanner, { props: { status } })
    expect(banner.find('h2').text()).toBe("The crawler's configuration has problems")
    expect(banner.attributes('role')).toBe('alert')
    expect(banner.find('.message').text()).toBe(status.message)
    const items = banner.findAll('.problem')
    expect(items).toHaveLength(2)
    const keys = (i: number) => Object.fromEntries(items[i].findAll('dl > div').map((d) => [d.find('dt').text(), d.find('dd').text()]))
    expect(items[0].find('.text').text()).toBe('not a duration or cron expression')
    expect(keys(0)).toEqual({ file: '/tmp/x/crawler.yaml', source: 'hn', field: 'schedule', value: 'soon' })
    expect(items[1].find('.kind').text()).toBe('config')
    expect(keys(1)).toEqual({ file: '/tmp/x/crawler.yaml' })
  })

  it.each([
    ['starting', 'The crawler is starting', 'status'],
    ['crawler-down', 'The crawler is not running', 'alert'],
    ['segment-damaged', 'The segment is damaged — waiting for the crawler to repair it', 'alert'],
    ['not-publishing', 'The crawler is not publishing', 'alert'],
    ['config-refused', "An edit of the crawler's configuration was refused — the crawler goes on with the sources it had", 'alert'],
    ['on-fire', 'The app reports a problem (on-fire)', 'alert'],
  ])('has a plain heading for %s', (state, heading, role) => {
    const banner = mount(ProblemsBanner, { props: { status: { state, message: '', problems: [] } as unknown as Status } })
    expect(banner.find('h2').text()).toBe(heading)
    expect(banner.attributes('role')).toBe(role)
    expect(banner.find('.message').exists()).toBe(false)
    expect(banner.find('ul').exists()).toBe(false)
  })
})

describe('LiveIndicator', () => {
  it('says live only while the stream is open and the app is ok', () => {
    const text = (props: object) => mount(LiveIndicator, { props: props as never }).text()
    expect(text({ state: 'live', appState: 'ok' })).toBe('live')
    expect(text({ state: 'live', appState: null })).toBe('live')
    expect(text({ state: 'live', appState: 'not-publishing' })).toBe('not publishing')
    expect(text({ state: 'live', appState: 'config-invalid' })).toBe('config invalid')
    expect(text({ state: 'reconnecting', appState: 'crawler-down' })).toBe('crawler down')
    expect(text({ state: 'reconnecting', appState: 'ok' })).toBe('reconnecting…')
    expect(text({ state: 'live', appState: 'starting' })).toBe('starting…')
    expect(mount(LiveIndicator, { props: { state: 'live', appState: 'starting' } }).classes()).toContain('connecting')
    expect(mount(LiveIndicator, { props: { state: 'live', appState: 'crawler-down' } }).classes()).toContain('problem')
  })
})
