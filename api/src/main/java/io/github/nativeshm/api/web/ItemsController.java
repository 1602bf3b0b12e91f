/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.history.HistoryRecorder;
import io.github.nativeshm.api.history.HistoryStore;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.ItemView;
import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.github.nativeshm.api.segment.Snapshot;
import io.github.nativeshm.api.segment.Snapshot.ItemOrder;
import io.github.nativeshm.api.segment.SourceView;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The crawled items: a filtered, sorted, paged list (from the segment, or with {@code include=gone}
 * from the history database), one item by id, and one item's history.
 */
@Controller("/api/items")
public class ItemsController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_QUERY = 200;
    private static final String INSTANT = "an ISO-8601 instant such as 2026-12-07T18:00:00Z";

    private final CrawlerData data;
    private final HistoryStore history;
    private final HistoryRecorder recorder;

    public ItemsController(CrawlerData data, HistoryStore history, HistoryRecorder recorder) {
        this.data = data;
        this.history = history;
        this.recorder = recorder;
    }

    /** One page of items. */
    @Introspected
    public record ItemPage(List<ItemView> items, int total, @Nullable String nextCursor) {
    }

    /** When an item's rank, score or comments changed. */
    @Introspected
    public record HistoryPoint(String at, int rank, @Nullable Long score, @Nullable Long comments) {
    }

    /** An item and its history. */
    @Introspected
    public record ItemHistory(ItemView item, List<HistoryPoint> points, String firstSeen, String lastSeen,
                              @Nullable String goneSince) {
    }

    @Operation(summary = "List items", description = "Items still on their source's page (with include=gone also those"
            + " no longer there, from the history database), filtered, sorted and paged")
    @Get
    public Mono<ItemPage> list(@Parameter(description = "a source id; repeat for several (any of them)") @QueryValue @Nullable List<String> source,
                               @Parameter(description = "a tag; repeat for several (any of them); with source: both must match") @QueryValue @Nullable List<String> tag,
                               @Parameter(description = "case-insensitive substring of the title") @QueryValue @Nullable String q,
                               @Parameter(description = "rank, score, published or firstSeen") @QueryValue @Nullable String sort,
                               @Parameter(description = "1..500, default 50") @QueryValue @Nullable String limit,
                               @Parameter(description = "nextCursor of the previous page") @QueryValue @Nullable String cursor,
                               @Parameter(description = "gone: also items no longer on their page") @QueryValue @Nullable String include,
                               @Parameter(description = "ISO-8601 instant: items last seen at or after it") @QueryValue("from") @Nullable String from,
                               @Parameter(description = "ISO-8601 instant: items first seen at or before it") @QueryValue @Nullable String to) {
        boolean withGone = include(include);
        Instant seenFrom = instant("from", from);
        Instant seenTo = instant("to", to);
        if (seenFrom != null && seenTo != null && seenFrom.isAfter(seenTo)) {
            throw BadRequest.parameter("from", from, "an instant not after to (" + to + ")");
        }
        if (!withGone) {
            return Mono.just(page(data.snapshot(), source, tag, q, sort, limit, cursor, seenFrom, seenTo));
        }
        HistoryStore.Order order = historyOrder(sort);
        int pageSize = limit(limit);
        ItemCursor after = cursor == null ? null : ItemCursor.decode(cursor, order);
        Map<String, SourceView> sources = sources();
        Set<String> sourceIds = sourceIds(sources, source, tag);
        String needle = titleNeedle(q);
        HistoryStore.Query query = new HistoryStore.Query(sourceIds, needle, seenFrom, seenTo, order,
                after == null ? null : after.key(), after == null ? 0 : after.id(), pageSize);
        return blocking(() -> {
            HistoryStore.Page page = history.list(query);
            List<ItemView> items = page.rows().stream().map(row -> view(row, sources)).toList();
            String next = page.more() ? ItemCursor.after(order, page.rows().get(page.rows().size() - 1)).encode() : null;
            return new ItemPage(items, page.total(), next);
        });
    }

    /** {@link #page(Snapshot, List, List, String, String, String, String, Instant, Instant)} at any time. */
    static ItemPage page(Snapshot snapshot, String source, String q, String sort, String limit, String cursor) {
        return page(snapshot, source == null ? null : List.of(source), null, q, sort, limit, cursor, null, null);
    }

    /** The page the parameters ask for, from {@code snapshot}'s items still on their page; 400 for a bad parameter. */
    static ItemPage page(Snapshot snapshot, List<String> source, List<String> tag, String q, String sort, String limit,
                         String cursor, Instant seenFrom, Instant seenTo) {
        ItemOrder order = order(sort);
        int pageSize = limit(limit);
        Map<String, SourceView> sources = snapshot.sources().stream().collect(Collectors.toMap(SourceView::id,
                Function.identity(), (first, second) -> first, LinkedHashMap::new));
        Set<String> sourceIds = sourceIds(sources, source, tag);
        Predicate<ItemView> filter = (sourceIds == null ? (Predicate<ItemView>) item -> true
                : (Predicate<ItemView>) item -> sourceIds.contains(item.source())).and(titleFilter(q))
                .and(seenFilter(seenFrom, seenTo));
        ItemCursor after = cursor == null ? null : ItemCursor.decode(cursor, order);
        Comparator<ItemView> comparator = order.comparator();
        ItemView probe = after == null ? null : after.probe(order);

        boolean unfiltered = sourceIds == null && (q == null || q.isEmpty()) && seenFrom == null && seenTo == null;
        List<ItemView> matching = unfiltered ? snapshot.live(order) : snapshot.live(order).stream().filter(filter).toList();
        int from = 0;
        if (probe != null) {
            while (from < matching.size() && comparator.compare(matching.get(from), probe) <= 0) {
                from++;
            }
        }
        List<ItemView> page = matching.subList(from, Math.min(matching.size(), from + pageSize));
        String next = from + pageSize < matching.size() ? ItemCursor.after(order, page.get(page.size() - 1)).encode() : null;
        return new ItemPage(page, matching.size(), next);
    }

    @Operation(summary = "One item", description = "Also items no longer on their source's page (gone)")
    @Get("/{id}")
    public Mono<ItemView> item(@PathVariable String id) {
        long parsed = id(id);
        ItemView live = data.snapshot().item(parsed);
        if (live != null && !live.gone()) {
            return Mono.just(live);
        }
        Map<String, SourceView> sources = sources();
        return blocking(() -> history.item(parsed).map(row -> view(row, sources)).orElseGet(() -> {
            if (live == null) {
                throw new HttpStatusException(HttpStatus.NOT_FOUND, "id: no item has id " + parsed);
            }
            return live;
        }));
    }

    @Operation(summary = "One item's history", description = "Each change of its rank, score or comments, from the history"
            + " database")
    @Get("/{id}/history")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ItemHistory itemHistory(@PathVariable String id) {
        long parsed = id(id);
        Map<String, SourceView> sources = sources();
        HistoryStore.ItemRow row = query(() -> history.item(parsed)).orElseThrow(() -> new HttpStatusException(
                HttpStatus.NOT_FOUND, "id: no item with id " + parsed + " is in the history"));
        List<HistoryPoint> points = query(() -> history.points(parsed)).stream()
                .map(point -> new HistoryPoint(point.at().toString(), point.rank(), point.score(), point.comments()))
                .toList();
        ItemView live = sources.isEmpty() ? null : data.snapshot().item(parsed);
        return new ItemHistory(live != null ? live : view(row, sources), points, row.firstSeen().toString(),
                row.lastSeen().toString(), row.goneSince() == null ? null : row.goneSince().toString());
    }

    // ---- parameters ---------------------------------------------------------------------------

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw BadRequest.parameter("id", id, "an item id, a whole number");
        }
    }

    private static boolean include(String include) {
        if (include == null) {
            return false;
        }
        if (!include.equals("gone")) {
            throw BadRequest.parameter("include", include, "gone");
        }
        return true;
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw BadRequest.parameter(name, value, INSTANT);
        }
    }

    private static ItemOrder order(String sort) {
        if (sort == null) {
            return ItemOrder.RANK;
        }
        ItemOrder order = ItemOrder.of(sort);
        if (order == null) {
            throw BadRequest.parameter("sort", sort,
                    Arrays.stream(ItemOrder.values()).map(ItemOrder::parameter).collect(Collectors.joining(", ")));
        }
        return order;
    }

    /** The history database's order for the same {@code sort} value. */
    private static HistoryStore.Order historyOrder(String sort) {
        ItemOrder order = order(sort);
        return Arrays.stream(HistoryStore.Order.values()).filter(each -> each.parameter().equals(order.parameter()))
                .findFirst().orElseThrow();
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BadRequest.parameter("limit", limit, "a whole number from 1 to " + MAX_LIMIT);
    }

    /**
     * The ids of the sources whose items are asked for: any of {@code source}, and of those any that
     * has one of {@code tag}; null if neither filters. An unknown source id is a 400 (while the
     * sources are known); an unknown tag matches nothing.
     */
    static Set<String> sourceIds(Map<String, SourceView> sources, List<String> source, List<String> tag) {
        List<String> ids = source == null ? List.of() : source.stream().filter(id -> !id.isEmpty()).toList();
        List<String> tags = tag == null ? List.of() : tag.stream().filter(t -> !t.isEmpty()).toList();
        if (ids.isEmpty() && tags.isEmpty()) {
            return null;
        }
        for (String id : ids) {
            if (!sources.isEmpty() && !sources.containsKey(id)) {
                throw BadRequest.parameter("source", id, String.join(", ", sources.keySet()));
            }
        }
        Set<String> chosen = new LinkedHashSet<>(ids.isEmpty() ? sources.keySet() : ids);
        if (!tags.isEmpty()) {
            chosen.removeIf(id -> {
                SourceView view = sources.get(id);
                return view == null || view.tags().stream().noneMatch(tags::contains);
            });
        }
        return chosen;
    }

    /** {@code q} in lower case, null if it does not filter. */
    private static String titleNeedle(String q) {
        if (q == null || q.isEmpty()) {
            return null;
        }
        if (q.length() > MAX_QUERY) {
            throw BadRequest.parameter("q", q, "at most " + MAX_QUERY + " characters");
        }
        return q.toLowerCase(Locale.ROOT);
    }

    private static Predicate<ItemView> titleFilter(String q) {
        String needle = titleNeedle(q);
        return needle == null ? item -> true : item -> item.title().toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Items seen in [from, to]: last seen at or after from, first seen at or before to. */
    private static Predicate<ItemView> seenFilter(Instant from, Instant to) {
        Predicate<ItemView> filter = item -> true;
        if (from != null) {
            filter = filter.and(item -> item.lastSeen() != null && !Instant.parse(item.lastSeen()).isBefore(from));
        }
        if (to != null) {
            filter = filter.and(item -> item.firstSeen() != null && !Instant.parse(item.firstSeen()).isAfter(to));
        }
        return filter;
    }

    // ---- the history database -----------------------------------------------------------------

    /** The sources by id, to name the history's items; empty while the segment cannot be read. */
    private Map<String, SourceView> sources() {
        try {
            return data.snapshot().sources().stream().collect(Collectors.toMap(SourceView::id, Function.identity(),
                    (first, second) -> first, LinkedHashMap::new));
        } catch (SegmentUnavailableException e) {
            return Map.of(); // the history is still there
        }
    }

    /** A stored item as the API shows it; its source slot (used only to order the segment's items) is 0. */
    private static ItemView view(HistoryStore.ItemRow row, Map<String, SourceView> sources) {
        SourceView source = sources.get(row.sourceId());
        return new ItemView(row.id(), row.sourceId(), source == null ? row.sourceId() : source.name(), row.title(),
                row.titleCut(), row.url(), row.rank(), row.score(),
                source == null ? SourceView.DEFAULT_SCORE_UNIT : source.scoreUnit(), row.comments(), row.author(),
                row.published() == null ? null : row.published().toString(), row.firstSeen().toString(),
                row.lastSeen().toString(), row.goneSince() != null,
                row.goneSince() == null ? null : row.goneSince().toString(), 0);
    }

    /** A database read, answered 503 naming the problem when the database cannot be used. */
    private <T> T query(Callable<T> read) {
        recorder.problem().ifPresent(problem -> {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "history: " + problem);
        });
        if (!recorder.isReady()) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "history: "
                    + history.database().description() + " is being prepared; try again in a moment");
        }
        try {
            return read.call();
        } catch (SQLException e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "history: " + history.database().description()
                    + " cannot be used: " + e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #query} off the event loop. */
    private <T> Mono<T> blocking(Callable<T> read) {
        return Mono.fromCallable(() -> query(read)).subscribeOn(Schedulers.boundedElastic());
    }
}
