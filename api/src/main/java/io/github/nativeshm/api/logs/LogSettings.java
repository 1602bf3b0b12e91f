/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.logs;

import ch.qos.logback.core.util.FileSize;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code app.log.*}: the log's format and an optional rolling file in the data directory. The
 * console log is there from the first line on; these settings take effect once the configuration
 * is read, early in the start.
 */
@ConfigurationProperties("app.log")
public class LogSettings {
    /** How log lines are written. */
    public enum Format {
        /** {@code 2026-12-08T01:23:45.678Z INFO  Logger - message}. */
        TEXT,
        /** One JSON object per line (logback's JsonEncoder), for log shippers. */
        JSON
    }

    private Format format = Format.TEXT;
    private boolean file;
    private String maxFileSize = "10MB";
    private Duration maxHistory = Duration.ofDays(14);
    private String totalSizeCap = "100MB";

    /** {@code app.log.format}: {@code text} (default) or {@code json}, for the console and the file alike. */
    public Format getFormat() {
        return format;
    }

    public void setFormat(String format) {
        try {
            this.format = Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("app.log.format: '" + format + "' is not a log format; use text or json");
        }
    }

    /** {@code app.log.file}: also write the log to {@code <data-dir>/logs/app.log}, rolled daily and by size. */
    public boolean isFile() {
        return file;
    }

    public void setFile(boolean file) {
        this.file = file;
    }

    /** {@code app.log.max-file-size}: a file is rolled when it reaches this size (default 10MB). */
    public String getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(String maxFileSize) {
        this.maxFileSize = size("app.log.max-file-size", maxFileSize);
    }

    /** {@code app.log.max-history}: rolled files older than this are deleted (default 14 days, whole days). */
    public Duration getMaxHistory() {
        return maxHistory;
    }

    public void setMaxHistory(Duration maxHistory) {
        if (maxHistory.toDays() < 1) {
            throw new ConfigurationException("app.log.max-history: " + maxHistory + " is less than a day; the files roll"
                    + " daily, so use 1d or more");
        }
        this.maxHistory = maxHistory;
    }

    /** {@code app.log.total-size-cap}: the oldest rolled files are deleted beyond this total (default 100MB). */
    public String getTotalSizeCap() {
        return totalSizeCap;
    }

    public void setTotalSizeCap(String totalSizeCap) {
        this.totalSizeCap = size("app.log.total-size-cap", totalSizeCap);
    }

    private static String size(String key, String value) {
        try {
            FileSize.valueOf(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": '" + value + "' is not a size; use e.g. 10MB or 500KB");
        }
    }
}
