/**
 * Polite HTTP fetching for the crawler: {@link io.github.nativeshm.crawler.fetch.Fetcher} GETs a
 * URL under robots.txt, per-host delay and concurrency limits, retries with back-off and
 * {@code Retry-After}, conditional GET, a body limit and manual redirects, and reports every remote
 * problem as a {@link io.github.nativeshm.crawler.fetch.FetchResult} rather than an exception;
 * {@link io.github.nativeshm.crawler.fetch.Charsets} decodes what it fetched.
 */
package io.github.nativeshm.crawler.fetch;
