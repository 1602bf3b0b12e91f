/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyTest {

    @Test
    void requestsGoThroughTheConfiguredProxy() throws Exception {
        // The test server plays a forward proxy: it gets absolute-URI requests for a host that
        // does not exist, so nothing could have reached it without the proxy.
        try (TestServer proxy = new TestServer()) {
            proxy.route("/news", exchange -> TestServer.respond(exchange, 200,
                    ("via proxy for " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8)));
            FetchSettings settings = TestServer.quickSettings().proxy("127.0.0.1:" + proxy.port()).build();
            try (Fetcher fetcher = new Fetcher(settings)) {
                FetchResult r = fetcher.fetch(FetchRequest.of("http://news.example.invalid/news"));
                assertEquals(FetchOutcome.OK, r.outcome(), r.toString());
                assertEquals("via proxy for http://news.example.invalid/news", r.text());
            }
            List<TestServer.Hit> hits = proxy.hits("/news");
            assertEquals(1, hits.size());
            assertEquals(URI.create("http://news.example.invalid/news"), hits.get(0).requestUri());
            assertEquals("news.example.invalid", hits.get(0).headers().getFirst("Host"));
            assertEquals(URI.create("http://news.example.invalid/robots.txt"),
                    proxy.hits("/robots.txt").get(0).requestUri(), "robots.txt goes through the proxy too");
        }
    }
}
