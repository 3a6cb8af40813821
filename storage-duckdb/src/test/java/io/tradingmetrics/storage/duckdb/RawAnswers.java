package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the rollup tests compare with: the raw points' answers, the file opened read-only with rollups off. */
final class RawAnswers {
    private RawAnswers() {}

    /** @return count, sum, min, max, first and last of metric {@code price} per symbol over all time, each interval */
    static List<AggregationQuery> bySymbol(List<Interval> intervals) {
        List<AggregationQuery> queries = new ArrayList<>();
        for (Aggregation aggregation : List.of(Aggregation.COUNT, Aggregation.SUM, Aggregation.MIN, Aggregation.MAX,
                Aggregation.FIRST, Aggregation.LAST)) {
            for (Interval interval : intervals) {
                queries.add(AggregationQuery.of("price", TimeRange.all(), interval, aggregation).groupedBySymbol());
            }
        }
        return queries;
    }

    /** Asserts that each answer, in the queries' order, is the raw points' answer, and that none is empty. */
    static void assertSameAsRaw(Path file, List<AggregationQuery> queries, List<List<AggregatedBucket>> answers) {
        try (MetricsStore raw = new DuckDbMetricsStoreFactory().open(ConfigFactory.parseMap(Map.of(
                "path", file.toString(), "rollups.enabled", false)), OpenMode.READ_ONLY)) {
            for (int i = 0; i < queries.size(); i++) {
                List<AggregatedBucket> expected = raw.aggregate(queries.get(i));
                assertThat(expected).isNotEmpty();
                assertThat(answers.get(i)).as("%s", queries.get(i)).isEqualTo(expected);
            }
        }
    }
}
