/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetsTest {
    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Test
    void contentTypeHeaderComesBeforeDeclarations() {
        byte[] body = "<meta charset=gbk>".getBytes(StandardCharsets.US_ASCII);
        assertEquals(StandardCharsets.UTF_8, Charsets.detect("text/html; charset=\"UTF-8\"", body, StandardCharsets.UTF_8));
        assertEquals(GBK, Charsets.detect("text/html", body, StandardCharsets.UTF_8));
    }

    @Test
    void byteOrderMarkWinsOverTheHeader() {
        byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', (byte) 0xC3, (byte) 0xA9};
        assertEquals(StandardCharsets.UTF_8, Charsets.detect("text/html; charset=iso-8859-1", body, StandardCharsets.UTF_8));
        assertEquals("h\u00e9", Charsets.decode(body, StandardCharsets.UTF_8), "the BOM is not part of the text");
        byte[] utf16 = "\uFEFFhi".getBytes(StandardCharsets.UTF_16LE);
        assertEquals(StandardCharsets.UTF_16LE, Charsets.detect(null, utf16, StandardCharsets.UTF_8));
        assertEquals("hi", Charsets.decode(utf16, StandardCharsets.UTF_16LE));
    }

    @Test
    void metaHttpEquivAndXmlDeclarationAreSniffed() {
        String html = "<html><head><title>x</title><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=EUC-JP'>";
        assertEquals(Charset.forName("EUC-JP"), Charsets.detect(null, html.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8));
        String rss = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss/>";
        assertEquals(WINDOWS_31J, Charsets.detect("application/rss+xml", rss.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8));
    }

    @Test
    void labelsAreReadAsBrowsersReadThem() {
        assertEquals(GBK, Charsets.forLabel("GB2312").orElseThrow());
        assertEquals(WINDOWS_31J, Charsets.forLabel("shift_jis").orElseThrow());
        assertEquals(WINDOWS_1252, Charsets.forLabel("ISO-8859-1").orElseThrow());
        assertEquals(WINDOWS_1252, Charsets.forLabel("us-ascii").orElseThrow());
        assertEquals(StandardCharsets.UTF_8, Charsets.detect("text/html; charset=x-no-such-thing", new byte[0], StandardCharsets.UTF_8),
                "an unknown label is skipped");
        assertEquals(StandardCharsets.UTF_8, Charsets.detect(null, "<meta charset=utf-16>".getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8),
                "ASCII bytes claiming UTF-16 are not UTF-16");
    }

    @Test
    void legacyEncodingsDecode() {
        assertRoundTrip("\u4e2d\u6587\u7f51\u9875", GBK, "gbk");                       // 中文网页
        assertRoundTrip("\u6c47\u7387\u9555\u9fa0", GBK, "gb2312");                    // GBK-only 镕 and 龠 too
        assertRoundTrip("\u65e5\u672c\u8a9e\u3067\u3059\u2460", WINDOWS_31J, "Shift_JIS"); // 日本語です① (NEC extension)
        assertRoundTrip("\u65e5\u672c\u8a9e", Charset.forName("EUC-JP"), "euc-jp");
        assertRoundTrip("caf\u00e9 \u20ac \u201cquoted\u201d", WINDOWS_1252, "iso-8859-1"); // € and quotes are 1252-only
    }

    private static void assertRoundTrip(String text, Charset encoding, String declaredAs) {
        byte[] body = ("<html><head><meta charset=\"" + declaredAs + "\"></head><body>" + text + "</body></html>")
                .getBytes(encoding);
        Charset detected = Charsets.detect("text/html", body, StandardCharsets.UTF_8);
        String decoded = Charsets.decode(body, detected);
        assertEquals(text, decoded.substring(decoded.indexOf("<body>") + 6, decoded.indexOf("</body>")),
                declaredAs + " read as " + detected);
    }

    @Test
    void utf8IsTheLastResort() {
        assertEquals(StandardCharsets.UTF_8, Charsets.detect(null, "plain".getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8));
        assertEquals(StandardCharsets.UTF_8, Charsets.detect(null, new byte[0], StandardCharsets.UTF_8));
    }
}
