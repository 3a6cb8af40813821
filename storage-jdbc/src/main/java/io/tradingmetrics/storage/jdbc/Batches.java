package io.tradingmetrics.storage.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Helpers for write batches. */
public final class Batches {
    private Batches() {}

    /**
     * Keeps the last element of each key, in the order of the keys' first occurrence. Upserts need it because
     * PostgreSQL refuses a key repeated in one statement while DuckDB keeps an arbitrary one.
     */
    public static <T, K> List<T> lastWins(Collection<T> batch, Function<T, K> key) {
        Map<K, T> byKey = new LinkedHashMap<>(Math.max(16, batch.size() * 2));
        for (T element : batch) {
            byKey.put(key.apply(element), element);
        }
        return byKey.size() == batch.size() && batch instanceof List<T> list ? list : new ArrayList<>(byKey.values());
    }
}
