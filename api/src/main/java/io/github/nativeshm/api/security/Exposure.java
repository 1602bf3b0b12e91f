/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.github.nativeshm.api.AppSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the app listens and who can reach it there. Created with the context, so that listening
 * on more than loopback, or behind a proxy at {@code app.public-url}, without sign-in stops the
 * start before the port opens; and the names a
 * request's {@code Host} may carry (against DNS rebinding, where a page of another site reaches a
 * local server through a name of its own).
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE) // before the other beans made at start, so that a refusal leaves nothing behind
public class Exposure {
    /** In {@code app.allowed-hosts}: accept any {@code Host} (behind a proxy that checks it). */
    public static final String ANY_HOST = "*";

    private final boolean anyHost;
    private final Set<String> allowedHosts = new HashSet<>();

    public Exposure(@Value("${micronaut.server.host:}") String host,
                    @Value("${app.allowed-hosts:}") @Nullable List<String> configuredHosts,
                    AppSettings app, AuthSettings settings, Access access) {
        InetAddress bound = bound(host);
        // behind a reverse proxy the app listens on loopback, yet app.public-url says the world reaches it
        URI publicUrl = app.getPublicUrl(); // an absolute http(s) URL: AppSettings checks it
        String reachable = !bound.isLoopbackAddress() ? "listening on " + (host.isEmpty() ? "every address" : host)
                : publicUrl != null ? "being served at " + publicUrl + " (app.public-url)" : null;
        if (reachable != null && !access.required() && !settings.isAnonymousReads()) {
            throw new ConfigurationException(reachable + " lets anyone who can reach it read everything: add a user"
                    + " (`java -jar app.jar user add NAME`) or allow reads without sign-in explicitly"
                    + " (app.auth.anonymous-reads=true)");
        }
        List.of("localhost", "127.0.0.1", "::1", bound.getHostAddress()).forEach(this::allow);
        if (!host.isEmpty()) {
            allow(host);
        }
        if (bound.isAnyLocalAddress()) {
            localAddresses().forEach(this::allow);
        }
        try {
            String name = InetAddress.getLocalHost().getHostName();
            allow(name);
            allow(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        } catch (UnknownHostException e) {
            // a machine whose own name does not resolve: its name cannot reach it either
        }
        if (publicUrl != null) {
            allow(publicUrl.getHost());
        }
        List<String> configured = configuredHosts == null ? List.of() : configuredHosts;
        this.anyHost = configured.contains(ANY_HOST);
        configured.forEach(this::allow);
    }

    private void allow(String name) {
        allowedHosts.add(normalise(name));
    }

    /**
     * Whether a request with this {@code Host} header may be answered: a loopback name, the bound
     * address (any of the machine's addresses when bound to all), the machine's name, the host of
     * {@code app.public-url}, or one of {@code app.allowed-hosts}; a request without the header (not from a browser) may.
     */
    public boolean allowsHost(@Nullable String hostHeader) {
        return anyHost || hostHeader == null || allowedHosts.contains(normalise(withoutPort(hostHeader)));
    }

    private static InetAddress bound(String host) {
        try {
            return host.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigurationException("micronaut.server.host: cannot resolve '" + host + "'");
        }
    }

    private static Set<String> localAddresses() {
        Set<String> addresses = new HashSet<>();
        try {
            for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                face.inetAddresses().forEach(address -> addresses.add(address.getHostAddress()));
            }
        } catch (SocketException e) {
            // no interfaces to list: the loopback names and the configured ones remain
        }
        return addresses;
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }

    /** Lower case, no trailing dot; addresses in one spelling, IPv6 without brackets or zone. */
    private static String normalise(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        int zone = name.indexOf('%');
        if (zone >= 0) {
            name = name.substring(0, zone);
        }
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (name.contains(":") || name.matches("[0-9.]+")) {
            try {
                return InetAddress.getByName(name).getHostAddress(); // an address literal: no lookup, one spelling
            } catch (UnknownHostException e) {
                return name;
            }
        }
        return name;
    }
}
