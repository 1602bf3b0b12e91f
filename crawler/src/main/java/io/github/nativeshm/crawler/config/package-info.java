/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The crawler's configuration file: {@link io.github.nativeshm.crawler.config.CrawlerConfig} is read
 * from YAML and validated completely before anything runs.
 *
 * <p>The shipped {@code default-config.yaml}
 * ({@link io.github.nativeshm.crawler.config.CrawlerConfig#defaultText()}) documents every key. In short:
 * <ul>
 *   <li>{@code settings}: user agent, per-host delay and concurrency, timeouts, retries and back-off,
 *       maximum body size and redirects, proxy, robots.txt, default charset
 *       ({@link io.github.nativeshm.crawler.fetch.FetchSettings}).</li>
 *   <li>{@code sources}: each with {@code id}, {@code name}, {@code kind} ({@code html}, {@code rss} — which
 *       also reads Atom — or {@code json}), {@code url}, {@code schedule} (an interval of at least
 *       {@code 1m} or a 5-field UNIX cron expression in UTC, see
 *       {@link io.github.nativeshm.crawler.config.Schedule}),
 *       {@code maxItems}, {@code scoreUnit}, {@code tags}, {@code headers}, and {@code selectors} (html) or
 *       {@code pointers} (json).</li>
 * </ul>
 *
 * <p>A second file, the sources file ({@link io.github.nativeshm.crawler.config.SourcesFile}, the
 * crawler's {@code --sources}), may hold more sources: only a {@code sources:} list in the same
 * schema, with ids the config file does not use; the app writes the sources made through it
 * there, atomically. {@link io.github.nativeshm.crawler.config.CrawlerConfig#read(java.util.Optional,
 * java.util.Optional)} reads both; {@link io.github.nativeshm.crawler.config.SourceDrafts} checks one
 * source given as a map, with the same messages.
 *
 * <p>Validation collects every problem and reports them together in a
 * {@link io.github.nativeshm.crawler.config.ConfigException}, one line each:
 * {@code <file>: <source 'id' | source #n | settings>: field '<path>': <problem>}. Unknown keys are
 * errors (listing the known keys), as with Jackson's FAIL_ON_UNKNOWN_PROPERTIES; so are bad CSS
 * selectors (with jsoup's reason), URLs other than absolute http(s), bad schedules, duplicate ids,
 * ids outside {@code [a-z0-9-]{1,31}}, {@code maxItems} outside 1..1000, a {@code scoreUnit} that
 * is not 1 to 15 bytes of letters, a source URL above 2,048 bytes, bad or repeated tags and a kind's missing fields. Each
 * problem is also available in parts ({@link io.github.nativeshm.crawler.config.ConfigProblem}:
 * file, source, field, value, message) for programs that list them, such as the api.
 *
 * <p>A config path that is not a regular file (a directory, a FIFO, {@code /dev/zero}) or a file
 * above 2 MiB is refused before it is read.
 */
package io.github.nativeshm.crawler.config;
