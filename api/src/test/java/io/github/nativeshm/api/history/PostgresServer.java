/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's binaries ({@code /usr/lib/postgresql/N/bin}) run
 * {@code initdb} and {@code pg_ctl} in a temporary directory on a random 127.0.0.1 port, with its
 * unix socket in that directory and password authentication. PostgreSQL refuses to run as root,
 * so as root they run as {@code nobody} (through {@code setpriv}) in a directory that user owns.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final Path passwordFile;
    private final String password;
    private final int port;

    private PostgresServer(Path bin, Path directory, String password, int port) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.passwordFile = directory.resolve("password");
        this.password = password;
        this.port = port;
    }

    /** The newest installed PostgreSQL's {@code bin} folder, or null if there is none. */
    public static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+"))
                    .map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElse(null);
        }
    }

    /** Initialises a cluster and starts it; fails the test with the server's log if it cannot. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            throw new AssertionError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl): apt-get install"
                    + " postgresql (.ci/run does)");
        }
        Path directory = Files.createTempDirectory("native-shm-pg-");
        PostgresServer server = new PostgresServer(bin, directory, "pw-" + Long.toHexString(System.nanoTime()), freePort());
        Files.writeString(server.passwordFile, server.password + "\n");
        if (isRoot()) {
            UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
            for (Path path : List.of(directory, server.passwordFile)) {
                Files.setOwner(path, users.lookupPrincipalByName("nobody"));
            }
        }
        server.run("initdb", "-D", server.data.toString(), "-U", USER, "-A", "scram-sha-256",
                "--pwfile=" + server.passwordFile, "-E", "UTF8", "--locale=C", "--no-sync");
        server.resume();
        return server;
    }

    /** Starts the initialised server (again). */
    public void resume() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data.toString(), "-l", directory.resolve("log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
    }

    /** Stops the server, keeping its data for {@link #resume()}. */
    public void pause() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    /** A JDBC URL of a new, empty database of this server. */
    public String newDatabase() throws SQLException {
        String name = "history_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** The JDBC URL of database {@code name}. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** A file holding the password of {@link #USER} (as {@code app.database.password-file} reads it). */
    public Path passwordFile() {
        return passwordFile;
    }

    /** The password of {@link #USER}. */
    public String password() {
        return password;
    }

    /** Stops the server fast and removes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pause();
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Runs one of PostgreSQL's programs (as nobody when we are root); fails with its output if it fails. */
    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile());
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("HOME", directory.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes(); // the server itself writes to its log, not here
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            Path log = directory.resolve("log");
            throw new AssertionError(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8)
                    + (Files.exists(log) ? Files.readString(log) : ""));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
