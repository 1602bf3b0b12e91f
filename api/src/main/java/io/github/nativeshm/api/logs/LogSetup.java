/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.github.nativeshm.api.DataDirectory;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Applies {@link LogSettings} to logback, which logback.xml set up before any configuration could
 * be read: JSON lines instead of text on the console, and the rolling file. Undone when the
 * application stops (tests start several in one JVM).
 */
@Context
public class LogSetup implements AutoCloseable {
    /** The console appender of logback.xml. */
    static final String CONSOLE = "STDOUT";
    /** The log file in the data directory; rolled files are named after it. */
    public static final String FILE = "logs/app.log";
    /** The text format of logback.xml's console appender, for the file. */
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final LoggerContext context = root.getLoggerContext();
    private ConsoleAppender<ILoggingEvent> console;
    private Encoder<ILoggingEvent> consoleEncoder;
    private RollingFileAppender<ILoggingEvent> file;

    public LogSetup(LogSettings settings, DataDirectory dataDirectory) {
        if (settings.getFormat() == LogSettings.Format.JSON
                && root.getAppender(CONSOLE) instanceof ConsoleAppender<ILoggingEvent> stdout) {
            console = stdout;
            consoleEncoder = stdout.getEncoder();
            swapEncoder(stdout, encoder(settings.getFormat()));
        }
        if (settings.isFile()) {
            file = rollingFile(settings, dataDirectory.path().resolve(FILE));
            root.addAppender(file);
            LoggerFactory.getLogger(LogSetup.class).info("logging to {} as well", file.getFile());
        }
    }

    private RollingFileAppender<ILoggingEvent> rollingFile(LogSettings settings, Path path) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(path.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        // app.2026-12-08.0.log.gz, ... next to app.log
        policy.setFileNamePattern(path.resolveSibling("app.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf(settings.getMaxFileSize()));
        policy.setMaxHistory((int) settings.getMaxHistory().toDays());
        policy.setTotalSizeCap(FileSize.valueOf(settings.getTotalSizeCap()));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(settings.getFormat()));
        appender.start();
        return appender;
    }

    private Encoder<ILoggingEvent> encoder(LogSettings.Format format) {
        Encoder<ILoggingEvent> encoder;
        if (format == LogSettings.Format.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            json.setWithMessage(false); // the pattern ("{}"); formattedMessage is the line
            json.setWithFormattedMessage(true);
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(PATTERN);
            encoder = text;
        }
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private static void swapEncoder(ConsoleAppender<ILoggingEvent> appender, Encoder<ILoggingEvent> encoder) {
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
    }

    @PreDestroy
    @Override
    public void close() {
        if (file != null) {
            root.detachAppender(file);
            file.stop();
            file = null;
        }
        if (console != null) {
            swapEncoder(console, consoleEncoder);
            console = null;
        }
    }
}
