/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.api.service.ServiceCommand;
import io.github.nativeshm.api.web.ApiToken;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code java -jar app.jar}: the HTTP API and UI over the crawler's segment, with the crawler as
 * a supervised child process. Every option is also a Micronaut configuration key (shown in
 * brackets), so {@code application.yml}, {@code -D} and environment variables work as well.
 */
@OpenAPIDefinition(info = @Info(title = "native-shm-api", version = "0.1",
        description = "Items crawled from web pages and feeds, read from shared memory",
        license = @License(name = "Apache-2.0")))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SecurityScheme(name = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        paramName = "native-shm-session", description = "from POST /api/login; changes also need the header"
        + " 'X-Requested-With: native-shm' and an editor")
@Command(name = "app", mixinStandardHelpOptions = true, version = "native-shm api 0.1.0",
        subcommands = {UserCommand.class, ServiceCommand.class},
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

    /** Refused: see {@link #properties()}. Hidden, but parsed, so that old scripts get a reason rather than "unknown option". */
    @Option(names = "--token", paramLabel = "TOKEN", hidden = true)
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "file holding the bearer token for changes,"
            + " readable by its owner only (default: the environment variable APP_TOKEN, else the token kept in the data"
            + " directory, generated on the first start) [app.token-file]")
    private Path tokenFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the token and the history database are kept"
            + " (default $XDG_DATA_HOME/native-shm, ~/.local/share/native-shm; %%LOCALAPPDATA%%\\native-shm on Windows)"
            + " [app.data-dir]")
    private Path dataDir;

    @Option(names = "--config-dir", paramLabel = "DIR", description = "where app.yml (Micronaut configuration, read if"
            + " present) is kept (default $XDG_CONFIG_HOME/native-shm, ~/.config/native-shm; %%APPDATA%%\\native-shm on"
            + " Windows) [app.config-dir: -D or APP_CONFIG_DIR only]")
    private Path configDir;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "serve HTTPS with this PEM certificate (chain);"
            + " needs --tls-key [app.tls.certificate]")
    private Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key of --tls-cert [app.tls.private-key]")
    private Path tlsPrivateKey;

    @Option(names = "--tls-key-store", paramLabel = "FILE", description = "serve HTTPS with this PKCS#12 key store; its"
            + " password from --tls-key-store-password-file or the environment variable APP_TLS_KEY_STORE_PASSWORD"
            + " [app.tls.key-store]")
    private Path tlsKeyStore;

    @Option(names = "--tls-key-store-password-file", paramLabel = "FILE", description = "an owner-only file holding the"
            + " password of --tls-key-store [app.tls.key-store-password-file]")
    private Path tlsKeyStorePasswordFile;

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
        setDataDir(tokenDataDir);
        return withConfiguration(environment -> {
            AppSettings settings = settings(environment);
            environment.getProperty("app.token", String.class).ifPresent(settings::setToken);
            environment.getProperty("app.token-file", Path.class).ifPresent(settings::setTokenFile);
            System.out.println(new ApiToken(settings, new DataDirectory(settings)).value());
            return 0;
        });
    }

    /**
     * Runs a command that needs the configuration only (no server, no crawler, no database): the
     * command line's settings, application.yml, {@code -D} and the environment.
     *
     * @return what {@code command} returns; {@link #BAD_USAGE} or {@link #FAILED} after saying why on stderr
     */
    int withConfiguration(Function<Environment, Integer> command) {
        Map<String, Object> properties = propertiesOrSayWhy();
        if (properties == null) {
            return BAD_USAGE;
        }
        try {
            ApplicationContextBuilder builder = ApplicationContext.builder().properties(properties);
            configFolder(properties).ifPresent(builder::propertySources);
            try (ApplicationContext context = builder.build()) {
                return command.apply(context.getEnvironment().start());
            }
        } catch (RuntimeException e) {
            System.err.println("app: " + rootMessage(e));
            return FAILED;
        }
    }

    /** The settings a configuration-only command needs: where the data directory is. */
    static AppSettings settings(Environment environment) {
        AppSettings settings = new AppSettings();
        environment.getProperty("app.data-dir", Path.class).ifPresent(settings::setDataDir);
        return settings;
    }

    /** Sets the data directory of a subcommand's own {@code --data-dir}, if given. */
    void setDataDir(Path dataDir) {
        if (dataDir != null) {
            this.dataDir = dataDir;
        }
    }

    @Override
    public Integer call() {
        Map<String, Object> properties = propertiesOrSayWhy();
        if (properties == null) {
            return BAD_USAGE;
        }
        try {
            return start().isRunning() ? 0 : FAILED;
        } catch (RuntimeException e) { // in a test environment Micronaut throws instead of exiting
            System.err.println("app: cannot start: " + rootMessage(e));
            return FAILED;
        }
    }

    /**
     * Starts the server with this command's options and the config folder's {@code app.yml}; on a
     * failed start Micronaut logs the cause (logback.xml keeps that to one message) and exits with 1.
     * {@code service run} starts the app this way to stop it when the service is stopped.
     *
     * @throws IllegalArgumentException naming the option if one is bad
     * @throws RuntimeException         if the app cannot start (in a test environment; else the JVM exits)
     */
    public ApplicationContext start() {
        Map<String, Object> properties = properties();
        Micronaut micronaut = Micronaut.build(new String[0]).mainClass(Application.class).banner(false).properties(properties);
        configFolder(properties).ifPresent(micronaut::propertySources);
        return micronaut.start();
    }

    /** The config folder's {@code app.yml}, if there is one (see {@link #properties()} for where the folder is). */
    private static Optional<PropertySource> configFolder(Map<String, Object> properties) {
        return ConfigDirectory.read(Path.of((String) properties.get("app.config-dir")));
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
            throw new IllegalArgumentException("--token: a token on the command line is visible to every local user"
                    + " (ps); put it in a file only you can read and pass --token-file FILE, or set the environment"
                    + " variable APP_TOKEN");
        }
        if (tokenFile != null) {
            properties.put("app.token-file", tokenFile.toAbsolutePath().toString());
        }
        if (dataDir != null) {
            properties.put("app.data-dir", dataDir.toAbsolutePath().toString());
        }
        // read before Micronaut starts, since it says where the configuration is: not from app.yml
        String configured = System.getProperty("app.config-dir", System.getenv("APP_CONFIG_DIR"));
        Path config = configDir != null ? configDir : configured == null || configured.isBlank()
                ? AppDirectories.user().config() : Path.of(configured);
        properties.put("app.config-dir", config.toAbsolutePath().toString());
        // checked when the server starts (TlsSetup), where the same keys from the other sources are checked too
        putPath(properties, "app.tls.certificate", tlsCertificate);
        putPath(properties, "app.tls.private-key", tlsPrivateKey);
        putPath(properties, "app.tls.key-store", tlsKeyStore);
        putPath(properties, "app.tls.key-store-password-file", tlsKeyStorePasswordFile);
        if (logFile) {
            properties.put("app.log.file", true);
        }
        if (logFormat != null) {
            properties.put("app.log.format", logFormat);
        }
        return properties;
    }

    private static void putPath(Map<String, Object> properties, String key, Path path) {
        if (path != null) {
            properties.put(key, path.toAbsolutePath().toString());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
