package io.github.javaopenai.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holds HTTP header fields, looked up without regard to case.
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} redacts credentials
 * ({@code Authorization}, {@code api-key} and the like), so headers can be logged safely.
 *
 * @since 0.1
 */
public final class Headers {

    private static final Set<String> SENSITIVE = Set.of(
            "authorization", "proxy-authorization", "api-key", "x-api-key",
            "x-goog-api-key", "cookie", "set-cookie");

    private static final Headers EMPTY = new Headers(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final Map<String, List<String>> map;

    private Headers(TreeMap<String, List<String>> map) {
        this.map = Collections.unmodifiableMap(map);
    }

    /** Returns headers with no fields. */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Returns headers holding a copy of the given fields; names keep their first-seen case.
     *
     * @throws NullPointerException if the map, a name or a value is null
     */
    public static Headers of(Map<String, ? extends List<String>> fields) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        fields.forEach((name, values) -> {
            if (name == null) {
                return; // java.net.http reports the status line under a null name on some JDKs
            }
            copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.copyOf(values));
        });
        copy.replaceAll((name, values) -> List.copyOf(values));
        return new Headers(copy);
    }

    /** Returns headers with one value per name; names are kept in case-insensitive sorted order. */
    public static Headers ofSingle(Map<String, String> fields) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        fields.forEach((name, value) -> copy.put(name, List.of(value)));
        return new Headers(copy);
    }

    /** Returns the first value of the named field, if present. */
    public Optional<String> first(String name) {
        List<String> values = map.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Returns every value of the named field, or an empty list. */
    public List<String> all(String name) {
        return map.getOrDefault(name, List.of());
    }

    /** Returns whether the named field is present. */
    public boolean contains(String name) {
        return map.containsKey(name);
    }

    /** Returns the fields as an unmodifiable, case-insensitive map. */
    public Map<String, List<String>> toMap() {
        return map;
    }

    /** Returns a copy with the named field set to one value, replacing earlier values. */
    public Headers with(String name, String value) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(map);
        copy.remove(name);
        copy.put(name, List.of(value));
        return new Headers(copy);
    }

    /** Returns a copy with the named field removed. */
    public Headers without(String name) {
        if (!map.containsKey(name)) {
            return this;
        }
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(map);
        copy.remove(name);
        return new Headers(copy);
    }

    /**
     * Returns whether a field of this name may carry a credential and must never be shown: the
     * well-known ones, and any name that looks like one ({@code ...-Key}, {@code ...-Token},
     * {@code ...Auth...}, {@code ...Secret...}), so a provider's own key header is hidden too.
     */
    public static boolean isSensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE.contains(lower) || lower.endsWith("key") || lower.endsWith("token")
                || lower.contains("auth") || lower.contains("secret") || lower.contains("password")
                || lower.contains("cookie") || lower.contains("api-key") || lower.contains("apikey");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers h && map.equals(h.map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    /** Returns the fields with credential values replaced by {@code <redacted>}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        map.forEach((name, values) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(name).append('=').append(isSensitive(name) ? "<redacted>" : String.join(",", values));
        });
        return sb.append('}').toString();
    }
}
