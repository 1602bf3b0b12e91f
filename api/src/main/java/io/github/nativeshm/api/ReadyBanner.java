/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.api.supervise.CrawlerConfigFile;
import io.github.nativeshm.api.supervise.CrawlerSupervisor;
import io.github.nativeshm.api.web.ApiToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Tells the user where to point the browser (the URL that can actually be opened: https with TLS,
 * the reverse proxy's {@code app.public-url}, the machine's name and addresses when bound to all of
 * them), and a newly generated token, once the server listens; or, when the crawler's config is
 * invalid, that it is and what is wrong with it.
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
        config.demo().ifPresent(site -> System.out.println("demo site: " + site.uri() + " (content changes every "
                + settings.getDemoTick().toSeconds() + " s)"));
        if (token.isGenerated()) {
            // where, not what: the console of a service ends up in journals other people may read
            System.out.println("token for changes: generated into " + token.file().orElseThrow()
                    + " (owner-only; `java -jar app.jar token` prints it)");
        }
        Addresses addresses = addresses(server.getScheme(), server.getHost(), server.getPort(), settings.getPublicUrl());
        String url = addresses.open();
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
        if (addresses.more() != null) {
            System.out.println("  " + addresses.more());
        }
        System.out.flush();
    }

    /** The URL to open, and a line with the other ways in (null when there are none). */
    record Addresses(String open, @Nullable String more) {
    }

    /**
     * Where people reach the server: the public URL of a reverse proxy when one is configured;
     * for a wildcard bind (0.0.0.0, ::) the machine's name, its other addresses and, for this
     * machine only, the loopback address; else the bound address.
     */
    static Addresses addresses(String scheme, String host, int port, @Nullable URI publicUrl) {
        if (publicUrl != null) {
            return new Addresses(publicUrl.toString(), "(through the reverse proxy; this server listens on "
                    + url(scheme, wildcard(host) ? "127.0.0.1" : host, port) + ")");
        }
        if (!wildcard(host)) {
            return new Addresses(url(scheme, host, port), null);
        }
        List<String> urls = new ArrayList<>();
        String name = localHostName();
        if (name != null) {
            urls.add(url(scheme, name, port));
        }
        machineAddresses(host.contains(":")).forEach(address -> urls.add(url(scheme, address, port)));
        String local = url(scheme, "127.0.0.1", port);
        if (urls.isEmpty()) {
            return new Addresses(local, null);
        }
        String open = urls.remove(0);
        return new Addresses(open, (urls.isEmpty() ? "" : "or " + String.join(", ", urls) + "; ")
                + "on this machine also " + local);
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("0:0:0:0:0:0:0:0");
    }

    private static String url(String scheme, String host, int port) {
        return scheme + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port + "/";
    }

    /** The machine's own name, unless it is unknown or only a loopback name. */
    private static @Nullable String localHostName() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String name = local.getHostName();
            return name.equals("localhost") || name.equals(local.getHostAddress()) ? null : name;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * The addresses of the interfaces that are up, loopback excluded: IPv4 ones, and with
     * {@code ipv6} also global IPv6 ones (link-local ones need a zone that a URL cannot carry).
     */
    private static List<String> machineAddresses(boolean ipv6) {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address || ipv6 && address instanceof Inet6Address
                            && !address.isLinkLocalAddress()) {
                        addresses.add(address.getHostAddress().replaceFirst("%.*$", ""));
                    }
                }
            }
        } catch (SocketException e) {
            // the name and the loopback address are still printed
        }
        return addresses;
    }
}
