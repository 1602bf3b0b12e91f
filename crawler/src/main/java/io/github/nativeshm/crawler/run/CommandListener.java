/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.crawler.model.CommandSegment;
import io.github.nativeshm.crawler.model.CrawlCommand;
import io.github.nativeshm.crawler.model.CrawlerInfo;
import io.github.nativeshm.structured.RingHandler;
import io.github.nativeshm.structured.RingReader;
import io.github.nativeshm.structured.StructuredSegment;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Follows the api's {@link CommandSegment} and carries out its commands, each once: the crawler's
 * segment records how far it got, so a restarted crawler resumes after the last command done.
 * The command segment may appear, vanish and be re-created (api restarts) at any time: it is
 * re-opened when retired or when its writer is gone.
 */
final class CommandListener implements AutoCloseable {
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String segmentName;
    private final CrawlPublisher publisher;
    private final Predicate<String> crawlNow;
    private final CrawlerLog log;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param crawlNow starts a crawl of the source with that id, false if there is no such source
     */
    CommandListener(String segmentName, CrawlPublisher publisher, Predicate<String> crawlNow, CrawlerLog log) {
        this.segmentName = segmentName;
        this.publisher = publisher;
        this.crawlNow = crawlNow;
        this.log = log;
        this.thread = new Thread(this::run, "crawler-commands");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try (StructuredSegment commands = StructuredSegment.open(segmentName)) {
                follow(commands);
            } catch (SegmentException e) {
                sleep(); // not there (no api, or it is restarting) or being created: look again soon
            } catch (RuntimeException e) {
                log.warn("commands: " + e.getMessage());
                sleep();
            }
        }
    }

    private void follow(StructuredSegment commands) {
        long epoch = commands.epoch();
        CrawlerInfo info;
        synchronized (publisher) {
            info = publisher.info();
        }
        long next = info.commandEpoch() == epoch ? info.commandsDone() : 0;
        RingReader<CrawlCommand> reader = commands.ring(CommandSegment.COMMANDS, CrawlCommand.class).readerAt(next);
        RingHandler<CrawlCommand> handler = new RingHandler<>() {
            @Override
            public void onRecord(long sequence, CrawlCommand command) {
                boolean known = crawlNow.test(command.source());
                if (known) {
                    log.info("command " + sequence + ": crawl " + command.source() + " now");
                } else {
                    log.warn("command " + sequence + ": crawl " + command.source() + ": no such source");
                }
                synchronized (publisher) {
                    publisher.commandsDone(epoch, sequence + 1);
                }
            }

            @Override
            public void onLoss(long firstLost, long count) {
                log.warn("commands: " + count + " commands from " + firstLost + " were overwritten before they were read");
            }
        };
        while (!closed && !commands.isRetired() && commands.isWriterAlive()) {
            reader.poll(handler, CommandSegment.CAPACITY);
            reader.await(RETRY);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2 * RETRY.toMillis()); // it may be recording a command in the crawler's segment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
