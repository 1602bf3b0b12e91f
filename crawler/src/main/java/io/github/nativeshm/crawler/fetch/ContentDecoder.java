/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a response body's {@code Content-Encoding} as its bytes arrive: each wire chunk is pushed
 * in with {@link #decode}, and the decoded bytes go to a {@link Sink} in pieces of at most
 * {@link #BUFFER_SIZE}, through one buffer that is reused. Nothing blocks and memory does not grow
 * with the body, so a sink that stops at a limit cuts a gzip bomb short after inflating little more
 * than the limit.
 *
 * <p>Supported codings are {@code gzip} (also {@code x-gzip}; several members in a row are one
 * body), {@code deflate} (zlib-wrapped as RFC 9110 says, or raw deflate as some servers send it) and
 * {@code identity}. Bytes after the end of a gzip or deflate stream that do not start another gzip
 * member are ignored, as browsers do: servers pad with zeros or append junk after correct content.
 * An empty body is empty content.
 *
 * <p>Not thread-safe: one decoder per response, fed from one thread at a time.
 */
abstract class ContentDecoder {
    /** Receives decoded bytes. */
    interface Sink {
        /**
         * Takes {@code length} bytes at {@code offset}; they are valid only during the call.
         *
         * @return false when the sink wants no more (it may have kept only part of these bytes)
         */
        boolean accept(byte[] bytes, int offset, int length) throws IOException;
    }

    /** The {@code Accept-Encoding} of a request: the codings this class decodes. */
    static final String ACCEPTED = "gzip, deflate";

    /** The most decoded bytes handed to the sink at once: the one output buffer a decoder reuses (zlib adds its 32 KiB window). */
    static final int BUFFER_SIZE = 16 * 1024;

    private boolean refused;

    /**
     * A decoder for a {@code Content-Encoding} header value: null, empty or {@code identity} pass the
     * bytes through; {@code gzip}, {@code x-gzip} and {@code deflate} (any case) are decoded; a list
     * such as {@code "deflate, gzip"} is undone in reverse, as codings are listed in the order they
     * were applied (RFC 9110 §8.4).
     *
     * @throws IOException naming the coding when one is not supported
     */
    static ContentDecoder forEncoding(String contentEncoding, Sink sink) throws IOException {
        final List<Function<Sink, ContentDecoder>> applied = new ArrayList<>();
        if (contentEncoding != null) {
            for (String token : contentEncoding.split(",")) {
                final String coding = token.strip();
                if (!coding.isEmpty() && !coding.equalsIgnoreCase("identity")) {
                    applied.add(factory(coding));
                }
            }
        }
        if (applied.isEmpty()) {
            return new Identity(sink);
        }
        // The first coding applied is undone last, so its decoder feeds the sink; each later one
        // feeds the decoder before it, and the wire feeds the last.
        final ContentDecoder[] wireFirst = new ContentDecoder[applied.size()];
        Sink next = sink;
        for (int i = 0; i < applied.size(); i++) {
            final ContentDecoder decoder = applied.get(i).apply(next);
            wireFirst[wireFirst.length - 1 - i] = decoder;
            next = (bytes, offset, length) -> decoder.decode(ByteBuffer.wrap(bytes, offset, length));
        }
        return wireFirst.length == 1 ? wireFirst[0] : new Chain(wireFirst);
    }

    private static Function<Sink, ContentDecoder> factory(String coding) throws IOException {
        return switch (coding.toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> GzipDecoder::new;
            case "deflate" -> Deflate::new;
            default -> throw new IOException("unsupported Content-Encoding '" + coding + "'");
        };
    }

    /**
     * Decodes one wire chunk, consuming all of it unless the sink refuses more.
     *
     * @return false once the sink has refused; later calls then do nothing and return false
     * @throws IOException when the bytes are not valid in this coding
     */
    final boolean decode(ByteBuffer wire) throws IOException {
        if (!refused) {
            refused = !push(wire);
        }
        return !refused;
    }

    /**
     * Checks, at the end of the body, that the encoded stream was complete. Does nothing if the sink
     * refused more, since then the body was cut on purpose.
     *
     * @throws IOException when the stream was cut short, e.g. "gzip stream ended before its trailer"
     */
    final void finish() throws IOException {
        if (!refused) {
            end();
        }
    }

    /** Releases native memory (the Inflater); safe to call more than once. */
    abstract void close();

    /** Decodes a chunk into the sink; false when the sink refused. */
    abstract boolean push(ByteBuffer wire) throws IOException;

    /** Throws if the body ended inside the encoded stream. */
    abstract void end() throws IOException;

    /** No coding: the wire bytes are the content. */
    private static final class Identity extends ContentDecoder {
        private final Sink sink;
        private final byte[] buffer = new byte[BUFFER_SIZE];

        Identity(Sink sink) {
            this.sink = sink;
        }

        @Override
        boolean push(ByteBuffer wire) throws IOException {
            while (wire.hasRemaining()) {
                // copied because the wire buffer may be read-only or direct, without an array to lend
                final int length = Math.min(wire.remaining(), buffer.length);
                wire.get(buffer, 0, length);
                if (!sink.accept(buffer, 0, length)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void end() {
        }

        @Override
        void close() {
        }
    }

    /** Several codings: the wire feeds the first decoder, and each decoder's sink is the next one. */
    private static final class Chain extends ContentDecoder {
        private final ContentDecoder[] wireFirst;

        Chain(ContentDecoder[] wireFirst) {
            this.wireFirst = wireFirst;
        }

        @Override
        boolean push(ByteBuffer wire) throws IOException {
            return wireFirst[0].decode(wire);
        }

        @Override
        void end() throws IOException {
            for (ContentDecoder decoder : wireFirst) {
                decoder.finish();
            }
        }

        @Override
        void close() {
            for (ContentDecoder decoder : wireFirst) {
                decoder.close();
            }
        }
    }

    /** What gzip and deflate share: a deflate stream inflated into the sink. */
    abstract static class Inflating extends ContentDecoder {
        private final Sink sink;
        private final byte[] buffer = new byte[BUFFER_SIZE];
        /** Null until the subclass knows which kind of deflate stream it reads. */
        Inflater inflater;

        Inflating(Sink sink) {
            this.sink = sink;
        }

        /**
         * Inflates from {@code input} until the input is used up or the deflate stream ends (then
         * the input's position is just past that end), or until the sink refuses (false).
         */
        final boolean inflate(ByteBuffer input) throws IOException {
            inflater.setInput(input);
            try {
                while (!inflater.finished()) {
                    final int length = inflater.inflate(buffer);
                    if (length > 0 && !emit(buffer, length)) {
                        return false;
                    }
                    // no output but not at the end (an empty last block ends it without output)
                    if (length == 0 && !inflater.finished()) {
                        if (inflater.needsDictionary()) {
                            throw new IOException(name() + " stream needs a preset dictionary, which HTTP cannot supply");
                        }
                        if (inflater.needsInput()) {
                            return true;
                        }
                        throw new IOException(name() + " stream stalled with " + inflater.getRemaining() + " bytes unread");
                    }
                }
                return true;
            } catch (DataFormatException e) {
                throw new IOException("corrupt " + name() + " data: " + e.getMessage(), e);
            }
        }

        /** Hands inflated bytes to the sink; gzip also checksums them. */
        boolean emit(byte[] bytes, int length) throws IOException {
            return sink.accept(bytes, 0, length);
        }

        /** The coding, for messages. */
        abstract String name();

        @Override
        final void close() {
            if (inflater != null) {
                inflater.end(); // idempotent
            }
        }
    }

    /**
     * HTTP's {@code deflate}: meant to be a zlib stream (RFC 1950), but some servers send raw
     * deflate (RFC 1951), so the first two bytes decide, as in browsers.
     */
    private static final class Deflate extends Inflating {
        private final byte[] head = new byte[2];
        private int headLength;

        Deflate(Sink sink) {
            super(sink);
        }

        @Override
        boolean push(ByteBuffer wire) throws IOException {
            if (inflater == null) {
                while (headLength < head.length && wire.hasRemaining()) {
                    head[headLength++] = wire.get();
                }
                if (headLength < head.length) {
                    return true;
                }
                inflater = new Inflater(!isZlibHeader(head[0] & 0xff, head[1] & 0xff));
                if (!inflate(ByteBuffer.wrap(head))) {
                    return false;
                }
            }
            final boolean more = inflate(wire);
            if (more) {
                wire.position(wire.limit()); // anything after the end is ignored
            }
            return more;
        }

        /** RFC 1950 §2.2: compression method 8, and the two bytes as a big-endian number a multiple of 31. */
        private static boolean isZlibHeader(int cmf, int flg) {
            return (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
        }

        @Override
        void end() throws IOException {
            if (headLength > 0 && (inflater == null || !inflater.finished())) {
                throw new IOException("deflate stream ended before its last block");
            }
        }

        @Override
        String name() {
            return "deflate";
        }
    }
}
