/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.logs;

import io.github.nativeshm.api.Http;
import io.github.nativeshm.api.TestApp;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event-stream clients that come and go log nothing worth a stack trace: a browser closing its
 * event stream is routine (issue 17: 3,000 short connections logged 1,469 17-line
 * {@code onNext before request?} traces).
 */
class LogSseDisconnectTest {
    private static final int CONNECTIONS = 300;

    @Test
    void manyShortEventStreamsLogNoStackTrace() throws Exception {
        String segment = TestApp.uniqueSegment("sse-storm");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.demo", "true",
                "app.demo-tick", "200ms", "app.segment", segment, "micronaut.server.port", "-1"));
             LogCapture log = new LogCapture()) {
            URI uri = server.getURI();
            Http http = new Http(uri);
            // events flowing: they reach connections that the clients are dropping
            TestApp.await("the crawler publishing", Duration.ofSeconds(60), () -> TestApp.state(http).equals("ok"));
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> opened = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    final boolean waitForFirstBytes = i % 2 == 0; // half leave at once, half after the first bytes
                    opened.add(clients.submit(() -> openAndDrop(uri, waitForFirstBytes)));
                }
                int answered = 0;
                for (Future<String> connection : opened) {
                    answered += connection.get().startsWith("HTTP/1.1 200") ? 1 : 0;
                }
                assertTrue(answered >= CONNECTIONS / 2, "the clients that waited were answered: " + answered);
            } finally {
                clients.shutdownNow();
            }
            Thread.sleep(1000); // the server notices the last closed connections
            List<ILoggingEvent> traces = log.events().stream()
                    .filter(event -> event.getThrowableProxy() != null
                            || event.getFormattedMessage().contains("onNext before request")).toList();
            assertEquals(List.of(), traces.stream().map(event -> event.getLevel() + " " + event.getLoggerName() + " "
                    + event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : " " + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage()))
                    .distinct().toList(), traces.size() + " events with a stack trace");
        }
    }

    /** Opens {@code /api/events}, optionally reads the start of the answer, and drops the connection. */
    private static String openAndDrop(URI uri, boolean waitForFirstBytes) throws IOException, InterruptedException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/events HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!waitForFirstBytes) {
                return "HTTP/1.1 200 (not waited for)";
            }
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] start = new byte[64];
            int n = in.read(start);
            Thread.sleep(ThreadLocalRandom.current().nextInt(300)); // an event or two may come meanwhile
            return n <= 0 ? "" : new String(start, 0, n, StandardCharsets.US_ASCII);
        }
    }
}
