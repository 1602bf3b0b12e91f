/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Polite, bounded HTTP fetching for the crawler: {@link io.github.nativeshm.crawler.fetch.Fetcher}
 * GETs a URL under robots.txt (and its {@code Crawl-delay}), per-host delay and concurrency limits,
 * retries with back-off and {@code Retry-After}, conditional GET, gzip/deflate decoding, a limit on
 * the decoded body and manual redirects, all within a deadline per fetch; it holds no thread while
 * a fetch waits, and reports every remote problem as a
 * {@link io.github.nativeshm.crawler.fetch.FetchResult} rather than an exception.
 * {@link io.github.nativeshm.crawler.fetch.FetchSettings} defines every setting once;
 * {@link io.github.nativeshm.crawler.fetch.Charsets} decodes what was fetched.
 *
 * <p>Inside: {@code FetchOperation} chains one fetch's steps, {@code HostGate} hands out turns at a
 * host, {@code RobotsCache} keeps robots.txt per origin, {@code Transfer} runs one exchange under
 * its timeouts, {@code BodyCollector} and {@code ContentDecoder} collect and decode its body.
 */
package io.github.nativeshm.crawler.fetch;
