package io.github.nativeshm.api;

import io.github.nativeshm.api.supervise.CrawlerConfigFile;
import io.github.nativeshm.api.web.ApiToken;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/** Tells the user where to point the browser, and a newly generated token, once the server listens. */
@Singleton
public class ReadyBanner {
    private final ApiToken token;
    private final CrawlerConfigFile config;
    private final AppSettings settings;

    public ReadyBanner(ApiToken token, CrawlerConfigFile config, AppSettings settings) {
        this.token = token;
        this.config = config;
        this.settings = settings;
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
        System.out.println("native-shm is ready: open http://" + host + ":" + server.getPort() + "/");
        System.out.flush();
    }
}
