package io.github.nativeshm.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code java -jar app.jar}: the HTTP API and UI over the crawler's segment, with the crawler as
 * a supervised child process. Every option is also a Micronaut configuration key (shown in
 * brackets), so {@code application.yml}, {@code -D} and environment variables work as well.
 */
@OpenAPIDefinition(info = @Info(title = "native-shm-api", version = "0.1",
        description = "Items crawled from web pages and feeds, read from shared memory",
        license = @License(name = "Apache-2.0")))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
@Command(name = "app", mixinStandardHelpOptions = true, version = "native-shm api 0.1.0",
        description = "Serves the crawled items as JSON, live events and a web UI; runs the crawler as a child process.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:stopped", "1:failed to start", "2:bad command line"})
public final class Application implements Callable<Integer> {
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    @Option(names = "--demo", description = "serve a changing demo site on 127.0.0.1 and crawl it (no internet needed) [app.demo]")
    private boolean demo;

    @Option(names = "--no-crawler", description = "do not start a crawler: read the segment of one started separately"
            + " [app.crawler-enabled=false]")
    private boolean noCrawler;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port, 0 for any free one (default 8080) [micronaut.server.port]")
    private Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to listen on (default 127.0.0.1) [micronaut.server.host]")
    private String host;

    @Option(names = "--config", paramLabel = "FILE", description = "the crawler's YAML config (default: its shipped sources)"
            + " [app.crawler-config]")
    private Path config;

    @Option(names = "--segment", paramLabel = "NAME", description = "the crawler's shared-memory segment"
            + " (default native-shm-crawler) [app.segment]")
    private String segment;

    @Option(names = "--token", paramLabel = "TOKEN", description = "bearer token for POST requests (default: generated and"
            + " printed at start) [app.token]")
    private String token;

    public static void main(String[] args) {
        int exit = new CommandLine(new Application()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() {
        Map<String, Object> properties;
        try {
            properties = properties();
        } catch (IllegalArgumentException e) {
            System.err.println("app: " + e.getMessage());
            return BAD_USAGE;
        }
        try {
            ApplicationContext context = Micronaut.build(new String[0]).mainClass(Application.class).banner(false).properties(properties)
                    .start();
            return context.isRunning() ? 0 : FAILED;
        } catch (RuntimeException e) {
            System.err.println("app: cannot start: " + rootMessage(e));
            return FAILED;
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        if (demo) {
            properties.put("app.demo", true);
        }
        if (noCrawler) {
            properties.put("app.crawler-enabled", false);
        }
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port: " + port + " is not a port; use 0..65535 (0: any free port)");
            }
            properties.put("micronaut.server.port", port == 0 ? -1 : port);
        }
        if (host != null) {
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--host: cannot resolve '" + host + "'");
            }
            properties.put("micronaut.server.host", host);
        }
        if (config != null) {
            if (!Files.isReadable(config)) {
                throw new IllegalArgumentException("--config: cannot read " + config.toAbsolutePath());
            }
            properties.put("app.crawler-config", config.toAbsolutePath().toString());
        }
        if (segment != null) {
            properties.put("app.segment", segment);
        }
        if (token != null) {
            properties.put("app.token", token);
        }
        return properties;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
