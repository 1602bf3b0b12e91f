/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.app;

import io.github.nativeshm.crawler.model.CrawlEvent;
import io.github.nativeshm.crawler.model.CrawlerInfo;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.EventType;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.SharedArray;
import io.github.nativeshm.structured.StructuredSegment;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end freshness: this process plays the crawler (it writes the segment an api started with
 * {@code --no-crawler} reads), publishes items stamped with {@link System#nanoTime()} — one
 * machine-wide monotonic clock on Linux — and an SSE client here measures when each arrives.
 */
final class Freshness {
    private static final Pattern STAMP = Pattern.compile("\"text\":\"t=(\\d+)\"");
    private static final int ITEMS = 30;

    private Freshness() {
    }

    /** Publishes {@code count} items, one every {@code periodMicros}, and returns the delivery latencies (µs). */
    static Histogram measure(String segmentName, URI api, int count, long periodMicros, int warmup) throws Exception {
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        try (StructuredSegment segment = StructuredSegment.create(segmentName, CrawlerSegment.spec(1, ITEMS))) {
            segment.value(CrawlerSegment.CRAWLER, CrawlerInfo.class).write(new CrawlerInfo(ProcessHandle.current().pid(),
                    System.currentTimeMillis(), 1, ITEMS, "bench", "freshness", 0, 0));
            segment.array(CrawlerSegment.SOURCES, SourceStatus.class).write(0, new SourceStatus("bench", "Bench", "json",
                    "score", "http://127.0.0.1/", 0, 0, Outcome.OK.code(), 200, "", 0, 0, 0, 1, 0, 0, 0, 0, ""));
            SharedArray<Item> items = segment.array(CrawlerSegment.ITEMS, Item.class);
            EventRing<CrawlEvent> events = segment.ring(CrawlerSegment.EVENTS, CrawlEvent.class);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            // The plainest SSE client: one HTTP/1.1 request on a socket, then the stream read line by line.
            Socket socket = new Socket(api.getHost(), api.getPort());
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: " + api.getHost() + "\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader stream = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int[] received = {0};
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = stream.readLine()) != null; ) {
                        Matcher stamp = STAMP.matcher(line);
                        if (stamp.find()) {
                            long micros = (System.nanoTime() - Long.parseLong(stamp.group(1))) / 1000;
                            synchronized (latencies) {
                                if (received[0]++ >= warmup) {
                                    latencies.recordValue(Math.min(micros, latencies.getHighestTrackableValue()));
                                }
                                latencies.notifyAll();
                            }
                        }
                    }
                } catch (IOException e) {
                    if (!socket.isClosed()) {
                        failure.set(e);
                    }
                }
            }, "freshness-client");
            reader.setDaemon(true);
            reader.start();
            Thread.sleep(1000); // the api's hub places the client's cursor
            for (int n = 0; n < warmup + count; n++) {
                long stamp = System.nanoTime();
                Item item = new Item(n + 1, 0, 1, "bench", "item " + n, "http://127.0.0.1/" + n, n, 0, "", 0,
                        System.currentTimeMillis(), System.currentTimeMillis(), false, false);
                items.write(n % ITEMS, item);
                events.append(new CrawlEvent(System.currentTimeMillis(), EventType.ITEM_NEW.code(), 0, item.id(), "bench",
                        "t=" + stamp));
                segment.heartbeat();
                TimeUnit.MICROSECONDS.sleep(periodMicros);
            }
            synchronized (latencies) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (received[0] < warmup + count && System.nanoTime() < deadline) {
                    latencies.wait(100);
                }
            }
            socket.close();
            if (failure.get() != null) {
                throw new IOException("the event stream failed", failure.get());
            }
            if (received[0] < warmup + count) {
                throw new IOException("only " + received[0] + " of " + (warmup + count) + " events arrived");
            }
        } finally {
            io.github.nativeshm.Segment.unlink(segmentName);
        }
        return latencies;
    }
}
