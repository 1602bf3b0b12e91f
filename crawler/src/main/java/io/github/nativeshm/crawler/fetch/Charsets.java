/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the charset of a fetched body and decodes it, the way browsers do (the WHATWG encoding
 * sniffing order, simplified):
 * <ol>
 *   <li>a byte order mark (it is unambiguous, so it beats the header, as in browsers);</li>
 *   <li>the {@code charset} parameter of the {@code Content-Type} header;</li>
 *   <li>{@code <meta charset>} or {@code <meta http-equiv="Content-Type" content="...; charset=">}
 *       in the first {@value #SNIFF_BYTES} bytes (HTML);</li>
 *   <li>the {@code encoding} of an {@code <?xml ...?>} declaration (RSS, Atom);</li>
 *   <li>the caller's default (the {@code defaultCharset} setting, UTF-8 unless configured).</li>
 * </ol>
 * Labels are read like browsers read them: {@code gb2312} means GBK, {@code shift_jis} means
 * windows-31j, {@code iso-8859-1} and {@code us-ascii} mean windows-1252 (pages that say these
 * routinely use the superset's extra characters). Unknown labels are skipped, not fatal.
 */
public final class Charsets {
    /** How much of the body is searched for a declaration; the HTML standard says 1024, pages exceed it. */
    public static final int SNIFF_BYTES = 4096;

    private static final Pattern META = Pattern.compile(
            "<meta\\b[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_DECLARATION = Pattern.compile(
            "^\\s*<\\?xml\\b[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_TYPE_CHARSET = Pattern.compile(
            ";\\s*charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("gb2312", "GBK"), Map.entry("gb_2312-80", "GBK"), Map.entry("x-gbk", "GBK"),
            Map.entry("csgb2312", "GBK"), Map.entry("chinese", "GBK"),
            Map.entry("shift_jis", "windows-31j"), Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"), Map.entry("x-sjis", "windows-31j"),
            Map.entry("ms_kanji", "windows-31j"), Map.entry("csshiftjis", "windows-31j"),
            Map.entry("iso-8859-1", "windows-1252"), Map.entry("iso8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"), Map.entry("l1", "windows-1252"),
            Map.entry("us-ascii", "windows-1252"), Map.entry("ascii", "windows-1252"));

    private Charsets() {
    }

    /**
     * The charset of {@code body}, in the order given in the class description.
     *
     * @param contentType the {@code Content-Type} header, or null
     * @param fallback    the charset of a body that declares none
     */
    public static Charset detect(String contentType, byte[] body, Charset fallback) {
        return fromBom(body)
                .or(() -> fromContentType(contentType))
                .or(() -> fromDeclaration(body))
                .orElse(fallback);
    }

    /** The charset a byte order mark at the start of {@code body} announces. */
    public static Optional<Charset> fromBom(byte[] body) {
        return Optional.ofNullable(bomCharset(body));
    }

    /** The usable {@code charset} parameter of a {@code Content-Type} value. */
    public static Optional<Charset> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher m = CONTENT_TYPE_CHARSET.matcher(contentType);
        return m.find() ? forLabel(m.group(1)) : Optional.empty();
    }

    /** The charset declared by a {@code <meta>} tag or an XML declaration near the start of {@code body}. */
    public static Optional<Charset> fromDeclaration(byte[] body) {
        // Declarations are ASCII, and every charset they can honestly name is ASCII-compatible.
        String head = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher meta = META.matcher(head);
        Matcher xml = XML_DECLARATION.matcher(head);
        String label = meta.find() ? meta.group(1) : xml.find() ? xml.group(1) : null;
        if (label == null) {
            return Optional.empty();
        }
        // Bytes readable as ASCII are not UTF-16, whatever they say (the HTML standard's rule).
        return forLabel(label).map(cs -> cs.name().startsWith("UTF-16") || cs.name().startsWith("UTF-32")
                ? StandardCharsets.UTF_8 : cs);
    }

    /** The charset a page means by {@code label} (see the aliases above), if this JVM has it. */
    public static Optional<Charset> forLabel(String label) {
        String key = label.trim().toLowerCase(Locale.ROOT);
        try {
            return Optional.of(Charset.forName(ALIASES.getOrDefault(key, key)));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /** {@code body} decoded with {@code charset}, skipping its byte order mark; bad bytes become U+FFFD. */
    public static String decode(byte[] body, Charset charset) {
        Charset bom = bomCharset(body);
        int skip = bom != null && bom.equals(charset) ? bomLength(bom) : 0;
        return new String(body, skip, body.length - skip, charset);
    }

    private static Charset bomCharset(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static int bomLength(Charset bom) {
        return bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
    }
}
