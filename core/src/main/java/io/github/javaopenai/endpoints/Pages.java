package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.OpenAIException;
import io.github.javaopenai.internal.engine.Query;
import io.github.javaopenai.internal.engine.Requester;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Iterates lazily over every item of a paged list endpoint, fetching the next page only when the
 * items already fetched run out.
 *
 * <p>Each page is a list object {@code {data: [...], has_more, last_id}}; the next page is asked
 * for with {@code after} set to {@code last_id}, or to the {@code id} of the page's last item when
 * the server sends no {@code last_id}. Iteration stops when {@code has_more} is false or absent,
 * when a page is empty, or when the cursor would not move. A page answered with a status other
 * than 2xx raises {@link io.github.javaopenai.errors.ApiException} from {@code hasNext()}.
 *
 * <p>Each call to {@link #iterator()} or {@link #stream()} starts again from the first page. An
 * instance may be shared; its iterators may not.
 *
 * <pre>{@code
 * for (JsonNode batch : client.batches().iterate(Map.of("limit", 100))) {
 *     System.out.println(batch.path("id").asText());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class Pages implements Iterable<JsonNode> {

    private final String what;
    private final String firstCursor;
    private final Function<String, ApiResponse> fetch;

    private Pages(String what, String firstCursor, Function<String, ApiResponse> fetch) {
        this.what = what;
        this.firstCursor = firstCursor;
        this.fetch = fetch;
    }

    /**
     * Returns pages fetched by {@code fetch}, which is given the {@code after} cursor (null for the
     * first page) and returns the page; use it to page through an endpoint this library has no
     * method for.
     *
     * @param what names the listing in error messages, such as {@code GET /batches}
     */
    public static Pages of(String what, Function<String, ApiResponse> fetch) {
        return from(what, null, fetch);
    }

    static Pages from(String what, String firstCursor, Function<String, ApiResponse> fetch) {
        return new Pages(Objects.requireNonNull(what, "what == null"), firstCursor,
                Objects.requireNonNull(fetch, "fetch == null"));
    }

    /** Returns pages of {@code GET path}, with the query's {@code after}, if any, as the first cursor. */
    static Pages ofList(Requester requester, String path, Map<String, ?> query) {
        ListQuery list = ListQuery.of(path, query);
        return from("GET " + path, list.start(), after -> requester.send("GET", list.page(after), null, Map.of()));
    }

    /** The query of a paged list: its own {@code after}, if any, is where the first page starts. */
    record ListQuery(String path, Map<String, Object> params, String start) {

        /** Checks the query now, before anything is sent. */
        static ListQuery of(String path, Map<String, ?> query) {
            Map<String, Object> params = new LinkedHashMap<>(Objects.requireNonNull(query, "query == null"));
            Object start = params.remove("after");
            Query.of(params); // rejects bad parameters now, before anything is sent
            return new ListQuery(path, params, start == null ? null : start.toString());
        }

        /** Returns the path and query of the page after {@code after}, the first page for null. */
        String page(String after) {
            Map<String, Object> page = new LinkedHashMap<>(params);
            if (after != null) {
                page.put("after", after);
            }
            return path + Query.of(page);
        }
    }

    /** Returns an iterator that fetches the first page on its first {@code hasNext()}. */
    @Override
    public Iterator<JsonNode> iterator() {
        return new PageIterator();
    }

    /** Returns a sequential stream over every item, fetching pages as it is consumed. */
    public Stream<JsonNode> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    @Override
    public String toString() {
        return "Pages{" + what + "}";
    }

    /**
     * One page read by the cursor rules above: its items, the cursor of the next page, and whether
     * there is one. Shared with {@link AsyncPages}, so both iterate alike.
     */
    record Page(JsonNode data, String cursor, boolean more) {

        /**
         * Reads the answer to the page asked for with {@code cursor}.
         *
         * @throws io.github.javaopenai.errors.ApiException when the status is not 2xx
         * @throws OpenAIException when the answer has no {@code data} array
         */
        static Page read(String what, ApiResponse page, String cursor) {
            page.orThrow(what);
            JsonNode data = page.body().path("data");
            if (!data.isArray()) {
                throw new OpenAIException(what + " answered a page with no \"data\" array: " + page.bodyText());
            }
            String next = nextCursor(page.body(), data);
            boolean more = page.body().path("has_more").asBoolean(false) && data.size() > 0
                    && next != null && !next.equals(cursor);
            return new Page(data, next, more);
        }

        private static String nextCursor(JsonNode body, JsonNode data) {
            JsonNode lastId = body.path("last_id");
            if (lastId.isTextual() && !lastId.textValue().isEmpty()) {
                return lastId.textValue();
            }
            JsonNode id = data.size() == 0 ? null : data.get(data.size() - 1).path("id");
            return id != null && id.isTextual() ? id.textValue() : null;
        }
    }

    private final class PageIterator implements Iterator<JsonNode> {
        private Iterator<JsonNode> items = Collections.emptyIterator();
        private String cursor = firstCursor;
        private boolean more = true;

        @Override
        public boolean hasNext() {
            while (!items.hasNext() && more) {
                fetchNext();
            }
            return items.hasNext();
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return items.next();
        }

        private void fetchNext() {
            Page page = Page.read(what, fetch.apply(cursor), cursor);
            more = page.more();
            cursor = page.cursor();
            items = page.data().elements();
        }
    }
}
