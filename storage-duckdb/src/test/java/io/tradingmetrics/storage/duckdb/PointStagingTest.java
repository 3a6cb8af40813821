package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.Timestamps;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Points staged for a derived table: small batches through the Appender, large ones through the scan insert. */
class PointStagingTest {

    @Test
    void smallAndLargeBatchesArriveWholeInTheTemporaryTable() throws Exception {
        DuckDbDialect dialect = new DuckDbDialect(false, true);
        DuckDbBulkWriter writer = new DuckDbBulkWriter();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            writer.prepareScanInserts(connection);
            for (int size : new int[] {3, DuckDbBulkWriter.SCAN_MIN_POINTS + 1}) {
                List<MetricPoint> points = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    points.add(new MetricPoint(Instant.parse("2026-01-01T00:00:00Z").plusNanos(i * 1_000L), "m" + i % 7,
                            i == 0 ? -0.0 : i / 8.0, i % 3 == 0 ? Optional.empty() : Optional.of("S" + i % 5),
                            i % 2 == 0 ? Map.of() : Map.of("k", "v" + i)));
                }
                dialect.createPointStaging(connection, "derived_staging");
                writer.stagePoints(connection, "derived_staging", points);
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT epoch_us(timestamp), metric_name, value, symbol,"
                             + " json_extract_string(labels, '$.k'), typeof(labels) FROM derived_staging"
                             + " ORDER BY timestamp")) {
                    int i = 0;
                    while (rows.next()) {
                        MetricPoint point = points.get(i++);
                        assertThat(rows.getLong(1)).isEqualTo(Timestamps.toEpochMicros(point.timestamp()));
                        assertThat(rows.getString(2)).isEqualTo(point.metricName());
                        assertThat(Double.doubleToRawLongBits(rows.getDouble(3)))
                                .isEqualTo(Double.doubleToRawLongBits(point.value()));
                        assertThat(Optional.ofNullable(rows.getString(4))).isEqualTo(point.symbol());
                        assertThat(Optional.ofNullable(rows.getString(5)))
                                .isEqualTo(Optional.ofNullable(point.labels().get("k")));
                        assertThat(rows.getString(6)).isEqualTo("JSON");
                    }
                    assertThat(i).as("rows staged of " + size).isEqualTo(size);
                }
                dialect.dropPointStaging(connection, "derived_staging");
            }
        }
    }
}
