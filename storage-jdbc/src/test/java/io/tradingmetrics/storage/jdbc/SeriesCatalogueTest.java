package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.MetricPoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory reduction of a batch to its newest point per series, before the catalogue's one upsert. */
class SeriesCatalogueTest {
    private static final Instant T = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void keepsTheNewestPointOfEachSeriesAndTheFirstGivenOfATie() {
        MetricPoint old = MetricPoint.of(T, "price", 1, "AAPL");
        MetricPoint newest = MetricPoint.of(T.plusSeconds(2), "price", 2, "AAPL");
        MetricPoint late = MetricPoint.of(T.plusSeconds(1), "price", 3, "AAPL");
        MetricPoint tieFirst = new MetricPoint(T, "price", 4, Optional.empty(), Map.of("row", "first"));
        MetricPoint tieSecond = new MetricPoint(T, "price", 5, Optional.empty(), Map.of("row", "second"));
        MetricPoint emptySymbol = MetricPoint.of(T, "price", 6, "");
        MetricPoint otherMetric = MetricPoint.of(T.minusSeconds(1), "spread", 7, "AAPL");

        List<MetricPoint> reduced = SeriesCatalogue.newestPerSeries(
                List.of(old, newest, tieFirst, late, emptySymbol, tieSecond, otherMetric));

        assertThat(reduced).containsExactlyInAnyOrder(newest, tieFirst, emptySymbol, otherMetric);
    }
}
