package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's buckets are exactly {@link Interval#bucketStart}'s, over years 1 to 9999 (pre-Gregorian included). */
class TimeBucketAlignmentTest {

    @Test
    void bucketsMatchIntervalBucketStartForEveryInterval() {
        Random random = new Random(20261124);
        long min = Timestamps.MIN.getEpochSecond();
        long max = Timestamps.MAX.getEpochSecond() - 86_400 * 40;
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long second = min + (long) (random.nextDouble() * (max - min));
            points.add(MetricPoint.of(Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1_000L), "t", i));
        }
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(":memory:"))) {
            store.insertMetrics(points);
            for (Interval interval : Interval.values()) {
                TreeMap<Instant, Long> expected = new TreeMap<>();
                for (MetricPoint point : points) {
                    expected.merge(interval.bucketStart(point.timestamp()), 1L, Long::sum);
                }
                List<AggregatedBucket> buckets = store.aggregate(AggregationQuery.of("t", TimeRange.all(), interval,
                        Aggregation.COUNT));
                assertThat(buckets).as(interval.label()).extracting(AggregatedBucket::bucketStart)
                        .containsExactlyElementsOf(expected.keySet());
                assertThat(buckets).as(interval.label()).extracting(AggregatedBucket::sampleCount)
                        .containsExactlyElementsOf(expected.values());
            }
        }
    }
}
