/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback's {@code %startFailure} (logback.xml): the first line of the root cause's message of a
 * failed start, so that a bad setting reads as one plain line ("app.token: at least 16
 * characters ...") rather than Micronaut's bean path.
 */
public class StartFailureMessage extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy root = event.getThrowableProxy();
        if (root == null) {
            return firstLine(event.getFormattedMessage());
        }
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(root.getMessage() == null ? root.getClassName() : root.getMessage());
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).stripTrailing();
    }
}
