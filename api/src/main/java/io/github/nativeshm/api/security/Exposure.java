/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the app listens and who can reach it there. Created with the context, so that listening
 * on more than loopback without sign-in stops the start before the port opens; and the names a
 * request's {@code Host} may carry (against DNS rebinding, where a page of another site reaches a
 * local server through a name of its own).
 */
@Context
public class Exposure {
    /** In {@code app.allowed-hosts}: accept any {@code Host} (behind a proxy that checks it). */
    public static final String ANY_HOST = "*";

    private final boolean loopback;
    private final boolean anyHost;
    private final Set<String> allowedHosts = new HashSet<>();

    public Exposure(@Value("${micronaut.server.host:}") String host,
                    @Value("${app.allowed-hosts:}") @Nullable List<String> configuredHosts,
                    AuthSettings settings, Users users) {
        InetAddress bound = bound(host);
        this.loopback = bound.isLoopbackAddress();
        if (!loopback && !settings.isRequired() && users.list().isEmpty() && !settings.isAnonymousReads()) {
            throw new ConfigurationException("listening on " + (host.isEmpty() ? "every address" : host)
                    + " lets anyone who can reach it read everything: add a user (`java -jar app.jar user add NAME`)"
                    + " or allow reads without sign-in explicitly (app.auth.anonymous-reads=true)");
        }
        allowedHosts.addAll(List.of("localhost", "127.0.0.1", "::1"));
        if (!host.isEmpty()) {
            allowedHosts.add(normalise(host));
        }
        allowedHosts.add(bound.getHostAddress());
        if (bound.isAnyLocalAddress()) {
            allowedHosts.addAll(localAddresses());
        }
        try {
            String name = normalise(InetAddress.getLocalHost().getHostName());
            allowedHosts.add(name);
            allowedHosts.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        } catch (UnknownHostException e) {
            // a machine whose own name does not resolve: its name cannot reach it either
        }
        List<String> configured = configuredHosts == null ? List.of() : configuredHosts;
        this.anyHost = configured.contains(ANY_HOST);
        configured.forEach(name -> allowedHosts.add(normalise(name)));
    }

    /** Whether the app listens on a loopback address only. */
    public boolean isLoopback() {
        return loopback;
    }

    /**
     * Whether a request with this {@code Host} header may be answered: a loopback name, the bound
     * address (any of the machine's addresses when bound to all), the machine's name, or one of
     * {@code app.allowed-hosts}; a request without the header (not from a browser) may.
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
                face.inetAddresses().forEach(address -> addresses.add(normalise(address.getHostAddress())));
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
