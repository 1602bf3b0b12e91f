/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.api.supervise.CrawlerConfigFile;
import io.github.nativeshm.api.supervise.CrawlerSupervisor;
import io.github.nativeshm.api.web.ApiToken;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Tells the user where to point the browser, and a newly generated token, once the server listens;
 * or, when the crawler's config is invalid, that it is and what is wrong with it.
 */
@Singleton
public class ReadyBanner {
    private final ApiToken token;
    private final CrawlerConfigFile config;
    private final AppSettings settings;
    private final Optional<CrawlerSupervisor> supervisor;

    public ReadyBanner(ApiToken token, CrawlerConfigFile config, AppSettings settings,
                       Optional<CrawlerSupervisor> supervisor) {
        this.token = token;
        this.config = config;
        this.settings = settings;
        this.supervisor = supervisor;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        var server = event.getSource();
        String host = server.getHost().equals("0.0.0.0") || server.getHost().equals("::") ? "127.0.0.1" : server.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        config.demo().ifPresent(site -> System.out.println("demo site: " + site.uri() + " (content changes every "
                + settings.getDemoTick().toSeconds() + " s)"));
        if (token.isGenerated()) {
            System.out.println("token for POST requests: " + token.value() + " (kept in " + token.file().orElseThrow()
                    + "; `java -jar app.jar token` shows it again)");
        }
        String url = "http://" + host + ":" + server.getPort() + "/";
        Optional<CrawlerSupervisor.Condition> invalid = supervisor.map(CrawlerSupervisor::condition)
                .filter(condition -> condition.phase() == CrawlerSupervisor.Phase.CONFIG_INVALID);
        if (invalid.isPresent()) {
            System.out.println("native-shm is NOT crawling: " + invalid.get().message() + ":");
            invalid.get().problems().forEach(problem -> System.out.println("  "
                    + (problem.source() == null ? "" : "source '" + problem.source() + "': ")
                    + (problem.field() == null ? "" : "field '" + problem.field() + "': ") + problem.message()));
            System.out.println("the app serves " + url + " meanwhile (it lists the problems too)");
        } else {
            System.out.println("native-shm is ready: open " + url);
        }
        System.out.flush();
    }
}
