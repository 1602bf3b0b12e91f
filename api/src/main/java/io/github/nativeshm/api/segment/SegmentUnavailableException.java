package io.github.nativeshm.api.segment;

/** The crawler's segment cannot be read now (not created yet, being re-created, or corrupt). */
public final class SegmentUnavailableException extends RuntimeException {
    public SegmentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Reading segment {@code name} failed with {@code cause}. */
    public static SegmentUnavailableException unreadable(String name, Exception cause) {
        return new SegmentUnavailableException("segment '" + name + "' cannot be read: " + cause.getMessage(), cause);
    }
}
