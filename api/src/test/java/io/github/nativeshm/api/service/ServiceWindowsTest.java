/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import io.github.nativeshm.api.AppDirectories;
import io.github.nativeshm.api.Application;
import io.github.nativeshm.api.Http;
import io.github.nativeshm.api.TestApp;
import io.github.nativeshm.api.supervise.CrawlerSupervisor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.github.nativeshm.api.service.ServiceControlManager.Action;
import io.github.nativeshm.api.service.ServiceControlManager.Definition;
import io.github.nativeshm.api.service.ServiceControlManager.ScmException;
import io.github.nativeshm.api.service.ServiceControlManager.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.nativeshm.api.service.ServiceControlManager.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Windows service (install, {@code service run}'s state machine, stop, failures, uninstall,
 * status) against {@link ScmStandIn}, the in-memory Service Control Manager.
 */
class ServiceWindowsTest {
    private static final String NAME = WindowsService.NAME;
    private static final Duration TICK = Duration.ofMillis(50);

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** An app that takes {@code startTime} to start and {@code stopTime} to stop, counting its stops. */
    private static final class App implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();
        final Duration stopTime;

        App(Duration startTime, Duration stopTime) throws InterruptedException {
            Thread.sleep(startTime.toMillis());
            this.stopTime = stopTime;
        }

        @Override
        public void close() throws InterruptedException {
            Thread.sleep(stopTime.toMillis());
            closed.incrementAndGet();
        }
    }

    private AppDirectories dirs() {
        return AppDirectories.service(Map.of("ProgramData", temp.resolve("ProgramData").toString()), "Windows 11");
    }

    private WindowsService windowsService(ScmStandIn scm) {
        return new WindowsService(scm, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A service process running {@link WindowsServiceRun} with apps from {@code apps}, one per start. */
    private static ScmStandIn.Program program(List<App>[] started, Duration startTime, Duration stopTime, Duration timeout) {
        return (binaryPath, scm) -> new WindowsServiceRun(scm, NAME, () -> {
            App app = new App(startTime, stopTime);
            started[0] = append(started[0], app);
            return app;
        }, TICK, timeout).run();
    }

    private static List<App> append(List<App> list, App app) {
        List<App> copy = new java.util.ArrayList<>(list == null ? List.of() : list);
        copy.add(app);
        return copy;
    }

    private int install(ScmStandIn scm, boolean start) throws Exception {
        AppDirectories dirs = dirs();
        return windowsService(scm).install(WindowsService.definition(Path.of("C:\\Program Files\\Java\\bin\\java.exe"),
                Path.of("C:\\native-shm\\app.jar"), dirs), dirs, start);
    }

    private static long open(ScmStandIn scm) {
        return scm.openService(scm.openSCManager(SC_MANAGER_CONNECT), NAME, SERVICE_ALL_ACCESS);
    }

    @Test
    void installCreatesAnAutoStartServiceAsLocalServiceThatTheScmRestartsAfterAFailure() throws Exception {
        ScmStandIn scm = new ScmStandIn((path, api) -> 0);
        assertEquals(0, install(scm, false), err());
        ScmStandIn.Service service = scm.service(NAME);
        assertEquals(SERVICE_AUTO_START, service.definition.startType());
        assertEquals("NT AUTHORITY\\LocalService", service.definition.account());
        String config = dirs().config().toString();
        assertEquals("\"C:\\Program Files\\Java\\bin\\java.exe\" -jar \"C:\\native-shm\\app.jar\" service run --config-dir \""
                + config + "\" --data-dir \"" + dirs().data() + "\"", service.definition.binaryPath());
        assertTrue(service.description.contains("service run"), service.description);
        assertEquals(List.of(new Action(SC_ACTION_RESTART, 10_000), new Action(SC_ACTION_RESTART, 10_000),
                new Action(SC_ACTION_RESTART, 10_000)), service.failureActions.actions());
        assertEquals(86_400, service.failureActions.resetPeriodSeconds());
        assertTrue(service.failureActions.onNonCrashFailures(), "a stop with an error code counts as a failure");
        assertEquals(SERVICE_STOPPED, service.status.state(), "--no-start");
        assertTrue(Files.isDirectory(dirs().config()));
        assertFalse(Files.exists(dirs().data()), "the service creates its data folder itself, owning it");
        assertEquals(0, scm.openHandleCount());
        assertTrue(out().contains("sc.exe start native-shm"), out());
    }

    @Test
    void aSecondInstallOrOneWithoutElevationIsRefusedClearly() throws Exception {
        ScmStandIn scm = new ScmStandIn((path, api) -> 0);
        assertEquals(0, install(scm, false));
        assertEquals(1, install(scm, false));
        assertTrue(err().contains("already installed") && err().contains("error 1073"), err());
        assertEquals(0, scm.openHandleCount());

        ScmStandIn user = new ScmStandIn((path, api) -> 0);
        user.asStandardUser();
        assertEquals(1, install(user, false));
        assertTrue(err().contains("Access is denied. (error 5); run it from an administrator's prompt"), err());
        assertNull(user.service(NAME));
    }

    @SuppressWarnings("unchecked")
    @Test
    void startReportsStartPendingWithRisingCheckpointsThenRunningAndAStopEndsWithExitCodeZero() throws Exception {
        List<App>[] started = new List[1];
        ScmStandIn scm = new ScmStandIn(program(started, Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(10)));
        assertEquals(0, install(scm, true), err());
        scm.awaitState(NAME, SERVICE_RUNNING);
        List<Status> starting = scm.reported(NAME);
        assertTrue(starting.size() >= 3, "a start of 300 ms with checkpoints every 50 ms: " + starting);
        for (int i = 0; i < starting.size() - 1; i++) {
            assertEquals(SERVICE_START_PENDING, starting.get(i).state());
            assertEquals(i + 1, starting.get(i).checkPoint());
            assertTrue(starting.get(i).waitHintMillis() > 0);
            assertEquals(0, starting.get(i).controlsAccepted(), "no stop while starting");
        }
        Status running = starting.get(starting.size() - 1);
        assertEquals(Status.of(SERVICE_RUNNING, SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN, 0, 0, 0, 0), running);
        assertTrue(scm.queryServiceStatus(open(scm)).processId() > 0);

        Status stopping = scm.controlService(open(scm), SERVICE_CONTROL_STOP);
        assertEquals(SERVICE_STOP_PENDING, stopping.state());
        assertEquals(0, scm.awaitProcessExit(NAME));
        List<Status> all = scm.reported(NAME);
        List<Status> stop = all.subList(starting.size(), all.size());
        assertTrue(stop.size() >= 3, "a stop of 300 ms with checkpoints: " + stop);
        for (int i = 0; i < stop.size() - 1; i++) {
            assertEquals(SERVICE_STOP_PENDING, stop.get(i).state());
            assertEquals(i + 1, stop.get(i).checkPoint());
        }
        assertEquals(Status.of(SERVICE_STOPPED, 0, NO_ERROR, 0, 0, 0), stop.get(stop.size() - 1));
        assertEquals(1, started[0].get(0).closed.get());
        assertEquals(List.of(), scm.scheduledRestarts(NAME), "a clean stop is no failure");
    }

    @Test
    void controlsWhileStartingOrStoppedAreRefusedAsWindowsDoes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScmStandIn scm = new ScmStandIn((path, api) -> new WindowsServiceRun(api, NAME, () -> {
            release.await();
            return () -> { };
        }, TICK, Duration.ofSeconds(5)).run());
        assertEquals(0, install(scm, false));
        ScmException stopped = assertThrows(ScmException.class, () -> scm.controlService(open(scm), SERVICE_CONTROL_STOP));
        assertEquals(ERROR_SERVICE_NOT_ACTIVE, stopped.code());
        scm.startService(open(scm));
        ScmException starting = assertThrows(ScmException.class, () -> scm.controlService(open(scm), SERVICE_CONTROL_STOP));
        assertEquals(ERROR_SERVICE_CANNOT_ACCEPT_CTRL, starting.code());
        ScmException twice = assertThrows(ScmException.class, () -> scm.startService(open(scm)));
        assertEquals(ERROR_SERVICE_ALREADY_RUNNING, twice.code());
        release.countDown();
        scm.awaitState(NAME, SERVICE_RUNNING);
        ScmException pause = assertThrows(ScmException.class, () -> scm.controlService(open(scm), 2 /* PAUSE */));
        assertEquals(ERROR_INVALID_SERVICE_CONTROL, pause.code());
        scm.controlService(open(scm), SERVICE_CONTROL_SHUTDOWN);
        assertEquals(0, scm.awaitProcessExit(NAME));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aStopThatTakesTooLongReportsStoppedWithAnErrorAndTheScmRestartsTheService() throws Exception {
        List<App>[] started = new List[1];
        ScmStandIn scm = new ScmStandIn(program(started, Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(400)));
        assertEquals(0, install(scm, true), err());
        scm.awaitState(NAME, SERVICE_RUNNING);
        long began = System.nanoTime();
        scm.controlService(open(scm), SERVICE_CONTROL_STOP);
        assertEquals(WindowsServiceRun.EXIT_STOP_TIMEOUT, scm.awaitProcessExit(NAME));
        assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(5), "stopped after the timeout, not the app's 30 s");
        Status stopped = scm.service(NAME).status;
        assertEquals(SERVICE_STOPPED, stopped.state());
        assertEquals(ERROR_SERVICE_SPECIFIC_ERROR, stopped.win32ExitCode());
        assertEquals(WindowsServiceRun.EXIT_STOP_TIMEOUT, stopped.serviceExitCode());
        assertEquals(List.of(10_000), scm.scheduledRestarts(NAME));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aCrashEndsWithANonZeroExitAndTheFailureActionsRestartTheService() throws Exception {
        // the app cannot start: reported as a service-specific error
        ScmStandIn failing = new ScmStandIn((path, api) -> new WindowsServiceRun(api, NAME, () -> {
            throw new IllegalStateException("port 8080 is taken");
        }, TICK, Duration.ofSeconds(5)).run());
        assertEquals(0, install(failing, true), err());
        assertEquals(WindowsServiceRun.EXIT_START_FAILED, failing.awaitProcessExit(NAME));
        Status stopped = failing.service(NAME).status;
        assertEquals(ERROR_SERVICE_SPECIFIC_ERROR, stopped.win32ExitCode());
        assertEquals(WindowsServiceRun.EXIT_START_FAILED, stopped.serviceExitCode());
        assertEquals(List.of(10_000), failing.scheduledRestarts(NAME));

        // the process dies while running (the JVM crashes, or is killed): the SCM notices and restarts it
        List<App>[] started = new List[1];
        AtomicInteger runs = new AtomicInteger();
        ScmStandIn.Program healthy = program(started, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5));
        ScmStandIn scm = new ScmStandIn((path, api) -> {
            if (runs.incrementAndGet() == 1) {
                Thread serviceRun = new Thread(() -> {
                    try {
                        healthy.main(path, api);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                serviceRun.setDaemon(true);
                serviceRun.start(); // the dispatcher lives on another thread of the "process"...
                while (started[0] == null) {
                    Thread.sleep(10);
                }
                throw new OutOfMemoryError("Java heap space"); // ...which dies
            }
            return healthy.main(path, api);
        });
        assertEquals(0, install(scm, true), err());
        assertEquals(ERROR_PROCESS_ABORTED, scm.awaitProcessExit(NAME));
        assertEquals(ERROR_PROCESS_ABORTED, scm.service(NAME).status.win32ExitCode());
        assertEquals(List.of(10_000), scm.scheduledRestarts(NAME));
        scm.fireRestart(NAME);
        scm.awaitState(NAME, SERVICE_RUNNING);
        assertEquals(List.of(), scm.scheduledRestarts(NAME));
        assertEquals(0, windowsService(scm).status());
        assertTrue(out().contains("native-shm: RUNNING (pid "), out());
        assertEquals(0, windowsService(scm).uninstall(dirs()));
    }

    @SuppressWarnings("unchecked")
    @Test
    void uninstallStopsARunningServiceAndDeletesItKeepingTheFolders() throws Exception {
        List<App>[] started = new List[1];
        ScmStandIn scm = new ScmStandIn(program(started, Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(10)));
        assertEquals(0, install(scm, true), err());
        scm.awaitState(NAME, SERVICE_RUNNING);
        ScmStandIn.Service service = scm.service(NAME);
        assertEquals(0, windowsService(scm).uninstall(dirs()), err());
        assertEquals(0, scm.awaitProcessExit(service));
        assertEquals(1, started[0].get(0).closed.get());
        assertNull(scm.service(NAME), "deleted once stopped and its handles closed");
        assertEquals(0, scm.openHandleCount());
        assertTrue(out().contains("kept the configuration in " + dirs().config()), out());
        assertTrue(Files.isDirectory(dirs().config()));

        assertEquals(4, windowsService(scm).status());
        assertTrue(out().contains("native-shm: not installed"), out());
        assertEquals(1, windowsService(scm).uninstall(dirs()));
        assertTrue(err().contains("is not installed") && err().contains("error 1060"), err());
    }

    @Test
    void statusOfAStoppedServiceSaysSo() throws Exception {
        ScmStandIn scm = new ScmStandIn((path, api) -> 0);
        assertEquals(0, install(scm, false));
        assertEquals(3, windowsService(scm).status());
        assertTrue(out().contains("native-shm: STOPPED"), out());
        ScmStandIn user = new ScmStandIn((path, api) -> 0);
        assertEquals(0, install(user, false));
        user.asStandardUser();
        assertEquals(3, windowsService(user).status(), "anyone may query");
        assertEquals(1, windowsService(user).uninstall(dirs()));
        assertTrue(err().contains("administrator"), err());
    }

    @Test
    void theRealAppRunsAsTheServiceAndItsStopStopsTheAppAndItsCrawler() throws Exception {
        AtomicReference<ApplicationContext> context = new AtomicReference<>();
        List<String> options = List.of("--config-dir", temp.resolve("config").toString(), "--data-dir",
                temp.resolve("data").toString(), "--demo", "--port", "0", "--segment", TestApp.uniqueSegment("svc"));
        ScmStandIn scm = new ScmStandIn((path, api) -> new WindowsServiceRun(api, NAME, () -> {
            context.set(ServiceCommand.app(options).call());
            return context.get();
        }, Duration.ofMillis(200), Duration.ofSeconds(30)).run());
        assertEquals(0, install(scm, true), err());
        scm.awaitState(NAME, SERVICE_RUNNING);
        Http http = new Http(context.get().getBean(EmbeddedServer.class).getURI());
        TestApp.await("a healthy app with its crawler", Duration.ofSeconds(90), () -> http.get("/health").status() == 200);
        ProcessHandle crawler = context.get().getBean(CrawlerSupervisor.class).child().orElseThrow();
        scm.controlService(open(scm), SERVICE_CONTROL_STOP);
        assertEquals(0, scm.awaitProcessExit(NAME));
        assertEquals(Status.of(SERVICE_STOPPED, 0, NO_ERROR, 0, 0, 0), scm.service(NAME).status);
        assertFalse(context.get().isRunning(), "the service's stop stopped the app");
        assertFalse(crawler.isAlive(), "and its crawler");
    }

    @Test
    void serviceRunPassesTheInstalledCommandLineToTheApp() {
        Definition definition = WindowsService.definition(Path.of("C:\\Java\\bin\\java.exe"), Path.of("C:\\app.jar"), dirs());
        List<String> words = List.of(definition.binaryPath().split(" "));
        List<String> serviceArgs = words.subList(words.indexOf("service"), words.size()).stream()
                .map(word -> word.replace("\"", "")).toList();
        CommandLine.ParseResult parsed = new CommandLine(new Application()).parseArgs(serviceArgs.toArray(String[]::new));
        ServiceCommand.Run run = (ServiceCommand.Run) parsed.subcommand().subcommand().commandSpec().userObject();
        assertEquals(List.of("--config-dir", dirs().config().toString(), "--data-dir", dirs().data().toString()),
                run.appOptions);
    }

    @Test
    void serviceRunOutsideTheScmSaysHowToStartTheService() {
        ScmStandIn scm = new ScmStandIn((path, api) -> 0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new WindowsServiceRun(scm, NAME, () -> () -> { }, TICK, Duration.ofSeconds(1)).run());
        assertTrue(e.getMessage().contains("sc.exe start native-shm"), e.getMessage());
    }
}
