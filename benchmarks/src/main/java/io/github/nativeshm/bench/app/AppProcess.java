/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The app ({@code java -jar app.jar ...}) as a child process: started, its URL read, stopped. */
final class AppProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready: open (http://\\S+/)");

    private final Process process;
    private final URI uri;

    AppProcess(Path jar, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--port", "0"));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread output = new Thread(() -> drain(ready), "app-output");
        output.setDaemon(true);
        output.start();
        try {
            uri = ready.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IOException("the app did not say it was ready: " + e, e);
        }
    }

    private void drain(CompletableFuture<URI> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(URI.create(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("the app's output ended before it was ready"));
    }

    URI uri() {
        return uri;
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory of a process in MiB, from /proc (Linux). */
    static double residentMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
