/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDecoderTest {
    private static final byte[] PAGE = page();
    private static final byte[] SHORT = "hello, hello, hello, compressed world".getBytes(StandardCharsets.US_ASCII);

    /** How a body's bytes are cut into the chunks an HTTP client hands over. */
    enum Feed {
        WHOLE, BYTE_BY_BYTE, RANDOM_SPLITS, RANDOM_DIRECT_SPLITS;

        List<ByteBuffer> chunks(byte[] wire) {
            final List<ByteBuffer> chunks = new ArrayList<>();
            final Random random = new Random(wire.length);
            for (int at = 0; at < wire.length; ) {
                final int length = switch (this) {
                    case WHOLE -> wire.length;
                    case BYTE_BY_BYTE -> 1;
                    case RANDOM_SPLITS, RANDOM_DIRECT_SPLITS -> Math.min(wire.length - at, 1 + random.nextInt(3000));
                };
                final ByteBuffer chunk = this == RANDOM_DIRECT_SPLITS ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
                chunk.put(wire, at, length).flip();
                chunks.add(this == RANDOM_SPLITS ? chunk.asReadOnlyBuffer() : chunk); // as the JDK client delivers them
                at += length;
            }
            return chunks;
        }
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void jdkGzipZlibAndRawDeflateRoundTrip(Feed feed) throws IOException {
        assertArrayEquals(PAGE, decode("gzip", gzip(PAGE), feed));
        assertArrayEquals(PAGE, decode("deflate", zlib(PAGE), feed));
        assertArrayEquals(PAGE, decode("deflate", rawDeflate(PAGE), feed), "raw deflate, as some servers send it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "identity", " Identity ", "identity, identity"})
    void identityPassesBytesThrough(String encoding) throws IOException {
        assertArrayEquals(PAGE, decode(encoding, PAGE, Feed.RANDOM_SPLITS));
        assertArrayEquals(PAGE, decode(null, PAGE, Feed.WHOLE));
    }

    @Test
    void codingNamesIgnoreCaseAndXGzipIsGzip() throws IOException {
        assertArrayEquals(SHORT, decode("GZIP", gzip(SHORT), Feed.WHOLE));
        assertArrayEquals(SHORT, decode("X-Gzip", gzip(SHORT), Feed.WHOLE));
        assertArrayEquals(SHORT, decode("Deflate", zlib(SHORT), Feed.WHOLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "compress", "zstd", "gzip, br"})
    void unsupportedCodingsAreNamed(String encoding) {
        final IOException e = assertThrows(IOException.class, () -> ContentDecoder.forEncoding(encoding, (b, o, l) -> true));
        assertTrue(e.getMessage().startsWith("unsupported Content-Encoding '"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + encoding.substring(encoding.lastIndexOf(' ') + 1) + "'"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void severalCodingsAreUndoneLastFirst(Feed feed) throws IOException {
        assertArrayEquals(PAGE, decode("gzip, deflate", zlib(gzip(PAGE)), feed), "gzip applied first, then deflate");
        assertArrayEquals(PAGE, decode("deflate,gzip", gzip(zlib(PAGE)), feed));
        assertArrayEquals(PAGE, decode("gzip, identity", gzip(PAGE), feed));
    }

    @Test
    void gzipCommandOutputWithFileNameDecodes(@TempDir Path dir) throws Exception {
        final Path file = Files.write(dir.resolve("page.html"), PAGE);
        final byte[] wire = run("gzip", "-c", file.toString());
        assertEquals(0x08, wire[3] & 0x08, "gzip stored the file name (FNAME)");
        for (Feed feed : Feed.values()) {
            assertArrayEquals(PAGE, decode("gzip", wire, feed), feed.name());
        }
    }

    @Test
    void pythonGzipWithEveryOptionalHeaderFieldDecodes(@TempDir Path dir) throws Exception {
        final Path content = Files.write(dir.resolve("page.html"), PAGE);
        final Path named = dir.resolve("named.gz");
        final Path everyField = dir.resolve("every-field.gz");
        // The gzip module writes FNAME and MTIME; the second file's header is assembled by hand with
        // FTEXT, FHCRC, FEXTRA, FNAME and FCOMMENT, its CRCs and deflate data from Python's zlib.
        run("python3", "-c", String.join("\n",
                "import gzip, struct, sys, zlib",
                "data = open(sys.argv[1], 'rb').read()",
                "with open(sys.argv[2], 'wb') as raw:",
                "    with gzip.GzipFile(filename='page.html', mode='wb', fileobj=raw, mtime=1700000000) as f:",
                "        f.write(data)",
                "extra = b'Ap' + struct.pack('<H', 3) + b'xyz'",
                "header = b'\\x1f\\x8b\\x08' + bytes([0x01 | 0x02 | 0x04 | 0x08 | 0x10]) + struct.pack('<I', 1700000000)",
                "header += b'\\x02\\x03' + struct.pack('<H', len(extra)) + extra + b'page.html\\x00' + b'a comment\\x00'",
                "header += struct.pack('<H', zlib.crc32(header) & 0xffff)",
                "deflate = zlib.compressobj(9, zlib.DEFLATED, -15)",
                "body = deflate.compress(data) + deflate.flush()",
                "trailer = struct.pack('<II', zlib.crc32(data), len(data) & 0xffffffff)",
                "open(sys.argv[3], 'wb').write(header + body + trailer)"),
                content.toString(), named.toString(), everyField.toString());
        final byte[] wire = Files.readAllBytes(everyField);
        assertArrayEquals(PAGE, run("gzip", "-dc", everyField.toString()), "GNU gzip accepts the hand-made header too");
        for (Feed feed : Feed.values()) {
            assertArrayEquals(PAGE, decode("gzip", Files.readAllBytes(named), feed), feed.name());
            assertArrayEquals(PAGE, decode("gzip", wire, feed), feed.name());
        }

        final int headerCrcAt = 10 + 2 + 7 + "page.html".length() + 1 + "a comment".length() + 1;
        wire[headerCrcAt] ^= 1;
        assertFails("gzip header CRC mismatch", "gzip", wire);
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void gzipMembersFollowOneAnother(Feed feed) throws IOException {
        final byte[] wire = concat(gzip(PAGE), gzip(SHORT), gzip(new byte[0]), gzip(SHORT));
        assertArrayEquals(concat(PAGE, SHORT, SHORT), decode("gzip", wire, feed));
    }

    @Test
    void paddingAndJunkAfterTheLastMemberAreIgnored() throws IOException {
        assertArrayEquals(SHORT, decode("gzip", concat(gzip(SHORT), new byte[1]), Feed.WHOLE));
        assertArrayEquals(SHORT, decode("gzip", concat(gzip(SHORT), new byte[512]), Feed.BYTE_BY_BYTE));
        assertArrayEquals(SHORT, decode("gzip", concat(gzip(SHORT), "\r\n<html>".getBytes(StandardCharsets.US_ASCII)), Feed.WHOLE));
        assertArrayEquals(SHORT, decode("gzip", concat(gzip(SHORT), new byte[] {0x1f, 0x00}), Feed.WHOLE));
        assertArrayEquals(SHORT, decode("deflate", concat(zlib(SHORT), new byte[4]), Feed.BYTE_BY_BYTE));
    }

    @Test
    void anEmptyBodyIsEmptyContent() throws IOException {
        for (String encoding : List.of("gzip", "deflate", "gzip, deflate")) {
            assertArrayEquals(new byte[0], decode(encoding, new byte[0], Feed.WHOLE), encoding);
        }
    }

    @Test
    void aStreamCutAnywhereFailsAtFinish() throws IOException {
        final byte[] gzip = gzip(SHORT);
        for (int cut = 1; cut < gzip.length; cut++) {
            assertFails("gzip stream ended before its trailer", "gzip", Arrays.copyOf(gzip, cut));
        }
        for (byte[] deflate : List.of(zlib(SHORT), rawDeflate(SHORT))) {
            for (int cut = 1; cut < deflate.length; cut++) {
                assertFails("deflate stream ended before its last block", "deflate", Arrays.copyOf(deflate, cut));
            }
        }
    }

    @Test
    void badTrailersAreCaught() throws IOException {
        final byte[] wrongCrc = gzip(PAGE);
        wrongCrc[wrongCrc.length - 8] ^= 1;
        assertFails("gzip CRC mismatch", "gzip", wrongCrc);
        final byte[] wrongSize = gzip(PAGE);
        wrongSize[wrongSize.length - 1] ^= 1;
        assertFails("gzip size mismatch", "gzip", wrongSize);
        final byte[] wrongAdler = zlib(PAGE);
        wrongAdler[wrongAdler.length - 1] ^= 1;
        assertFails("corrupt deflate data", "deflate", wrongAdler);
    }

    @Test
    void whatIsNotGzipIsSaidSo() {
        assertFails("not gzip data: bad magic 0x3c21", "gzip", "<!DOCTYPE html><html></html>".getBytes(StandardCharsets.US_ASCII));
        assertFails("unsupported gzip compression method 7", "gzip", new byte[] {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0});
        assertFails("gzip header has reserved flags set: 0x20", "gzip", new byte[] {0x1f, (byte) 0x8b, 8, 0x20});
        assertFails("corrupt deflate data", "deflate", "<!DOCTYPE html><html></html>".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aPresetDictionaryIsRefused() throws IOException {
        final Deflater deflater = new Deflater();
        deflater.setDictionary("hello".getBytes(StandardCharsets.US_ASCII));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream zlib = new DeflaterOutputStream(out, deflater)) {
            zlib.write(SHORT);
        }
        deflater.end();
        assertFails("deflate stream needs a preset dictionary", "deflate", out.toByteArray());
    }

    /** Random bytes, and valid streams with bytes flipped or cut: only ever content or an IOException. */
    @Test
    void garbageOnlyEverThrowsIOException() throws IOException {
        final Random random = new Random(13);
        final List<String> encodings = List.of("gzip", "deflate", "gzip, deflate");
        final List<byte[]> valid = List.of(gzip(SHORT), zlib(SHORT), zlib(gzip(SHORT)), concat(gzip(SHORT), gzip(SHORT)));
        for (int round = 0; round < 3000; round++) {
            final byte[] wire;
            if (round % 3 == 0) {
                wire = new byte[random.nextInt(64)];
                random.nextBytes(wire);
                if (round % 2 == 0 && wire.length > 1) {
                    wire[0] = 0x1f; // get past the magic now and then
                    wire[1] = (byte) 0x8b;
                }
            } else {
                final byte[] source = valid.get(random.nextInt(valid.size()));
                wire = Arrays.copyOf(source, 1 + random.nextInt(source.length));
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    wire[random.nextInt(wire.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            final String encoding = encodings.get(random.nextInt(encodings.size()));
            try {
                decode(encoding, wire, Feed.RANDOM_SPLITS);
            } catch (Exception e) {
                assertInstanceOf(IOException.class, e, () -> encoding + " of " + Arrays.toString(wire));
            }
        }
    }

    @Test
    void decodingStopsWhenTheSinkRefuses() throws IOException {
        final AtomicInteger calls = new AtomicInteger();
        final ContentDecoder decoder = ContentDecoder.forEncoding("gzip", (b, o, l) -> calls.incrementAndGet() < 2);
        final byte[] wire = gzip(PAGE);
        final ByteBuffer chunk = ByteBuffer.wrap(wire, 0, wire.length - 4); // cut short, yet finish is quiet
        assertFalse(decoder.decode(chunk));
        assertTrue(chunk.hasRemaining(), "the rest of the chunk is not inflated");
        assertFalse(decoder.decode(ByteBuffer.wrap(wire)));
        assertEquals(2, calls.get());
        decoder.finish();
        decoder.close();
        decoder.close();
    }

    /** 1 MB of gzip that inflates to 1 GiB, against a 5 MiB limit: cut at the limit, in bounded memory. */
    @Test
    @Timeout(60)
    void aGzipBombIsCutAtTheLimit() throws IOException {
        final ByteArrayOutputStream bombBytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bombBytes, 64 * 1024)) {
            final byte[] zeros = new byte[1 << 20];
            for (int mib = 0; mib < 1024; mib++) {
                out.write(zeros);
            }
        }
        final byte[] bomb = bombBytes.toByteArray();
        assertTrue(bomb.length < 1_100_000, "bomb is " + bomb.length + " bytes");

        final long limit = 5 << 20;
        final AtomicLong kept = new AtomicLong();
        final ContentDecoder decoder = ContentDecoder.forEncoding("gzip", (b, o, l) -> {
            final long room = limit - kept.get();
            kept.addAndGet(Math.min(room, l));
            return l < room;
        });
        final List<ByteBuffer> chunks = Feed.RANDOM_SPLITS.chunks(bomb);
        final long allocatedBefore = allocatedBytes();
        long wireRead = 0;
        for (ByteBuffer chunk : chunks) {
            final int before = chunk.remaining();
            final boolean more = decoder.decode(chunk);
            wireRead += before - chunk.remaining();
            if (!more) {
                break;
            }
        }
        final long allocated = allocatedBytes() - allocatedBefore;
        decoder.close();
        assertEquals(limit, kept.get());
        assertTrue(wireRead < 20_000, "read " + wireRead + " bytes of the bomb to inflate 5 MiB");
        assertTrue(allocated < 1 << 20, "decoding 5 MiB allocated " + allocated + " bytes");
    }

    /** Bytes this thread has allocated so far, where the JVM tells (HotSpot); else 0. */
    private static long allocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                ? threads.getThreadAllocatedBytes(Thread.currentThread().getId())
                : 0;
    }

    private static byte[] decode(String encoding, byte[] wire, Feed feed) throws IOException {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        final ContentDecoder decoder = ContentDecoder.forEncoding(encoding, (b, o, l) -> {
            content.write(b, o, l);
            return true;
        });
        try {
            for (ByteBuffer chunk : feed.chunks(wire)) {
                assertTrue(decoder.decode(chunk));
                assertFalse(chunk.hasRemaining(), "a chunk is consumed whole");
            }
            decoder.finish();
        } finally {
            decoder.close();
        }
        return content.toByteArray();
    }

    /** Asserts that decoding fails, with a message starting so, however the bytes are split. */
    private static void assertFails(String message, String encoding, byte[] wire) {
        for (Feed feed : Feed.values()) {
            final IOException e = assertThrows(IOException.class, () -> decode(encoding, wire, feed), feed.name());
            assertTrue(e.getMessage().startsWith(message), () -> feed + ": " + e.getMessage());
        }
    }

    private static byte[] run(String... command) throws IOException, InterruptedException {
        final Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            assumeTrue(false, command[0] + " is not installed");
            throw e;
        }
        final byte[] output = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            fail(String.join(" ", command) + " exited with " + process.exitValue());
        }
        return output;
    }

    static byte[] gzip(byte[] content) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }

    static byte[] zlib(byte[] content) throws IOException {
        return deflate(content, new Deflater());
    }

    private static byte[] rawDeflate(byte[] content) throws IOException {
        return deflate(content, new Deflater(Deflater.DEFAULT_COMPRESSION, true));
    }

    private static byte[] deflate(byte[] content, Deflater deflater) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream stream = new DeflaterOutputStream(out, deflater)) {
            stream.write(content);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** About 100 KB: markup that compresses well, then random bytes that do not. */
    private static byte[] page() {
        final StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
        for (int i = 0; i < 3000; i++) {
            html.append("<p class=\"item\">item ").append(i).append(" \u00e9t\u00e9 \u4e2d\u6587</p>\n");
        }
        final byte[] markup = html.toString().getBytes(StandardCharsets.UTF_8);
        final byte[] noise = new byte[20_000];
        new Random(1).nextBytes(noise);
        return concat(markup, noise);
    }
}
