package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.AggregatedBucket;

import java.util.Comparator;
import java.util.Optional;

/**
 * The order of an aggregation's answer, for the rows of a dialect that leaves the sort to the store
 * ({@link SqlDialect#sortsAggregations}): by symbol, the buckets without one first, then by bucket start. Symbols
 * compare by code point, as {@link SqlDialect#orderTextNullsFirst} sorts them in the database; {@link String#compareTo}
 * compares UTF-16 units, which put a character above U+FFFF before one from U+E000 to U+FFFF.
 */
final class AnswerOrder {
    static final Comparator<AggregatedBucket> BUCKETS = Comparator
            .comparing(AggregatedBucket::symbol, AnswerOrder::compareSymbols)
            .thenComparing(AggregatedBucket::bucketStart);

    private AnswerOrder() {}

    private static int compareSymbols(Optional<String> left, Optional<String> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return Boolean.compare(left.isPresent(), right.isPresent());
        }
        return compareCodePoints(left.get(), right.get());
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
