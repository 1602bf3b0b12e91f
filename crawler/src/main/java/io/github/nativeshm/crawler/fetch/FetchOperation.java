/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One fetch in progress, as a chain of asynchronous steps (robots.txt, a turn at the host, the
 * transfer, then a retry, a redirect or the end) that hold no thread while they wait. See
 * {@link Fetcher} for the rules it follows.
 */
final class FetchOperation {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Fetcher fetcher;
    private final FetchSettings settings;
    private final FetchRequest request;
    private final int limit;
    private final boolean askRobots;
    private final FetchTrace trace;
    private final CompletableFuture<FetchResult> result = new CompletableFuture<>();
    private volatile CompletableFuture<?> step = CompletableFuture.completedFuture(null); // what is awaited now

    /**
     * @param limit     most decoded body bytes kept
     * @param askRobots whether robots.txt is consulted before each URL
     */
    FetchOperation(Fetcher fetcher, FetchRequest request, int limit, boolean askRobots) {
        this.fetcher = fetcher;
        this.settings = fetcher.settings();
        this.request = request;
        this.limit = limit;
        this.askRobots = askRobots;
        this.trace = new FetchTrace(request, settings);
    }

    /**
     * Starts the fetch.
     *
     * @return {@link #result()}
     */
    CompletableFuture<FetchResult> start() {
        result.whenComplete((r, e) -> step.cancel(true));
        visit(request.url());
        return result;
    }

    /**
     * The fetch's result, which never fails for anything remote; cancelling it stops the fetch
     * and releases what it holds (its connection, its turn at a host).
     */
    CompletableFuture<FetchResult> result() {
        return result;
    }

    /** Ends the fetch now with {@link FetchOutcome#CANCELLED} and {@code why}. */
    void cancel(String why) {
        finish(FetchOutcome.CANCELLED, null, why);
    }

    /** robots.txt first (when asked), then the first try. */
    private void visit(URI url) {
        if (!askRobots) {
            attempt(url, 1);
            return;
        }
        final long begin = System.nanoTime();
        await(fetcher.robots().check(url), (verdict, failure) -> {
            trace.waited(System.nanoTime() - begin);
            if (failure != null) {
                cancel("cancelled while fetching robots.txt for " + url);
            } else if (!verdict.allowed()) {
                finish(FetchOutcome.ROBOTS_DISALLOWED, null, verdict.reason());
            } else {
                final Duration crawlDelay = verdict.crawlDelay();
                fetcher.gate(url).crawlDelay(crawlDelay.compareTo(settings.maxCrawlDelay()) > 0
                        ? settings.maxCrawlDelay() : crawlDelay);
                attempt(url, 1);
            }
        });
    }

    /** Try number {@code tries} of {@code url}: a turn at its host, then the transfer. */
    private void attempt(URI url, int tries) {
        final HostGate gate = fetcher.gate(url);
        await(gate.enter(), (waited, notAdmitted) -> {
            if (notAdmitted != null) {
                return; // the fetch was cancelled while queued
            }
            if (result.isDone()) {
                gate.leave();
                return;
            }
            trace.turnTaken(waited);
            trace.hostDelay(gate.delay());
            trace.attempted();
            final CompletableFuture<Transfer.Response> transfer;
            try {
                transfer = fetcher.transfer().send(httpRequest(url), limit, trace.deadline(), gate::responding);
            } catch (RuntimeException e) {
                gate.leave();
                throw e;
            }
            await(transfer, (response, failure) -> {
                gate.leave();
                if (failure != null) {
                    failed(url, tries, unwrap(failure));
                } else {
                    answered(url, tries, response);
                }
            });
        });
    }

    private void failed(URI url, int tries, Throwable failure) {
        if (failure instanceof Transfer.DeadlineExceeded deadline) {
            finish(FetchOutcome.TIMEOUT, null, trace.outOfTime(deadline.wireBytes()));
        } else {
            retryOrFinish(url, tries, failure instanceof HttpTimeoutException ? FetchOutcome.TIMEOUT
                    : FetchOutcome.NETWORK_ERROR, null, Transfer.describe(failure));
        }
    }

    private void answered(URI url, int tries, Transfer.Response response) {
        final int status = response.status();
        if (RetryPolicy.isRetryable(status)) {
            final Optional<Duration> retryAfter = status == 429 || status == 503
                    ? RetryPolicy.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null),
                            Instant.now())
                    : Optional.empty();
            if (retryAfter.isEmpty()) {
                retryOrFinish(url, tries, FetchOutcome.HTTP_ERROR, response, "HTTP " + status);
                return;
            }
            // The host asked everyone to wait: hold back all requests to it, not just this one.
            final Duration wait = retryAfter.get();
            final boolean tooLong = wait.compareTo(settings.maxRetryAfter()) > 0;
            fetcher.gate(url).holdOff(tooLong ? settings.maxRetryAfter() : wait);
            if (tooLong) {
                finish(FetchOutcome.HTTP_ERROR, response, "HTTP " + status + " with Retry-After " + wait.toSeconds()
                        + " s, over maxRetryAfter=" + settings.maxRetryAfter().toSeconds() + " s" + afterTries(tries));
            } else if (tries > settings.retries()) {
                finish(FetchOutcome.HTTP_ERROR, response, "HTTP " + status + afterTries(tries));
            } else {
                attempt(url, tries + 1); // the gate makes it wait, and waits at the gate are not the fetch's time
            }
        } else if (REDIRECTS.contains(status)) {
            final URI next = redirectTarget(url, response);
            if (next != null) {
                trace.redirectTo(next);
                visit(next);
            }
        } else if (status >= 200 && status < 300) {
            finish(FetchOutcome.OK, response, response.truncated() ? "body truncated at maxBodySize=" + limit
                    + " bytes (decoded; " + response.wireBytes() + " bytes received)" : null);
        } else if (status == 304) {
            finish(FetchOutcome.NOT_MODIFIED, response, null);
        } else {
            finish(FetchOutcome.HTTP_ERROR, response, "HTTP " + status);
        }
    }

    /** Waits a back-off and tries again, if tries and the time budget are left; ends the fetch otherwise. */
    private void retryOrFinish(URI url, int tries, FetchOutcome outcome, Transfer.Response response, String problem) {
        if (tries > settings.retries()) {
            finish(outcome, response, problem + afterTries(tries));
            return;
        }
        final Duration backoff = fetcher.retryPolicy().backoff(tries);
        if (!trace.hasTimeFor(backoff.toNanos())) {
            finish(outcome, response, problem + afterTries(tries) + "; no time left for a retry within maxFetchTime="
                    + settings.maxFetchTime().toMillis() + " ms");
            return;
        }
        trace.waited(backoff.toNanos());
        await(delay(backoff), (ignored, cancelled) -> {
            if (cancelled == null) {
                attempt(url, tries + 1);
            }
        });
    }

    private CompletableFuture<Void> delay(Duration wait) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            fetcher.timer().schedule(() -> done.complete(null), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            done.cancel(false); // the fetcher is closing
        }
        return done;
    }

    /**
     * Continues with {@code next} when {@code stage} completes, unless the fetch ended meanwhile
     * (then the stage is cancelled). A defect in a step ends the fetch instead of vanishing.
     */
    private <T> void await(CompletableFuture<T> stage, BiConsumer<T, Throwable> next) {
        step = stage;
        if (result.isDone()) {
            stage.cancel(true);
        }
        stage.whenComplete((value, failure) -> {
            try {
                next.accept(value, failure);
            } catch (RuntimeException defect) {
                result.completeExceptionally(defect);
            }
        });
    }

    private void finish(FetchOutcome outcome, Transfer.Response response, String message) {
        if (!result.isDone()) {
            result.complete(trace.finish(outcome, response, message));
        }
    }

    private HttpRequest httpRequest(URI url) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(url).GET()
                .setHeader("User-Agent", settings.userAgent())
                .setHeader("Accept", "*/*")
                .setHeader("Accept-Encoding", ContentDecoder.ACCEPTED);
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

    /** Where a redirect leads, or null after ending the fetch because it leads nowhere acceptable. */
    private URI redirectTarget(URI url, Transfer.Response response) {
        final int status = response.status();
        final String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
            finish(FetchOutcome.HTTP_ERROR, response, "HTTP " + status + " redirect without Location");
            return null;
        }
        URI next;
        try {
            // "http://host" has an empty path, and URI.resolve would glue a relative reference onto the host.
            next = (url.getRawPath().isEmpty() ? url.resolve("/") : url).resolve(location.trim()).normalize();
        } catch (IllegalArgumentException e) {
            finish(FetchOutcome.HTTP_ERROR, response, "HTTP " + status + " redirect to an invalid URL: " + location);
            return null;
        }
        if (next.getRawFragment() != null) { // the fragment is not sent
            next = URI.create(next.toString().substring(0, next.toString().indexOf('#')));
        }
        final String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
            finish(FetchOutcome.HTTP_ERROR, response, "HTTP " + status + " redirect to a URL that is not http(s): "
                    + next);
        } else if (trace.visited(next)) {
            finish(FetchOutcome.REDIRECT_LOOP, response, "redirect loop: " + trace.chainTo(next));
        } else if (trace.redirectCount() >= settings.maxRedirects()) {
            finish(FetchOutcome.REDIRECT_LOOP, response, "too many redirects (maxRedirects="
                    + settings.maxRedirects() + "): " + trace.chainTo(next));
        } else {
            return next;
        }
        return null;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String afterTries(int tries) {
        return tries == 1 ? "" : " (" + tries + " tries)";
    }
}
