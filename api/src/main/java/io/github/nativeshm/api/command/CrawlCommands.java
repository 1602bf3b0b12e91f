/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.command;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.AppSettings;
import io.github.nativeshm.crawler.model.CommandSegment;
import io.github.nativeshm.crawler.model.CrawlCommand;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.StructuredSegment;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;

/**
 * The api's side of the {@link CommandSegment}: it creates the segment at start (or takes over
 * the one a killed api left), appends commands the crawler follows, and removes it on shutdown.
 */
@Context
public class CrawlCommands implements AutoCloseable {
    private final StructuredSegment segment;
    private final EventRing<CrawlCommand> commands;

    public CrawlCommands(AppSettings settings) {
        this.segment = StructuredSegment.createOrAttach(CommandSegment.nameFor(settings.getSegment()), CommandSegment.spec());
        this.commands = segment.ring(CommandSegment.COMMANDS, CrawlCommand.class);
    }

    /**
     * Asks the crawler to crawl {@code sourceId} now.
     *
     * @return the command's id: the crawler's {@code commandsDone} passes it once carried out
     */
    public synchronized long crawlNow(String sourceId) {
        return commands.append(new CrawlCommand(System.currentTimeMillis(), sourceId));
    }

    /** The command segment's epoch: the crawler reports progress against it. */
    public long epoch() {
        return segment.epoch();
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        String name = segment.name();
        segment.close();
        try {
            Segment.unlink(name);
        } catch (SegmentException e) {
            // already removed by hand: nothing to leave behind
        }
    }
}
