/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import io.github.nativeshm.api.segment.SourceHistory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The history database's SQL, in the one dialect H2 (PostgreSQL mode) and PostgreSQL share:
 * what the {@link HistoryRecorder} writes and what the items endpoints read. Plain JDBC over the
 * pool of {@link HistoryDatabase}; every method takes its connection from there unless given one.
 */
@Singleton
public class HistoryStore {
    private static final int IN_CHUNK = 500;
    private static final String ITEM_COLUMNS = "id, source_id, title, title_cut, url, author, published, first_seen,"
            + " last_seen, gone_since, rank, score, comments";

    private final HistoryDatabase database;

    public HistoryStore(HistoryDatabase database) {
        this.database = database;
    }

    /** The database this store reads and writes. */
    public HistoryDatabase database() {
        return database;
    }

    /** An item as stored: its latest state. Unknown counts and times are null. */
    public record ItemRow(long id, String sourceId, String title, boolean titleCut, String url, @Nullable String author,
                          @Nullable Instant published, Instant firstSeen, Instant lastSeen, @Nullable Instant goneSince,
                          int rank, @Nullable Long score, @Nullable Long comments) {
    }

    /** A change of an item's rank, score or comments. */
    public record Point(long itemId, Instant at, int rank, @Nullable Long score, @Nullable Long comments) {
    }

    /** A finished crawl. */
    public record Crawl(String sourceId, Instant finished, long durationMillis, int itemCount, String outcome,
                        int httpStatus, @Nullable String error) {
    }

    /** What one recorder round writes, in one transaction. */
    public record Batch(List<ItemRow> inserts, List<ItemRow> updates, List<Point> points, List<Crawl> crawls) {
        /** Whether there is nothing to write. */
        public boolean isEmpty() {
            return inserts.isEmpty() && updates.isEmpty() && points.isEmpty() && crawls.isEmpty();
        }

        /** Rows written. */
        public int size() {
            return inserts.size() + updates.size() + points.size() + crawls.size();
        }
    }

    // ---- writing (the recorder's thread) --------------------------------------------------------

    /** The stored rows of those of {@code ids} that are in the database. */
    public Map<Long, ItemRow> find(Connection connection, Collection<Long> ids) throws SQLException {
        Map<Long, ItemRow> found = new HashMap<>();
        List<Long> all = List.copyOf(ids);
        for (int start = 0; start < all.size(); start += IN_CHUNK) {
            List<Long> chunk = all.subList(start, Math.min(all.size(), start + IN_CHUNK));
            String sql = "SELECT " + ITEM_COLUMNS + " FROM items WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ItemRow row = itemRow(rows);
                        found.put(row.id(), row);
                    }
                }
            }
        }
        return found;
    }

    /** Writes {@code batch} in one transaction. */
    public void write(Connection connection, Batch batch) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            writeItems(connection, "INSERT INTO items (source_id, title, title_cut, url, author, published, last_seen,"
                    + " gone_since, rank, score, comments, first_seen, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    batch.inserts(), true);
            writeItems(connection, "UPDATE items SET source_id = ?, title = ?, title_cut = ?, url = ?, author = ?,"
                    + " published = ?, last_seen = ?, gone_since = ?, rank = ?, score = ?, comments = ? WHERE id = ?",
                    batch.updates(), false);
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO item_points (item_id, at, rank, score, comments) VALUES (?, ?, ?, ?, ?)")) {
                for (Point point : batch.points()) {
                    statement.setLong(1, point.itemId());
                    setTime(statement, 2, point.at());
                    statement.setInt(3, point.rank());
                    setLong(statement, 4, point.score());
                    setLong(statement, 5, point.comments());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO crawls (source_id, finished,"
                    + " duration_millis, item_count, outcome, http_status, error) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Crawl crawl : batch.crawls()) {
                    statement.setString(1, crawl.sourceId());
                    setTime(statement, 2, crawl.finished());
                    statement.setLong(3, crawl.durationMillis());
                    statement.setInt(4, crawl.itemCount());
                    statement.setString(5, crawl.outcome());
                    statement.setInt(6, crawl.httpStatus());
                    statement.setString(7, crawl.error());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void writeItems(Connection connection, String sql, List<ItemRow> rows, boolean withFirstSeen)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (ItemRow row : rows) {
                int i = 0;
                statement.setString(++i, row.sourceId());
                statement.setString(++i, row.title());
                statement.setBoolean(++i, row.titleCut());
                statement.setString(++i, row.url());
                statement.setString(++i, row.author());
                setTime(statement, ++i, row.published());
                setTime(statement, ++i, row.lastSeen());
                setTime(statement, ++i, row.goneSince());
                statement.setInt(++i, row.rank());
                setLong(statement, ++i, row.score());
                setLong(statement, ++i, row.comments());
                if (withFirstSeen) {
                    setTime(statement, ++i, row.firstSeen());
                }
                statement.setLong(++i, row.id());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The items not gone: what the recorder compares the next snapshot with after a restart. */
    public List<ItemRow> live(Connection connection) throws SQLException {
        List<ItemRow> live = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + ITEM_COLUMNS + " FROM items WHERE gone_since IS NULL");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                live.add(itemRow(rows));
            }
        }
        return live;
    }

    /** The latest {@link SourceHistory#LENGTH} crawls of each of {@code sourceIds}, oldest first. */
    public Map<String, List<SourceHistory.Run>> latestRuns(Connection connection, Collection<String> sourceIds)
            throws SQLException {
        Map<String, List<SourceHistory.Run>> runs = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT finished, duration_millis, item_count, outcome"
                + " FROM crawls WHERE source_id = ? ORDER BY finished DESC LIMIT " + SourceHistory.LENGTH)) {
            for (String sourceId : sourceIds) {
                statement.setString(1, sourceId);
                List<SourceHistory.Run> latest = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        latest.add(0, new SourceHistory.Run(time(rows, 1).toString(), rows.getLong(2), rows.getInt(3),
                                rows.getString(4)));
                    }
                }
                runs.put(sourceId, latest);
            }
        }
        return runs;
    }

    /** Rows deleted by {@link #deleteBefore}. */
    public record Deleted(int items, int points, int crawls) {
    }

    /** Deletes crawls finished, points taken and items last seen before {@code cutoff}. */
    public Deleted deleteBefore(Instant cutoff) throws SQLException {
        try (Connection connection = database.connection()) {
            int points = update(connection, "DELETE FROM item_points WHERE at < ?", cutoff);
            int items = update(connection, "DELETE FROM items WHERE last_seen < ?", cutoff); // their points cascade
            int crawls = update(connection, "DELETE FROM crawls WHERE finished < ?", cutoff);
            return new Deleted(items, points, crawls);
        }
    }

    private static int update(Connection connection, String sql, Instant time) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            setTime(statement, 1, time);
            return statement.executeUpdate();
        }
    }

    // ---- reading (the items endpoints) ----------------------------------------------------------

    /** The orders of {@link #list}: each on one column, ties broken by id. */
    public enum Order {
        RANK("rank", "rank", false),
        SCORE("score", "COALESCE(score, -1)", true),
        PUBLISHED("published", "COALESCE(published, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00')", true),
        FIRST_SEEN("firstSeen", "first_seen", true);

        private final String parameter;
        private final String expression;
        private final boolean descending;

        Order(String parameter, String expression, boolean descending) {
            this.parameter = parameter;
            this.expression = expression;
            this.descending = descending;
        }

        /** The value of the {@code sort} parameter. */
        public String parameter() {
            return parameter;
        }

        /** The row's position in this order, for a cursor. */
        public String keyOf(ItemRow row) {
            return switch (this) {
                case RANK -> Integer.toString(row.rank());
                case SCORE -> Long.toString(row.score() == null ? -1 : row.score());
                case PUBLISHED -> (row.published() == null ? Instant.EPOCH : row.published()).toString();
                case FIRST_SEEN -> row.firstSeen().toString();
            };
        }

        /** The key as a JDBC parameter; IllegalArgumentException (or DateTimeException) if it is not one of this order. */
        Object parse(String key) {
            return switch (this) {
                case RANK -> Integer.parseInt(key);
                case SCORE -> Long.parseLong(key);
                case PUBLISHED, FIRST_SEEN -> OffsetDateTime.ofInstant(Instant.parse(key), ZoneOffset.UTC);
            };
        }

        /** Checks that {@code key} is a key of this order. */
        public void check(String key) {
            try {
                parse(key);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a key of sort=" + parameter + ": " + key, e);
            }
        }
    }

    /**
     * What {@code GET /api/items?include=gone} asks for: null fields do not filter.
     *
     * @param sourceIds     the items of these sources only (none at all if it is empty); null: of every source
     * @param titleContains lower case
     * @param afterKey      with {@code afterId}: the page starts after this position in {@code order}
     */
    public record Query(@Nullable Set<String> sourceIds, @Nullable String titleContains, @Nullable Instant seenFrom,
                        @Nullable Instant seenTo, Order order, @Nullable String afterKey, long afterId, int limit) {
        /** Copies the source ids. */
        public Query {
            sourceIds = sourceIds == null ? null : Set.copyOf(sourceIds);
        }
    }

    /** One page of a {@link Query}: at most {@code limit} rows, whether more follow, and how many match in all. */
    public record Page(List<ItemRow> rows, boolean more, int total) {
    }

    /** The items that match {@code query}, gone ones included. */
    public Page list(Query query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.sourceIds() != null) {
            if (query.sourceIds().isEmpty()) {
                return new Page(List.of(), false, 0);
            }
            where.append(" AND source_id IN (").append(String.join(", ", Collections.nCopies(query.sourceIds().size(), "?")))
                    .append(')');
            parameters.addAll(query.sourceIds().stream().sorted().toList());
        }
        if (query.titleContains() != null) {
            where.append(" AND LOWER(title) LIKE ? ESCAPE '!'");
            parameters.add("%" + query.titleContains().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (query.seenFrom() != null) {
            where.append(" AND last_seen >= ?");
            parameters.add(OffsetDateTime.ofInstant(query.seenFrom(), ZoneOffset.UTC));
        }
        if (query.seenTo() != null) {
            where.append(" AND first_seen <= ?");
            parameters.add(OffsetDateTime.ofInstant(query.seenTo(), ZoneOffset.UTC));
        }
        try (Connection connection = database.connection()) {
            int total;
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM items" + where)) {
                bind(statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    total = rows.getInt(1);
                }
            }
            Order order = query.order();
            String direction = order.descending ? "DESC" : "ASC";
            List<Object> pageParameters = new ArrayList<>(parameters);
            StringBuilder sql = new StringBuilder("SELECT " + ITEM_COLUMNS + " FROM items").append(where);
            if (query.afterKey() != null) {
                Object key = order.parse(query.afterKey());
                sql.append(" AND (").append(order.expression).append(order.descending ? " < ?" : " > ?")
                        .append(" OR (").append(order.expression).append(" = ? AND id > ?))");
                pageParameters.addAll(List.of(key, key, query.afterId()));
            }
            sql.append(" ORDER BY ").append(order.expression).append(' ').append(direction).append(", id ASC LIMIT ")
                    .append(query.limit() + 1);
            List<ItemRow> page = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                bind(statement, pageParameters);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        page.add(itemRow(rows));
                    }
                }
            }
            boolean more = page.size() > query.limit();
            return new Page(more ? page.subList(0, query.limit()) : page, more, total);
        }
    }

    /** The item with this id. */
    public Optional<ItemRow> item(long id) throws SQLException {
        try (Connection connection = database.connection()) {
            return Optional.ofNullable(find(connection, List.of(id)).get(id));
        }
    }

    /** The item's points, oldest first. */
    public List<Point> points(long itemId) throws SQLException {
        List<Point> points = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT at, rank, score, comments FROM item_points WHERE item_id = ? ORDER BY at")) {
            statement.setLong(1, itemId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    points.add(new Point(itemId, time(rows, 1), rows.getInt(2), nullableLong(rows, 3), nullableLong(rows, 4)));
                }
            }
        }
        return points;
    }

    // ---- JDBC helpers -------------------------------------------------------------------------

    private static ItemRow itemRow(ResultSet rows) throws SQLException {
        return new ItemRow(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getBoolean(4), rows.getString(5),
                rows.getString(6), time(rows, 7), time(rows, 8), time(rows, 9), time(rows, 10), rows.getInt(11),
                nullableLong(rows, 12), nullableLong(rows, 13));
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static void setTime(PreparedStatement statement, int index, @Nullable Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        }
    }

    private static void setLong(PreparedStatement statement, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static @Nullable Instant time(ResultSet rows, int index) throws SQLException {
        OffsetDateTime time = rows.getObject(index, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static @Nullable Long nullableLong(ResultSet rows, int index) throws SQLException {
        long value = rows.getLong(index);
        return rows.wasNull() ? null : value;
    }
}
