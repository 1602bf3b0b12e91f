/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.events.EventHub;
import io.github.nativeshm.api.events.EventId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.sse.Event;
import io.swagger.v3.oas.annotations.Operation;
import org.reactivestreams.Publisher;

import java.util.concurrent.Executor;

/** Item and crawl events as they happen, as server-sent events. */
@Controller("/api/events")
public class EventsController {
    private final EventHub hub;

    public EventsController(EventHub hub) {
        this.hub = hub;
    }

    @Operation(summary = "Live events", description = "item-new, item-changed, item-gone, crawl-ok, crawl-failed and"
            + " refetch; send Last-Event-ID to resume. Open also before the crawler publishes: events start when it does.")
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<?>> events(@Header("Last-Event-ID") @Nullable String lastEventId, HttpRequest<?> request) {
        EventId resumeAfter = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                resumeAfter = EventId.parse(lastEventId.trim());
            } catch (IllegalArgumentException e) {
                throw BadRequest.parameter("Last-Event-ID", lastEventId, "the id of an event this stream sent, such as"
                        + " 9f1c2a3b4d5e6f70-42");
            }
        }
        return hub.subscribe(resumeAfter, connectionThread(request));
    }

    /**
     * The thread of the request's connection. Events are handed to the connection there: handed
     * over from the hub's thread instead, an event can reach a connection that the client has just
     * closed, which Micronaut's Netty server (4.10) answers with a logged
     * {@code IllegalStateException: onNext before request?} and its stack trace.
     */
    private static @Nullable Executor connectionThread(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty ? netty.getChannelHandlerContext().channel().eventLoop() : null;
    }
}
