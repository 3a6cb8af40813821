package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.jdbc.BucketCap;
import io.tradingmetrics.storage.jdbc.ReadSql;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.rollup.RollupLevel;
import io.tradingmetrics.storage.jdbc.rollup.RollupReads;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read of a rollup level needs neither the table's rows nor a sort on the server: the level's key covers its
 * summaries, and the store orders the rows itself (PostgreSQL's sort of a month of hourly rows spilled to disk).
 */
class RollupLevelReadTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> SYMBOLS = List.of("ETH", "BTC", "SOL", "ADA", "XRP");

    @Test
    void hourlyAveragesPerSymbolComeFromTheLevelsKeyInTheAnswersOrder() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE);
             var store = TimescaleMetricsStore.open(server.settings("rollups.enabled", true,
                     "rollups.levels", List.of("1h"), "rollups.min-points-per-row", 0))) {
            List<MetricPoint> points = new ArrayList<>();
            for (int minute = 0; minute < 48 * 60; minute++) {
                for (String metric : List.of("price", "volume", "spread", "latency")) {
                    for (int s = 0; s < SYMBOLS.size(); s++) {
                        points.add(MetricPoint.of(START.plus(Duration.ofMinutes(minute)), metric, s * 1_000 + minute,
                                SYMBOLS.get(s)));
                    }
                }
            }
            store.insertMetrics(points);
            store.optimize(); // refreshes the level

            AggregationQuery query = AggregationQuery.of("price", TimeRange.of(START, START.plus(Duration.ofDays(1))),
                    Interval.HOUR_1, Aggregation.AVG).groupedBySymbol();
            List<AggregatedBucket> buckets = store.aggregate(query);

            assertThat(buckets).hasSize(SYMBOLS.size() * 24);
            List<String> sorted = SYMBOLS.stream().sorted().toList();
            for (int i = 0; i < buckets.size(); i++) {
                AggregatedBucket bucket = buckets.get(i);
                int hour = i % 24;
                String symbol = sorted.get(i / 24);
                assertThat(bucket.symbol()).contains(symbol);
                assertThat(bucket.bucketStart()).isEqualTo(START.plus(Duration.ofHours(hour)));
                assertThat(bucket.sampleCount()).isEqualTo(60);
                assertThat(bucket.value().getAsDouble())
                        .isEqualTo(SYMBOLS.indexOf(symbol) * 1_000 + hour * 60 + 29.5);
            }

            String plan = plan(server, levelRead(query));
            // Heap fetches remain until VACUUM finds the level's pages all-visible; on this test server, whose commits
            // are asynchronous, that can take a moment after they were written.
            assertThat(plan).contains("Index Only Scan using metric_rollup_1h_pkey").doesNotContain("Sort");
        }
    }

    /** The SQL the store sends for the query when the 1h level holds all of it, as the store composes it. */
    private static SqlBuilder levelRead(AggregationQuery query) {
        PostgresDialect dialect = new PostgresDialect(new TimescaleFeatures(TimescaleMode.AUTO, true,
                Optional.of("2"), Optional.of("public"), Optional.of("apache"), Optional.empty()));
        List<RollupLevel> levels = List.of(new RollupLevel(Interval.HOUR_1, query.range().to()));
        SqlBuilder rows = new RollupReads(dialect).aggregateRows(query, levels, levels).orElseThrow();
        return BucketCap.defaults().limited(new ReadSql(dialect).orderedAggregation(rows, true));
    }

    /**
     * The plan the server runs, with sequential and bitmap scans off: an index scan is then the only way in, and it
     * is an index-only scan exactly when the key holds every column the read needs.
     */
    private static String plan(TestServer server, SqlBuilder sql) throws Exception {
        try (Connection connection = server.admin()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET enable_seqscan = off");
                statement.execute("SET enable_bitmapscan = off");
            }
            try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) "
                    + sql.text())) {
                sql.bind(statement);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            }
        }
    }
}
