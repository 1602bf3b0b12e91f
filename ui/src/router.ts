///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { watch } from 'vue'
import { createRouter, createWebHistory, type Router } from 'vue-router'
import { useSession } from './composables/session'
import { currentLocale, t } from './i18n'
import ItemHistoryView from './views/ItemHistoryView.vue'
import ItemsView from './views/ItemsView.vue'
import LoginView from './views/LoginView.vue'
import OverviewView from './views/OverviewView.vue'
import SegmentView from './views/SegmentView.vue'
import SourceEditView from './views/SourceEditView.vue'
import SourcesView from './views/SourcesView.vue'

export const routes = [
  { path: '/', name: 'overview', component: OverviewView, meta: { title: 'title.overview' } },
  { path: '/items', name: 'items', component: ItemsView, meta: { title: 'title.items' } },
  { path: '/items/:id(\\d+)', name: 'item', component: ItemHistoryView, meta: { title: 'title.item' } },
  { path: '/sources', name: 'sources', component: SourcesView, meta: { title: 'title.sources' } },
  { path: '/sources/new', name: 'source-new', component: SourceEditView, meta: { title: 'title.sourceNew' } },
  { path: '/sources/:id/edit', name: 'source-edit', component: SourceEditView, props: true, meta: { title: 'title.sourceEdit' } },
  { path: '/segment', name: 'segment', component: SegmentView, meta: { title: 'title.segment' } },
  { path: '/login', name: 'login', component: LoginView, meta: { title: 'title.login' } },
  { path: '/:rest(.*)*', redirect: '/' },
]

function setTitle(router: Router) {
  const key = router.currentRoute.value.meta.title as string | undefined
  document.title = `${key ? t(key) : ''} · native-shm`
}

/**
 * Sends the reader to the login page while the api wants a login and nobody is logged in: before
 * any view asks for data, and whenever a read meets a 401 later (the session ended). The login
 * page comes back to where the reader was.
 */
function guard(router: Router) {
  const { ready, canRead } = useSession()
  router.beforeEach(async (to) => {
    if (to.name === 'login') return true
    await ready()
    return canRead.value || { name: 'login', query: { redirect: to.fullPath } }
  })
  watch(canRead, (can) => {
    const here = router.currentRoute.value
    if (!can && here.name !== 'login') void router.replace({ name: 'login', query: { redirect: here.fullPath } })
  })
}

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  guard(router)
  router.afterEach(() => setTitle(router))
  watch(currentLocale, () => setTitle(router))
  return router
}
