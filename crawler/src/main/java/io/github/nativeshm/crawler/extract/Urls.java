/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns links as pages write them into absolute, normalised http(s) URLs, so that the same item
 * always gets the same URL: relative links resolved, scheme and host lower-cased, default ports
 * and dot segments removed, an empty path made {@code /}, characters URIs do not allow
 * (spaces, non-ASCII) percent-encoded. Fragments are kept: some pages list items as anchors.
 */
final class Urls {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
    private static final String LEGAL = "-._~:/?#[]@!$&'()*+,;=%";

    private Urls() {
    }

    /**
     * @param base the URL of the page the link is on; absolute
     * @param raw  the link as written, or null
     * @return the absolute, normalised URL, or null when {@code raw} is blank, unparsable, or not
     *         http(s) ({@code javascript:}, {@code mailto:})
     */
    static URI resolve(URI base, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        final URI ref = parse(raw.strip());
        if (ref == null) {
            return null;
        }
        try {
            return normalise(ref.isAbsolute() ? ref : against(normalise(base), ref));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param raw a link as written, or null
     * @return whether it names no scheme ({@code /a}, {@code a.html}, {@code //host/a}, {@code ?p=2}),
     *         so that it is resolved against the page
     */
    static boolean isRelative(String raw) {
        return raw != null && !SCHEME.matcher(raw.strip()).lookingAt();
    }

    private static URI against(URI base, URI ref) throws URISyntaxException {
        if (base == null) {
            return null;
        }
        if (ref.getRawAuthority() == null && ref.getRawPath().isEmpty() && ref.getRawQuery() != null) {
            // "?p=2": RFC 3986 keeps the base path; java.net.URI (RFC 2396) drops its last segment.
            return new URI(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath() + "?"
                    + ref.getRawQuery() + (ref.getRawFragment() == null ? "" : "#" + ref.getRawFragment()));
        }
        return base.resolve(ref);
    }

    private static URI normalise(URI uri) throws URISyntaxException {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        final String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        final int port = uri.getPort();
        final boolean defaultPort = port == -1 || port == 80 && scheme.equals("http")
                || port == 443 && scheme.equals("https");
        final String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // toASCIIString: the same link written with raw or percent-encoded non-ASCII gets one URL.
        return new URI(new URI(scheme + "://"
                + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                + uri.getHost().toLowerCase(Locale.ROOT)
                + (defaultPort ? "" : ":" + port)
                + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment())).normalize().toASCIIString());
    }

    private static URI parse(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            try {
                return new URI(escape(s));
            } catch (URISyntaxException stillBad) {
                return null;
            }
        }
    }

    /** Percent-encodes what a URI cannot hold as is: spaces, non-ASCII, stray {@code %}, {@code |} and such. */
    private static String escape(String s) {
        final StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            final boolean escapeStart = c == '%' && isHex(s, i + 1) && isHex(s, i + 2);
            if (c < 128 && (Character.isLetterOrDigit(c) || LEGAL.indexOf(c) >= 0) && (c != '%' || escapeStart)) {
                out.append(c);
            } else {
                final int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
