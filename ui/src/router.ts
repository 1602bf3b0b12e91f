///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { createRouter, createWebHistory } from 'vue-router'
import ItemHistoryView from './views/ItemHistoryView.vue'
import ItemsView from './views/ItemsView.vue'
import OverviewView from './views/OverviewView.vue'
import SegmentView from './views/SegmentView.vue'
import SourceEditView from './views/SourceEditView.vue'
import SourcesView from './views/SourcesView.vue'

export const routes = [
  { path: '/', name: 'overview', component: OverviewView, meta: { title: 'Sources' } },
  { path: '/items', name: 'items', component: ItemsView, meta: { title: 'Items' } },
  { path: '/items/:id(\\d+)', name: 'item', component: ItemHistoryView, meta: { title: 'Item history' } },
  { path: '/sources', name: 'sources', component: SourcesView, meta: { title: 'Manage sources' } },
  { path: '/sources/new', name: 'source-new', component: SourceEditView, meta: { title: 'Add a source' } },
  { path: '/sources/:id/edit', name: 'source-edit', component: SourceEditView, props: true, meta: { title: 'Edit a source' } },
  { path: '/segment', name: 'segment', component: SegmentView, meta: { title: 'Shared memory' } },
  { path: '/:rest(.*)*', redirect: '/' },
]

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  router.afterEach((to) => {
    document.title = `${(to.meta.title as string | undefined) ?? ''} · native-shm`
  })
  return router
}
