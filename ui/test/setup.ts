import { config, enableAutoUnmount } from '@vue/test-utils'
import { afterEach } from 'vitest'
import { i18n } from '../src/i18n'

// Every component speaks through vue-i18n; jsdom's navigator says en-US, so tests read English.
config.global.plugins = [i18n]

// jsdom has no matchMedia; uPlot and the chart component ask it for the pixel ratio and the
// colour scheme. Answer "light, ratio 1" and never fire changes.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener() {},
      removeEventListener() {},
      addListener() {},
      removeListener() {},
      dispatchEvent: () => false,
    }) as MediaQueryList
}

// Unmount what each test mounted, so app-wide stores do not keep listeners from earlier tests.
enableAutoUnmount(afterEach)

// jsdom has <dialog> but not its modal methods; model just the open state and the close event.
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.open = true
  }
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.open = false
    this.dispatchEvent(new Event('close'))
  }
}
