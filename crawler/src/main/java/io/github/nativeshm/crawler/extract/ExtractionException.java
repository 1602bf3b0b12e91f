/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

/**
 * Nothing sensible could be read from a response: JSON that does not parse, an items pointer that
 * reaches no array, a feed that is not RSS or Atom, an item selector that matches nothing. Items
 * that are merely incomplete never cause this; they are skipped and counted in {@link Extraction}.
 */
public final class ExtractionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sourceId;

    /**
     * @param sourceId the source whose response failed
     * @param message  what failed; the source is prepended
     */
    public ExtractionException(String sourceId, String message) {
        this(sourceId, message, null);
    }

    /**
     * @param sourceId the source whose response failed
     * @param message  what failed; the source is prepended
     * @param cause    the parser's exception, if any
     */
    public ExtractionException(String sourceId, String message, Throwable cause) {
        super("source '" + sourceId + "': " + message, cause);
        this.sourceId = sourceId;
    }

    /** @return the id of the source whose response failed */
    public String sourceId() {
        return sourceId;
    }
}
