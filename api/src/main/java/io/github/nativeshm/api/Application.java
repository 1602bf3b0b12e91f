/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.api.web.ApiToken;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
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

    @Option(names = "--token", paramLabel = "TOKEN", description = "bearer token for POST requests (default: the one kept in"
            + " the data directory, generated on the first start) [app.token]")
    private String token;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the token and the history database are kept"
            + " (default $XDG_DATA_HOME/native-shm, ~/.local/share/native-shm; %%LOCALAPPDATA%%\\native-shm on Windows)"
            + " [app.data-dir]")
    private Path dataDir;

    @Option(names = "--log-file", description = "also log to <data-dir>/logs/app.log, rolled daily and at 10 MB, 14 days"
            + " and 100 MB kept [app.log.file=true]")
    private boolean logFile;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (default) or json: one JSON object per line,"
            + " for log shippers [app.log.format]")
    private String logFormat;

    public static void main(String[] args) {
        int exit = new CommandLine(new Application()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * {@code app.jar token}: prints the token POST requests need (the configured one, else the one
     * kept in the data directory, created if there is none yet) and exits.
     */
    @Command(name = "token", description = "print the bearer token for POST requests (created in the data directory if"
            + " needed) and exit")
    int token(@Option(names = "--data-dir", paramLabel = "DIR", description = "the data directory [app.data-dir]")
              Path tokenDataDir) {
        if (tokenDataDir != null) {
            dataDir = tokenDataDir;
        }
        Map<String, Object> properties = propertiesOrSayWhy();
        if (properties == null) {
            return BAD_USAGE;
        }
        // only the configuration: no server, no crawler, no database
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            Environment environment = context.getEnvironment().start();
            AppSettings settings = new AppSettings();
            environment.getProperty("app.token", String.class).ifPresent(settings::setToken);
            environment.getProperty("app.data-dir", Path.class).ifPresent(settings::setDataDir);
            System.out.println(new ApiToken(settings, new DataDirectory(settings)).value());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("app: " + rootMessage(e));
            return FAILED;
        }
    }

    @Override
    public Integer call() {
        Map<String, Object> properties = propertiesOrSayWhy();
        if (properties == null) {
            return BAD_USAGE;
        }
        try {
            // On a failed start Micronaut logs the cause (logback.xml keeps that to one message) and exits with 1.
            ApplicationContext context = Micronaut.build(new String[0]).mainClass(Application.class).banner(false)
                    .properties(properties).start();
            return context.isRunning() ? 0 : FAILED;
        } catch (RuntimeException e) { // in a test environment Micronaut throws instead of exiting
            System.err.println("app: cannot start: " + rootMessage(e));
            return FAILED;
        }
    }

    /** {@link #properties()}, or null after saying on stderr which option is bad. */
    private Map<String, Object> propertiesOrSayWhy() {
        try {
            return properties();
        } catch (IllegalArgumentException e) {
            System.err.println("app: " + e.getMessage());
            return null;
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
        if (dataDir != null) {
            properties.put("app.data-dir", dataDir.toAbsolutePath().toString());
        }
        if (logFile) {
            properties.put("app.log.file", true);
        }
        if (logFormat != null) {
            properties.put("app.log.format", logFormat);
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
