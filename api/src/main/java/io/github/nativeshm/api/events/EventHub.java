/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.events;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.github.nativeshm.crawler.model.CrawlEvent;
import io.github.nativeshm.crawler.model.EventType;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.RingHandler;
import io.github.nativeshm.structured.RingReader;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.sse.Event;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows the crawler's event ring and feeds every server-sent-event client. Each client has its
 * own ring cursor, so the ring is the buffer: a client with more than {@value #MAX_UNSENT} events
 * not yet taken by its connection stays behind in the ring without holding anyone up, and one that
 * falls more than the ring's capacity behind is told to refetch. One thread
 * serves all clients; it sleeps on the segment's wake-up (futex / event), so an event reaches the
 * clients as soon as it is published.
 */
@Context
public class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    /** Longest wait for the ring before looking at new clients and demand again. */
    private static final Duration WAIT = Duration.ofMillis(250);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int BATCH = 256;
    /** Events handed to a connection that it has not asked for yet (they wait in its buffer). */
    private static final int MAX_UNSENT = 512;
    /** Events on their way to a connection's thread (the ring stays the buffer). */
    private static final int HANDOVER = 16;

    private final CrawlerData data;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final EventRate rate = new EventRate();
    private final Thread thread;
    private volatile boolean closed;

    public EventHub(CrawlerData data) {
        this.data = data;
        this.thread = new Thread(this::run, "sse-hub");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A client's stream, resuming after {@code lastEventId} (as {@link EventId#format} wrote it)
     * or starting with the next event when null.
     *
     * @param connectionThread where the events are handed to the client's connection (its event
     *                         loop), so that they and the connection's close come one after the
     *                         other; null: on the hub's thread
     */
    public Flux<Event<?>> subscribe(EventId lastEventId, Executor connectionThread) {
        requireReadableRing();
        Flux<Event<?>> events = Flux.create(sink -> {
            Client client = new Client(sink, lastEventId);
            try {
                CrawlerData.Attached attached = data.attached();
                client.start(attached.events(), attached.segment().epoch()); // from now: no event slips by
            } catch (SegmentUnavailableException | SegmentException e) {
                // the hub starts it when the segment appears (again)
            }
            sink.onRequest(client::requested);
            sink.onDispose(() -> clients.remove(client));
            client.send(comment("connected")); // the response starts now, not at the first event
            clients.add(client);
        }, FluxSink.OverflowStrategy.BUFFER);
        return connectionThread == null ? events
                : events.publishOn(Schedulers.fromExecutor(connectionThread), HANDOVER);
    }

    /**
     * Refuses a new stream while the crawler's event ring cannot be read (its write position is
     * corrupt): there is no place to start it. A segment not published yet is fine: events start
     * when it is.
     *
     * @throws SegmentUnavailableException if the ring is corrupt or the segment damaged
     */
    private void requireReadableRing() {
        CrawlerData.Attached attached;
        try {
            attached = data.attached();
        } catch (SegmentUnavailableException e) {
            if (e.why() == SegmentUnavailableException.Why.NOT_PUBLISHED) {
                return;
            }
            throw e;
        }
        try {
            attached.events().writePosition();
        } catch (SegmentException e) {
            throw data.failed(attached, e);
        }
    }

    private static Event<?> comment(String text) {
        return Event.of((Object) "").comment(text);
    }

    /** How many clients are connected. */
    public int clientCount() {
        return clients.size();
    }

    /** Events per second the crawler published over the last few seconds. */
    public double eventsPerSecond() {
        return rate.perSecond();
    }

    /**
     * The hub's loop. Nothing that goes wrong in one turn ends it: an unusable segment is waited
     * for, a damaged one is let go (clients get a {@code refetch} when the next one is attached),
     * anything else is logged and the next turn starts afresh.
     */
    private void run() {
        long lastKeepAlive = System.nanoTime();
        while (!closed) {
            CrawlerData.Attached attached = null;
            try {
                attached = data.attached();
                EventRing<CrawlEvent> ring = attached.events();
                long epoch = attached.segment().epoch();
                int seen = ring.changeCount();
                for (Client client : clients) {
                    client.deliver(ring, epoch);
                }
                observeRate(ring);
                if (System.nanoTime() - lastKeepAlive > KEEP_ALIVE.toNanos()) {
                    clients.forEach(Client::keepAlive);
                    lastKeepAlive = System.nanoTime();
                }
                if (clients.stream().noneMatch(client -> client.hasWork(epoch))) {
                    ring.awaitChange(seen, WAIT);
                }
            } catch (SegmentUnavailableException e) {
                pause();
            } catch (SegmentException e) {
                data.failed(attached, e);
                if (e.reason() != SegmentException.Reason.CLOSED) { // CLOSED: re-attached meanwhile, look again
                    LOG.warn("event stream: {}", e.getMessage());
                    pause();
                }
            } catch (Throwable e) { // this thread serves every client: it must outlive whatever happened
                LOG.error("event stream: {}", e.toString(), e);
                pause();
            }
        }
    }

    /** Counts the crawler's events for the rate; a corrupt write position counts nothing. */
    private void observeRate(EventRing<CrawlEvent> ring) {
        try {
            rate.observe(ring.writePosition());
        } catch (SegmentException e) {
            if (e.reason() != SegmentException.Reason.CORRUPT) {
                throw e;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT.toMillis());
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    /** Called on crawl events: the source history is gathered from the statuses they announce. */
    private void sourcesChanged() {
        try {
            data.snapshot();
        } catch (SegmentUnavailableException e) {
            // the next event will try again
        }
    }

    @PreDestroy
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        clients.forEach(client -> client.sink.complete());
    }

    /** One connected client: its sink and its cursor in the ring. */
    private final class Client {
        private final FluxSink<Event<?>> sink;
        private final AtomicLong requested = new AtomicLong();
        private long sent;
        private EventId resumeAfter;
        private RingReader<CrawlEvent> reader;
        private long readerEpoch;
        /** Whether the client was told that the ring is corrupt, and not given an event since. */
        private boolean corrupt;

        Client(FluxSink<Event<?>> sink, EventId resumeAfter) {
            this.sink = sink;
            this.resumeAfter = resumeAfter;
        }

        /** The connection asked for {@code n} more events (Long.MAX_VALUE: unbounded). */
        void requested(long n) {
            requested.accumulateAndGet(n, (total, more) -> total + more < 0 ? Long.MAX_VALUE : total + more);
        }

        /** How many more events may be handed over now. */
        private long room() {
            return Math.max(0, MAX_UNSENT - (sent - requested.get()));
        }

        void send(Event<?> event) {
            sent++;
            sink.next(event);
        }

        boolean hasWork(long epoch) {
            try {
                return reader != null && readerEpoch == epoch && reader.available() > 0 && room() > 0;
            } catch (SegmentException e) {
                ringCorrupt(e);
                return false;
            }
        }

        /** Hands over what the client has room for; a corrupt ring is {@link #ringCorrupt}. */
        void deliver(EventRing<CrawlEvent> ring, long epoch) {
            try {
                if (reader == null || readerEpoch != epoch) {
                    start(ring, epoch);
                }
                long room = Math.min(room(), BATCH);
                if (room > 0) {
                    reader.poll(handler(epoch), (int) room);
                }
                corrupt = false;
            } catch (SegmentException e) {
                ringCorrupt(e);
            }
        }

        /**
         * Tells the client once that the ring is corrupt ({@code refetch}); its cursor is placed
         * again after the newest event once the ring can be read. Other failures are the hub's.
         */
        private void ringCorrupt(SegmentException e) {
            if (e.reason() != SegmentException.Reason.CORRUPT) {
                throw e;
            }
            if (!corrupt) {
                send(refetch("the crawler's event ring is corrupt (" + e.getMessage() + "); events go on once it"
                        + " can be read again"));
                corrupt = true;
            }
            reader = null;
            resumeAfter = null;
        }

        /** Places the cursor: where the client resumes, or at the next event. */
        void start(EventRing<CrawlEvent> ring, long epoch) {
            if (reader != null) {
                send(refetch("the crawler's segment was re-created"));
                reader = ring.reader(EventRing.Start.OLDEST);
            } else if (resumeAfter == null) {
                reader = ring.reader(EventRing.Start.NEWEST);
            } else if (resumeAfter.epoch() != epoch || resumeAfter.sequence() >= ring.writePosition()) {
                send(refetch("the event " + resumeAfter.format() + " is not from the crawler's current segment"));
                reader = ring.reader(EventRing.Start.NEWEST);
            } else {
                reader = ring.readerAt(resumeAfter.sequence() + 1);
            }
            readerEpoch = epoch;
            resumeAfter = null;
        }

        private RingHandler<CrawlEvent> handler(long epoch) {
            return new RingHandler<>() {
                @Override
                public void onRecord(long sequence, CrawlEvent event) {
                    EventType type = EventType.ofCode(event.type());
                    if (type == EventType.CRAWL_OK || type == EventType.CRAWL_FAILED) {
                        sourcesChanged();
                    }
                    send(EventMessages.of(new EventId(epoch, sequence), type, event, data));
                }

                @Override
                public void onLoss(long firstLost, long count) {
                    send(refetch(count + " events were lost: this client fell more than the ring's capacity behind"));
                }
            };
        }

        void keepAlive() {
            send(comment("keep-alive"));
        }

        private Event<?> refetch(String reason) {
            return Event.of((Object) Map.of("reason", reason)).name("refetch");
        }
    }
}
