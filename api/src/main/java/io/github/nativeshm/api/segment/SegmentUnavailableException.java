package io.github.nativeshm.api.segment;

/** The crawler's segment cannot be read now (not created yet, being re-created, or corrupt). */
public final class SegmentUnavailableException extends RuntimeException {
    public SegmentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
