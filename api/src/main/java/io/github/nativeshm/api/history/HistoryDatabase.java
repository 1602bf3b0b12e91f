/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.nativeshm.api.DataDirectory;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.flyway.FlywayMigrator;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The history database's connections: an H2 file ({@code <data-dir>/history.mv.db}) unless
 * {@code app.database.url} names a PostgreSQL server. The pool is created without connecting, so
 * the app starts while the database is down; {@link #migrate()} brings the schema up to date
 * (Flyway, {@code db/history/V*.sql}) once it can be reached.
 */
@Singleton
public class HistoryDatabase implements AutoCloseable {
    private final HikariDataSource pool;
    private final String description;
    private final FlywayMigrator migrator;
    private final FlywayConfigurationProperties flyway;

    public HistoryDatabase(HistorySettings.Database settings, DataDirectory dataDirectory, FlywayMigrator migrator,
                           @Named("history") FlywayConfigurationProperties flyway) {
        this.migrator = migrator;
        this.flyway = flyway;
        HikariConfig config = new HikariConfig();
        config.setPoolName("history");
        if (settings.getUrl() == null) {
            // PostgreSQL mode: the schema and queries are written once, for both databases
            String file = dataDirectory.path().resolve("history").toString();
            config.setJdbcUrl("jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            config.setUsername("sa");
            config.setPassword("");
            description = "the H2 database " + file + ".mv.db";
        } else {
            config.setJdbcUrl(settings.getUrl());
            config.setUsername(settings.getUser());
            config.setPassword(settings.getPassword());
            description = "the PostgreSQL database " + settings.getUrl();
        }
        config.setMaximumPoolSize(4);
        config.setInitializationFailTimeout(-1); // start without it; the recorder retries and reports
        config.setConnectionTimeout(5_000);
        this.pool = new HikariDataSource(config);
    }

    /** Which database this is, for messages (no password). */
    public String description() {
        return description;
    }

    /** The pool. */
    public DataSource dataSource() {
        return pool;
    }

    /** A connection from the pool; the caller closes it. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Brings the schema up to date; throws (Flyway's or JDBC's exception) if the database cannot be reached. */
    public void migrate() {
        migrator.run(flyway, pool);
    }

    @PreDestroy
    @Override
    public void close() {
        pool.close();
    }
}
