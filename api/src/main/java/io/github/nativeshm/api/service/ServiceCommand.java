/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import io.github.nativeshm.api.AppDirectories;
import io.github.nativeshm.api.Application;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code app.jar service install|uninstall|status|print-unit|run}: the app as a systemd service on
 * Linux ({@link SystemdService}) or a Windows service ({@link WindowsService}, {@link WindowsServiceRun}),
 * with its configuration and data in the system's folders for services ({@link AppDirectories#service()}).
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "run the app as a system service: a systemd unit on Linux, a Windows service on Windows",
        subcommands = {ServiceCommand.Install.class, ServiceCommand.Uninstall.class, ServiceCommand.StatusCommand.class,
                ServiceCommand.PrintUnit.class, ServiceCommand.Run.class})
public final class ServiceCommand {
    private static final int FAILED = 1;
    private static final int BAD_USAGE = 2;
    /** How long a Windows service's app may take to stop (the crawler child has 10 s of it). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TICK = Duration.ofSeconds(1);

    private ServiceCommand() {
    }

    /** What the service is to run and where its folders are. */
    static class Target {
        @Option(names = "--config-dir", paramLabel = "DIR",
                description = "the service's configuration folder (default /etc/native-shm; %%ProgramData%%\\native-shm\\config)")
        Path configDir;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "the service's data folder (default /var/lib/native-shm; %%ProgramData%%\\native-shm\\data)")
        Path dataDir;

        @Option(names = "--jar", paramLabel = "FILE", description = "the app.jar the service runs (default: this one)")
        Path jar;

        AppDirectories dirs() {
            AppDirectories service = AppDirectories.service();
            return new AppDirectories(configDir == null ? service.config() : configDir.toAbsolutePath(),
                    dataDir == null ? service.data() : dataDir.toAbsolutePath());
        }

        /** The jar: {@code --jar}, else the one running. */
        Path jar() {
            if (jar != null) {
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException("--jar: no such file: " + jar.toAbsolutePath());
                }
                return jar.toAbsolutePath();
            }
            try {
                Path running = Path.of(Application.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isRegularFile(running)) {
                    return running;
                }
            } catch (URISyntaxException | RuntimeException e) {
                // not a file: said below
            }
            throw new IllegalArgumentException("not running from app.jar: name it with --jar FILE");
        }
    }

    /** Linux only: where the unit goes and as whom it runs. */
    static class Unit {
        @Option(names = "--unit-dir", paramLabel = "DIR", description = "where the unit file goes (default /etc/systemd/system)")
        Path unitDir = Path.of("/etc/systemd/system");

        @Option(names = "--user", paramLabel = "NAME", description = "the system user the service runs as, created if"
                + " missing (default native-shm)")
        String user = AppDirectories.NAME;
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "install the service (Linux: systemd unit and user; Windows: a service as LocalService) and start it")
    static final class Install implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();
        @CommandLine.Mixin
        Unit unit = new Unit();
        @Option(names = "--no-start", description = "install (and enable) only; do not start it now")
        boolean noStart;

        @Override
        public Integer call() throws Exception {
            Path jar;
            try {
                jar = target.jar();
            } catch (IllegalArgumentException e) {
                System.err.println("app: " + e.getMessage());
                return BAD_USAGE;
            }
            if (windows()) {
                return windowsService().install(WindowsService.definition(java(), jar, target.dirs()), target.dirs(),
                        !noStart);
            }
            if (!linux()) {
                return unsupported();
            }
            return new SystemdService(unit.unitDir, System.out, System.err)
                    .install(new SystemdUnit(java(), jar, unit.user, target.dirs()), !noStart);
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "stop and remove the service; keeps its configuration and data")
    static final class Uninstall implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();
        @CommandLine.Mixin
        Unit unit = new Unit();

        @Override
        public Integer call() throws Exception {
            if (windows()) {
                return windowsService().uninstall(target.dirs());
            }
            return linux() ? new SystemdService(unit.unitDir, System.out, System.err).uninstall(target.dirs()) : unsupported();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "print the service's state; exit code 0 running, 3 not running, 4 not installed")
    static final class StatusCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Unit unit = new Unit();

        @Override
        public Integer call() throws Exception {
            if (windows()) {
                return windowsService().status();
            }
            return linux() ? new SystemdService(unit.unitDir, System.out, System.err).status() : unsupported();
        }
    }

    @Command(name = "print-unit", mixinStandardHelpOptions = true,
            description = "print the systemd unit install would write, for review")
    static final class PrintUnit implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();
        @CommandLine.Mixin
        Unit unit = new Unit();

        @Override
        public Integer call() {
            try {
                System.out.print(new SystemdUnit(java(), target.jar(), unit.user, target.dirs()).text());
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("app: " + e.getMessage());
                return BAD_USAGE;
            }
        }
    }

    @Command(name = "run", description = "(Windows) what the Service Control Manager starts: the app as a service;"
            + " takes the app's options")
    static final class Run implements Callable<Integer> {
        @Unmatched
        List<String> appOptions = new ArrayList<>();

        @Override
        public Integer call() {
            if (!windows()) {
                System.err.println("app: 'service run' is for Windows; systemd runs app.jar itself (service install)");
                return BAD_USAGE;
            }
            int exit;
            try {
                exit = new WindowsServiceRun(new Advapi32Scm(), WindowsService.NAME, app(appOptions), TICK, STOP_TIMEOUT).run();
            } catch (IllegalStateException e) {
                System.err.println("app: " + e.getMessage());
                return BAD_USAGE;
            }
            if (exit == WindowsServiceRun.EXIT_STOP_TIMEOUT) {
                Runtime.getRuntime().halt(exit); // the hung app's shutdown hooks would hang the exit too
            }
            System.exit(exit); // whatever threads the app left: the service has stopped
            return exit;
        }
    }

    /** Starts the app with {@code options} (its command line's), as {@code service run} does. */
    static Callable<ApplicationContext> app(List<String> options) {
        return () -> {
            Application app = new Application();
            new CommandLine(app).parseArgs(options.toArray(String[]::new));
            return app.start();
        };
    }

    private static WindowsService windowsService() {
        return new WindowsService(new Advapi32Scm(), System.out, System.err, STOP_TIMEOUT.plusSeconds(30));
    }

    private static boolean windows() {
        return AppDirectories.isWindows(System.getProperty("os.name"));
    }

    private static boolean linux() {
        return System.getProperty("os.name").startsWith("Linux");
    }

    private static int unsupported() {
        System.err.println("app: no service support on " + System.getProperty("os.name") + "; run java -jar app.jar"
                + " under the system's own service manager");
        return FAILED;
    }

    /** The running JVM's launcher. */
    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", windows() ? "java.exe" : "java");
    }
}
