/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Trying sources before saving them: {@link io.github.nativeshm.crawler.preview.SourcePreview}
 * fetches a draft once and says what each field matched and what looks wrong,
 * {@link io.github.nativeshm.crawler.preview.SourceDiscovery} guesses what a URL is and which feeds
 * a page advertises, and {@link io.github.nativeshm.crawler.preview.Opml} imports and exports feed
 * lists. Pages come through the crawler's own fetcher (robots.txt and per-host politeness apply)
 * and are kept a few minutes by {@link io.github.nativeshm.crawler.preview.PageCache}, so that
 * trying selector after selector asks the site once. Results are plain records that any JSON
 * mapper writes as they are.
 */
package io.github.nativeshm.crawler.preview;
