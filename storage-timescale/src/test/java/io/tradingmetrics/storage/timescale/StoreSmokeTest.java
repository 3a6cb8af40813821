package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StoreSmokeTest {
    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void smoke(StoreTarget target) throws Exception {
        try (TestServer server = target.server(); TimescaleMetricsStore store = target.open(server)) {
            Instant t = Instant.parse("2024-03-15T10:00:00.123456Z");
            store.insertMetrics(List.of(MetricPoint.of(t, "price", 1.5, "BTC", Map.of("venue", "x")),
                    MetricPoint.of(t.plusSeconds(60), "price", 2.5, "BTC"), MetricPoint.of(t, "cpu", 0.3)));
            System.out.println(target + " " + store.queryMetrics(MetricQuery.of("price", TimeRange.all())));
            System.out.println(store.latest(LatestQuery.all()));
            System.out.println(store.aggregate(AggregationQuery.of("price", TimeRange.all(), Interval.WEEK_1, Aggregation.LAST)));
            System.out.println(store.health());
            System.out.println(store.schemaInfo());
            System.out.println(store.stats());
            System.out.println(store.deleteOlderThan(t.plusSeconds(1)));
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
        }
    }
}
