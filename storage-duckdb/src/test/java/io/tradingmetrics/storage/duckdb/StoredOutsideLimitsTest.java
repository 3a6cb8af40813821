package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A row stored before the limits existed is reported as a stored row to correct, not as the caller's bad input. */
class StoredOutsideLimitsTest {
    @TempDir
    Path folder;

    @Test
    @DisplayName("reading a stored name over the limit names the row's problem and the way out")
    void storedNameOverTheLimit() throws Exception {
        Path file = folder.resolve("old.duckdb");
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            store.insertMetric(MetricPoint.of(Instant.parse("2026-11-24T10:00:00Z"), "price", 1));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO trading_metrics VALUES (TIMESTAMPTZ '2026-11-24 11:00:00+00', repeat('n', 2000),"
                    + " 2, NULL, '{}')");
            // Its series' entry in the catalogue, as schema V5 builds it for rows stored before it existed.
            statement.execute("INSERT INTO series_catalogue VALUES (repeat('n', 2000), '',"
                    + " TIMESTAMPTZ '2026-11-24 11:00:00+00', 2, NULL, '{}')");
        }

        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            assertThatThrownBy(() -> store.latest(LatestQuery.all()))
                    .isInstanceOf(MetricsStoreException.class).isNotInstanceOf(InvalidInputException.class)
                    .hasMessage("cannot read the latest points: a stored row cannot be read (it is outside the store's"
                            + " limits: metric name '" + "n".repeat(40) + "...' takes 2,000 bytes in UTF-8, over the"
                            + " limit of 1,024 bytes; shorten it); find the row with SQL and correct or delete it");
            assertThat(store.queryMetrics(MetricQuery.of("price", TimeRange.all()))).hasSize(1);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(2);
        }
    }
}
