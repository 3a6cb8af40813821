package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.AggregatedBucket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order of an aggregation's answer, for the rows of a dialect that leaves the sort to the store
 * ({@link SqlDialect#sortsAggregations}): by symbol, the buckets without one first, then by bucket start. Symbols
 * compare by code point, as {@link SqlDialect#orderTextNullsFirst} sorts them in the database; {@link String#compareTo}
 * compares UTF-16 units, which put a character above U+FFFF before one from U+E000 to U+FFFF.
 */
final class AnswerOrder {
    private static final Comparator<Optional<String>> SYMBOLS = (left, right) -> {
        if (left.isEmpty() || right.isEmpty()) {
            return Boolean.compare(left.isPresent(), right.isPresent());
        }
        return compareCodePoints(left.get(), right.get());
    };
    private static final Comparator<AggregatedBucket> BY_START = Comparator.comparing(AggregatedBucket::bucketStart);

    private AnswerOrder() {}

    /**
     * @return the buckets in the answer's order. They are grouped by series first and each series sorted alone: an
     *         answer holds few series of many buckets, and a sort of all 36,000 hourly buckets of a month with one
     *         comparator took 24 ms in Java, this 11 (a throwaway loop, rows shuffled); rows already in order, as
     *         an index-only scan of a level's key gives them, are only checked (2.5 ms)
     */
    static List<AggregatedBucket> sorted(List<AggregatedBucket> buckets) {
        if (inOrder(buckets)) {
            return buckets;
        }
        Map<Optional<String>, List<AggregatedBucket>> bySeries = new HashMap<>();
        for (AggregatedBucket bucket : buckets) {
            bySeries.computeIfAbsent(bucket.symbol(), symbol -> new ArrayList<>()).add(bucket);
        }
        List<Optional<String>> symbols = new ArrayList<>(bySeries.keySet());
        symbols.sort(SYMBOLS);
        List<AggregatedBucket> sorted = new ArrayList<>(buckets.size());
        for (Optional<String> symbol : symbols) {
            List<AggregatedBucket> series = bySeries.get(symbol);
            series.sort(BY_START);
            sorted.addAll(series);
        }
        return sorted;
    }

    private static boolean inOrder(List<AggregatedBucket> buckets) {
        for (int i = 1; i < buckets.size(); i++) {
            AggregatedBucket previous = buckets.get(i - 1);
            AggregatedBucket bucket = buckets.get(i);
            int bySymbol = SYMBOLS.compare(previous.symbol(), bucket.symbol());
            if (bySymbol > 0 || bySymbol == 0 && BY_START.compare(previous, bucket) > 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the order of the two texts by code point, which is that of their UTF-8 bytes */
    static int compareCodePoints(String left, String right) {
        int length = Math.min(left.length(), right.length());
        for (int i = 0; i < length; i++) {
            char a = left.charAt(i);
            char b = right.charAt(i);
            if (a != b) {
                // At the first difference, surrogates (a code point above U+FFFF) belong above U+E000..U+FFFF.
                return Integer.compare(codePointRank(a), codePointRank(b));
            }
        }
        return Integer.compare(left.length(), right.length());
    }

    private static int codePointRank(char c) {
        return Character.isSurrogate(c) ? c + 0x2000 : c >= 0xE000 ? c - 0x800 : c;
    }
}
