import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import MiniChart from '../src/components/MiniChart.vue'

const plots = vi.hoisted(() => [] as { opts: { series: { label?: string }[] }; data: unknown[]; setData: ReturnType<typeof vi.fn>; destroy: ReturnType<typeof vi.fn> }[])

vi.mock('uplot', () => ({
  default: vi.fn(function (this: unknown, opts: never, data: unknown[]) {
    const plot = { opts, data, setData: vi.fn(), destroy: vi.fn(), setSize: vi.fn() }
    plots.push(plot)
    return plot
  }),
}))

describe('MiniChart', () => {
  const series = (values: number[]) => [
    { label: 'fetch', values, color: '--chart-1', format: (v: number) => `${v} ms` },
  ]

  it('plots times in seconds with one scale per series, and labels itself for screen readers', () => {
    const chart = mount(MiniChart, { props: { x: [1000, 2000], series: series([5, 7]), label: 'fetch durations' } })
    expect(plots).toHaveLength(1)
    expect(plots[0].data).toEqual([[1, 2], [5, 7]])
    expect(plots[0].opts.series[1].label).toBe('fetch')
    expect(chart.find('figure').attributes('aria-label')).toBe('fetch durations')
    expect(chart.find('figcaption').text()).toContain('7 ms')
  })

  it('updates the data in place and cleans up on unmount', async () => {
    plots.length = 0
    const chart = mount(MiniChart, { props: { x: [1000], series: series([5]), label: 'l' } })
    await chart.setProps({ x: [1000, 3000], series: series([5, 9]) })
    expect(plots[0].setData).toHaveBeenCalledWith([[1, 3], [5, 9]])
    chart.unmount()
    expect(plots[0].destroy).toHaveBeenCalled()
  })
})
