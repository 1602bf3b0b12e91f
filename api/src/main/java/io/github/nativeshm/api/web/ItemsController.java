package io.github.nativeshm.api.web;

import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.ItemView;
import io.github.nativeshm.api.segment.Snapshot;
import io.github.nativeshm.api.segment.Snapshot.ItemOrder;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The crawled items: a filtered, sorted, paged list, and one item by id. */
@Controller("/api/items")
public class ItemsController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_QUERY = 200;

    private final CrawlerData data;

    public ItemsController(CrawlerData data) {
        this.data = data;
    }

    /** One page of items. */
    @Introspected
    public record ItemPage(List<ItemView> items, int total, @Nullable String nextCursor) {
    }

    @Operation(summary = "List items", description = "Items still on their source's page, filtered, sorted and paged")
    @Get
    public ItemPage list(@Parameter(description = "a source id") @QueryValue @Nullable String source,
                         @Parameter(description = "case-insensitive substring of the title") @QueryValue @Nullable String q,
                         @Parameter(description = "rank, score, published or firstSeen") @QueryValue @Nullable String sort,
                         @Parameter(description = "1..500, default 50") @QueryValue @Nullable String limit,
                         @Parameter(description = "nextCursor of the previous page") @QueryValue @Nullable String cursor) {
        return page(data.snapshot(), source, q, sort, limit, cursor);
    }

    /** The page the parameters ask for, from {@code snapshot}; 400 for a bad parameter. */
    static ItemPage page(Snapshot snapshot, String source, String q, String sort, String limit, String cursor) {
        ItemOrder order = order(sort);
        int pageSize = limit(limit);
        Predicate<ItemView> bySource = sourceFilter(snapshot, source);
        Predicate<ItemView> byTitle = titleFilter(q);
        ItemCursor after = cursor == null ? null : ItemCursor.decode(cursor, order);
        Comparator<ItemView> comparator = order.comparator();
        ItemView probe = after == null ? null : after.probe();

        List<ItemView> matching = source == null && (q == null || q.isEmpty()) ? snapshot.live(order)
                : snapshot.live(order).stream().filter(bySource.and(byTitle)).toList(); // unfiltered: no copy
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
    public ItemView item(@PathVariable String id) {
        long parsed;
        try {
            parsed = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw BadRequest.parameter("id", id, "an item id, a whole number");
        }
        ItemView item = data.snapshot().item(parsed);
        if (item == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "id: no item has id " + parsed);
        }
        return item;
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

    private static Predicate<ItemView> sourceFilter(Snapshot snapshot, String source) {
        if (source == null) {
            return item -> true;
        }
        if (snapshot.source(source) == null) {
            throw BadRequest.parameter("source", source,
                    snapshot.sources().stream().map(s -> s.id()).collect(Collectors.joining(", ")));
        }
        return item -> item.source().equals(source);
    }

    private static Predicate<ItemView> titleFilter(String q) {
        if (q == null || q.isEmpty()) {
            return item -> true;
        }
        if (q.length() > MAX_QUERY) {
            throw BadRequest.parameter("q", q, "at most " + MAX_QUERY + " characters");
        }
        String needle = q.toLowerCase(Locale.ROOT);
        return item -> item.title().toLowerCase(Locale.ROOT).contains(needle);
    }
}
