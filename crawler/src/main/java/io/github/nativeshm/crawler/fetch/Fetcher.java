package io.github.nativeshm.crawler.fetch;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A polite HTTP client for crawling: GETs a URL and reports what happened, never throwing for
 * anything a remote server or the network does.
 *
 * <pre>{@code
 * try (Fetcher fetcher = new Fetcher(FetchSettings.defaults())) {
 *     FetchResult page = fetcher.fetch(FetchRequest.of("https://example.org/news"));
 *     if (page.outcome() == FetchOutcome.OK) { parse(page.text()); }
 *     // next time: FetchRequest.of(url).withValidators(page.validators()) -> NOT_MODIFIED if unchanged
 * }
 * }</pre>
 *
 * <p>Per fetch, in order:
 * <ol>
 *   <li>robots.txt of the URL's origin is consulted (fetched once per TTL, see
 *       {@link FetchSettings#obeyRobots()}); a disallowed URL is never requested;</li>
 *   <li>the host's gate is passed: at most {@link FetchSettings#perHostConcurrency()} requests in
 *       flight and starts {@link FetchSettings#perHostDelay()} apart, measured start to start (a
 *       host is a host name, case-insensitive: its ports share one gate, while {@code localhost}
 *       and {@code 127.0.0.1} are two hosts);</li>
 *   <li>network failures, timeouts, 408, 429 and 5xx are retried up to
 *       {@link FetchSettings#maxRetries()} times, after a random back-off ("full jitter"), or after
 *       the {@code Retry-After} of a 429/503, which also holds back every other request to that
 *       host; a {@code Retry-After} above {@link FetchSettings#maxRetryAfter()} ends the fetch;</li>
 *   <li>redirects are followed by hand, each hop through steps 1-3, until a URL repeats or
 *       {@link FetchSettings#maxRedirects()} is exceeded;</li>
 *   <li>the body is read up to {@link FetchSettings#maxBodyBytes()} and its charset detected.</li>
 * </ol>
 *
 * <p>Thread-safe: share one instance; {@link #fetch} blocks the calling thread, waits included.
 * It owns a small thread pool for the HTTP client; {@link #close()} releases it.
 */
public final class Fetcher implements AutoCloseable {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final FetchSettings settings;
    private final ExecutorService executor;
    private final Transfer transfer;
    private final RetryPolicy retryPolicy;
    private final RobotsCache robots;
    private final ConcurrentHashMap<String, HostGate> gates = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A fetcher with these settings; close it when done. */
    public Fetcher(FetchSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        final String threadPrefix = "fetcher-" + INSTANCES.incrementAndGet() + "-http-";
        final AtomicInteger threads = new AtomicInteger();
        // The client's work on these threads never blocks (bodies are collected by LimitedBody), so two do.
        this.executor = Executors.newFixedThreadPool(2, task -> {
            final Thread t = new Thread(task, threadPrefix + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        final HttpClient.Builder client = HttpClient.newBuilder()
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with small plain-HTTP servers
        settings.proxy().ifPresent(proxy -> client.proxy(ProxySelector.of(proxy)));
        this.transfer = new Transfer(client.build(), settings.readTimeout());
        this.retryPolicy = new RetryPolicy(settings.backoffBase(), settings.backoffMax());
        this.robots = settings.obeyRobots()
                ? new RobotsCache(settings.robotsName(), settings.robotsTtl(), settings.robotsErrorTtl(),
                        robotsUrl -> retrieve(FetchRequest.of(robotsUrl), RobotsCache.MAX_ROBOTS_BYTES, false))
                : null;
    }

    /** The settings this fetcher was made with. */
    public FetchSettings settings() {
        return settings;
    }

    /**
     * Fetches {@code request.url()} politely; see the class description for the steps.
     *
     * @return the result, whatever happened remotely
     * @throws IllegalStateException if this fetcher is closed
     */
    public FetchResult fetch(FetchRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("fetcher is closed, url=" + request.url());
        }
        return retrieve(request, settings.maxBodyBytes(), settings.obeyRobots());
    }

    /** Stops the HTTP client's threads; fetches still running end with a failure result. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    private FetchResult retrieve(FetchRequest request, int limit, boolean askRobots) {
        final FetchTrace trace = new FetchTrace(request);
        try {
            while (true) {
                final URI url = trace.current();
                if (askRobots) {
                    final long begin = System.nanoTime();
                    final RobotsCache.Verdict verdict = robots.check(url);
                    trace.waited(System.nanoTime() - begin);
                    if (!verdict.allowed()) {
                        return trace.finish(FetchOutcome.ROBOTS_DISALLOWED, null, verdict.reason());
                    }
                }
                final Transfer.Response response = sendWithRetries(url, request, limit, trace);
                final int status = response.status();
                if (REDIRECTS.contains(status)) {
                    trace.redirectTo(redirectTarget(url, response, trace));
                } else if (status >= 200 && status < 300) {
                    return trace.finish(FetchOutcome.OK, response, response.truncated()
                            ? "body truncated at maxBodyBytes=" + limit + " bytes" : null);
                } else if (status == 304) {
                    return trace.finish(FetchOutcome.NOT_MODIFIED, response, null);
                } else {
                    return trace.finish(FetchOutcome.HTTP_ERROR, response, "HTTP " + status);
                }
            }
        } catch (Failure f) {
            return trace.finish(f.outcome, f.response, f.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return trace.finish(FetchOutcome.CANCELLED, null, "interrupted while fetching " + trace.current());
        }
    }

    /** One URL, retried as the settings allow; returns a final response or throws what ended it. */
    private Transfer.Response sendWithRetries(URI url, FetchRequest request, int limit, FetchTrace trace)
            throws Failure, InterruptedException {
        final HostGate gate = gates.computeIfAbsent(url.getHost().toLowerCase(Locale.ROOT),
                host -> new HostGate(settings.perHostConcurrency(), settings.perHostDelay()));
        final HttpRequest httpRequest = httpRequest(url, request);
        for (int tries = 1; ; tries++) {
            trace.waited(gate.enter());
            trace.attempted();
            Transfer.Response response = null;
            IOException failure = null;
            try {
                response = transfer.send(httpRequest, limit);
            } catch (IOException e) {
                failure = e;
            } finally {
                gate.leave();
            }
            final boolean lastTry = tries > settings.maxRetries();
            final String afterTries = tries == 1 ? "" : " (" + tries + " tries)";
            if (failure != null) {
                if (lastTry) {
                    throw new Failure(failure instanceof HttpTimeoutException ? FetchOutcome.TIMEOUT
                            : FetchOutcome.NETWORK_ERROR, null, Transfer.describe(failure) + afterTries);
                }
            } else if (!RetryPolicy.isRetryable(response.status())) {
                return response;
            } else {
                final Optional<Duration> retryAfter = response.status() == 429 || response.status() == 503
                        ? RetryPolicy.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null),
                                Instant.now())
                        : Optional.empty();
                if (retryAfter.isPresent()) {
                    // The host asked everyone to wait: hold back all requests to it, not just this one.
                    final Duration wait = retryAfter.get();
                    gate.holdOff(wait.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : wait);
                    if (wait.compareTo(settings.maxRetryAfter()) > 0) {
                        throw new Failure(FetchOutcome.HTTP_ERROR, response, "HTTP " + response.status()
                                + " with Retry-After " + wait.toSeconds() + " s, over maxRetryAfter="
                                + settings.maxRetryAfter().toSeconds() + " s" + afterTries);
                    }
                }
                if (lastTry) {
                    throw new Failure(FetchOutcome.HTTP_ERROR, response, "HTTP " + response.status() + afterTries);
                }
                if (retryAfter.isPresent()) {
                    continue; // the gate makes the next try wait
                }
            }
            final Duration backoff = retryPolicy.backoff(tries);
            TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
            trace.waited(backoff.toNanos());
        }
    }

    private HttpRequest httpRequest(URI url, FetchRequest request) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(url).GET()
                .setHeader("User-Agent", settings.userAgent())
                .setHeader("Accept", "*/*");
        conditional(builder, "If-None-Match", request.validators().etag());
        conditional(builder, "If-Modified-Since", request.validators().lastModified());
        request.headers().forEach(builder::setHeader);
        return builder.build();
    }

    private static void conditional(HttpRequest.Builder builder, String name, String validator) {
        if (validator == null) {
            return;
        }
        try {
            builder.setHeader(name, validator);
        } catch (IllegalArgumentException e) {
            // A validator the server sent but the client will not send back: fetch unconditionally.
        }
    }

    private URI redirectTarget(URI url, Transfer.Response response, FetchTrace trace) throws Failure {
        final int status = response.status();
        final String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
            throw new Failure(FetchOutcome.HTTP_ERROR, response, "HTTP " + status + " redirect without Location");
        }
        URI next;
        try {
            // "http://host" has an empty path, and URI.resolve would glue a relative reference onto the host.
            next = (url.getRawPath().isEmpty() ? url.resolve("/") : url).resolve(location.trim()).normalize();
        } catch (IllegalArgumentException e) {
            throw new Failure(FetchOutcome.HTTP_ERROR, response, "HTTP " + status + " redirect to an invalid URL: "
                    + location);
        }
        if (next.getRawFragment() != null) { // the fragment is not sent
            next = URI.create(next.toString().substring(0, next.toString().indexOf('#')));
        }
        final String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
            throw new Failure(FetchOutcome.HTTP_ERROR, response, "HTTP " + status + " redirect to a URL that is"
                    + " not http(s): " + next);
        }
        if (trace.visited(next)) {
            throw new Failure(FetchOutcome.REDIRECT_LOOP, response, "redirect loop: " + trace.chainTo(next));
        }
        if (trace.redirectCount() >= settings.maxRedirects()) {
            throw new Failure(FetchOutcome.REDIRECT_LOOP, response, "too many redirects (maxRedirects="
                    + settings.maxRedirects() + "): " + trace.chainTo(next));
        }
        return next;
    }

    /** Ends a fetch early with a result; a stack trace would say nothing useful. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final FetchOutcome outcome;
        private final transient Transfer.Response response;

        Failure(FetchOutcome outcome, Transfer.Response response, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
            this.response = response;
        }
    }
}
