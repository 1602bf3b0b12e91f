/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.testing.Processes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Text fields against the UTF-8 of Python and of the JDK, which the tests trust. */
class Utf8Test {
    /** Bytes that make UTF-8 interesting: ASCII, NUL, continuations, every kind of lead, and never-valid bytes. */
    private static final int[] ALPHABET = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
            0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};

    @Test
    void decodesAnyBytesAsPythonDoes(@TempDir Path directory) throws Exception {
        Random random = new Random(7);
        List<byte[]> samples = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            samples.add(randomBytes(random));
        }
        Path input = Files.write(directory.resolve("samples.txt"),
                samples.stream().map(HexFormat.of()::formatHex).collect(Collectors.toList()));
        String[] decoded = Processes.run(List.of("python3", "-c", "import sys\n"
                + "for line in open(sys.argv[1]):\n"
                + "    text = bytes.fromhex(line.strip()).split(b'\\0')[0].decode('utf-8', 'replace')\n"
                + "    print(text.encode('utf-8').hex())\n", input.toString())).split("\n");
        assertEquals(samples.size(), decoded.length, "one line per sample");
        for (int i = 0; i < samples.size(); i++) {
            byte[] bytes = samples.get(i);
            assertEquals(decoded[i], HexFormat.of().formatHex(decode(bytes).getBytes(StandardCharsets.UTF_8)),
                    HexFormat.of().formatHex(bytes));
        }
    }

    @Test
    void decodesAnyBytesAsTheJdkDoesButForEncodedSurrogates() {
        Random random = new Random(8);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = randomBytes(random);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            String hex = HexFormat.of().formatHex(bytes, 0, end);
            if (!hex.matches("(..)*ed[ab].*")) {
                assertEquals(new String(bytes, 0, end, StandardCharsets.UTF_8), decode(bytes), hex);
            }
        }
    }

    /** 0 to 12 bytes, mostly from {@link #ALPHABET}. */
    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(13)];
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = (byte) (random.nextInt(4) == 0 ? random.nextInt() : ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return bytes;
    }

    /** Decodes {@code bytes} as a field of their length, placed at offset 3 of a larger buffer. */
    private static String decode(byte[] bytes) {
        return Utf8.decode(ByteBuffer.allocate(bytes.length + 6).put(3, bytes), 3, bytes.length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "c080, \uFFFD\uFFFD",                 // overlong NUL
            "e08080, \uFFFD\uFFFD\uFFFD",         // overlong: E0 needs A0..BF next
            "eda080, \uFFFD\uFFFD\uFFFD",         // a surrogate: ED needs 80..9F next (the JDK gives one)
            "eda0, \uFFFD\uFFFD",
            "f4908080, \uFFFD\uFFFD\uFFFD\uFFFD", // above U+10FFFF
            "e282, \uFFFD",                       // cut short by the end: one U+FFFD
            "e28241, \uFFFD\u0041",               // cut short by an ASCII byte
            "f09f9800, \uFFFD",                   // cut short by NUL
            "f09f9880, \uD83D\uDE00",
            "ff41, \uFFFD\u0041",
            "41ffff, \u0041\uFFFD\uFFFD",
    })
    void replacesEachMaximalInvalidSubpartByOneReplacementCharacter(String hex, String expected) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertEquals(expected, Utf8.decode(ByteBuffer.wrap(bytes), 0, bytes.length));
    }

    @Test
    void encodesAsTheJdkDoesCutAtTheLastWholeCharacter() {
        Random random = new Random(8);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = random.nextInt(8); c > 0; c--) {
                switch (random.nextInt(5)) {
                    case 0 -> text.append((char) random.nextInt(0x80));
                    case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
                    case 2 -> text.append((char) (0x800 + random.nextInt(0xF800))); // lone surrogates too
                    default -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                }
            }
            int capacity = 1 + random.nextInt(16);
            ByteBuffer buffer = ByteBuffer.allocate(capacity + 4);
            buffer.put(1, (byte) 0x55).put(capacity + 2, (byte) 0x55);
            Utf8.encode(buffer, 2, capacity, text.toString());
            byte[] written = new byte[capacity];
            buffer.get(2, written);
            assertEquals(expected(text.toString(), capacity), HexFormat.of().formatHex(written), text::toString);
            assertEquals(0x55, buffer.get(1), "the byte before");
            assertEquals(0x55, buffer.get(capacity + 2), "the byte after");
        }
    }

    /** The JDK's UTF-8 of the longest prefix of whole code points that fits, NUL-padded. */
    private static String expected(String text, int capacity) {
        StringBuilder hex = new StringBuilder();
        int bytes = 0;
        for (int codePoint : text.codePoints().toArray()) {
            byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            if (bytes + utf8.length > capacity) {
                break;
            }
            hex.append(HexFormat.of().formatHex(utf8));
            bytes += utf8.length;
        }
        return hex + "00".repeat(capacity - bytes);
    }
}
