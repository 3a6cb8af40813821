package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Table statistics, counts, deletions, retention and the engine's maintenance. */
public abstract class MaintenanceContract extends StoreContract {

    protected MaintenanceContract(StoreFixture fixture) {
        super(fixture);
    }

    /** Three days of points, minute candles and hourly snapshots. */
    private void givenThreeDaysOfEverything() {
        insert(data.shuffled(data.points(4_000, BASE, Duration.ofDays(3))));
        upsertCandles(data.candles(3 * 24 * 60, BASE, Duration.ofMinutes(1)));
        upsertPerformance(data.snapshots(3 * 24, BASE, Duration.ofHours(1)));
    }

    @Test
    @DisplayName("stats give one row per table, in table order, with row counts and the earliest and latest timestamps")
    void stats() {
        givenThreeDaysOfEverything();
        assertStatsMatchModel();
    }

    private void assertStatsMatchModel() {
        List<TableStats> stats = store().stats();

        assertThat(stats).extracting(TableStats::table).containsExactly(StoreTable.values());
        for (TableStats table : stats) {
            List<Instant> timestamps = model.timestamps(table.table());
            assertThat(table.rowCount()).as(table.table() + " rows").isEqualTo(timestamps.size());
            assertThat(table.minTimestamp()).as(table.table() + " min")
                    .isEqualTo(timestamps.stream().min(Comparator.naturalOrder()));
            assertThat(table.maxTimestamp()).as(table.table() + " max")
                    .isEqualTo(timestamps.stream().max(Comparator.naturalOrder()));
            assertBytesOnDisk(table, false);
        }
    }

    /** Sizes of tables with rows may still be zero before optimize, while their rows sit in a write-ahead log. */
    private void assertBytesOnDisk(TableStats table, boolean optimized) {
        if (!has(StoreCapability.TABLE_SIZES)) {
            assertThat(table.bytesOnDisk()).as(table.table() + " bytes of a store without TABLE_SIZES").isEmpty();
            return;
        }
        assertThat(table.bytesOnDisk()).as(table.table() + " bytes").isPresent();
        long bytes = table.bytesOnDisk().getAsLong();
        if (optimized && table.rowCount() > 0) {
            assertThat(bytes).as(table.table() + " bytes after optimize").isPositive();
        } else {
            assertThat(bytes).as(table.table() + " bytes").isNotNegative();
        }
    }

    @Test
    @DisplayName("stats tell the bytes each table with rows takes on disk, after optimize (none without TABLE_SIZES)")
    void tableSizes() {
        givenThreeDaysOfEverything();
        store().optimize();

        List<TableStats> stats = store().stats();
        assertThat(stats).extracting(TableStats::rowCount).as("every table has rows").allMatch(rows -> rows > 0);
        stats.forEach(table -> assertBytesOnDisk(table, true));
    }

    @Test
    @DisplayName("stats follow deletes and retention")
    void statsFollowDeletes() {
        givenThreeDaysOfEverything();
        TimeRange lastDay = TimeRange.of(BASE.plus(Duration.ofDays(2)), TimeRange.all().to());
        for (StoreTable table : StoreTable.values()) {
            store().deleteRange(table, lastDay);
            model.deleteRange(table, lastDay);
        }
        assertStatsMatchModel();

        Instant cutoff = BASE.plus(Duration.ofHours(13));
        store().deleteOlderThan(cutoff);
        for (StoreTable table : StoreTable.values()) {
            model.deleteRange(table, TimeRange.of(TimeRange.all().from(), cutoff));
        }
        assertStatsMatchModel();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1969-12-31T23:59:59.999999Z", "1900-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999998Z"})
    @DisplayName("stats report edge timestamps exactly as earliest and latest")
    void statsOfEdgeTimestamps(String iso) {
        Instant at = Instant.parse(iso);
        insert(List.of(MetricPoint.of(at, "t", 1)));
        upsertCandles(List.of(new Candle(at, "AAPL", 1, 2, 0.5, 1.5, 10)));
        upsertPerformance(List.of(PerformanceSnapshot.of(at, 1, 2, 3, -0.4, 0.5, 6)));

        assertThat(store().stats()).allSatisfy(table -> {
            assertThat(table.rowCount()).isEqualTo(1);
            assertThat(table.minTimestamp()).contains(at);
            assertThat(table.maxTimestamp()).contains(at);
        });
    }

    @Test
    @DisplayName("stats of an empty store give zero rows and no timestamps for every table")
    void statsOfEmptyStore() {
        assertThat(store().stats()).extracting(TableStats::table).containsExactly(StoreTable.values());
        assertThat(store().stats()).allSatisfy(table -> {
            assertThat(table.rowCount()).isZero();
            assertThat(table.minTimestamp()).isEmpty();
            assertThat(table.maxTimestamp()).isEmpty();
        });
    }

    @Test
    @DisplayName("count gives the rows of each table in the half-open range")
    void count() {
        givenThreeDaysOfEverything();
        Instant hourOne = BASE.plus(Duration.ofHours(1));
        for (TimeRange range : List.of(TimeRange.all(), TimeRange.of(hourOne, hourOne.plus(Duration.ofHours(30))),
                TimeRange.of(hourOne, hourOne), TimeRange.of(BASE.minusSeconds(60), BASE))) {
            for (StoreTable table : StoreTable.values()) {
                assertThat(store().count(table, range)).as(table + " in " + range)
                        .isEqualTo(model.count(table, range));
            }
        }
    }

    @Test
    @DisplayName("deleteRange deletes the table's rows in the half-open range only and says how many")
    void deleteRange() {
        givenThreeDaysOfEverything();
        TimeRange day2 = TimeRange.of(BASE.plus(Duration.ofDays(1)), BASE.plus(Duration.ofDays(2)));

        for (StoreTable table : StoreTable.values()) {
            long expected = model.deleteRange(table, day2);
            assertThat(expected).as("the kit's data has rows to delete").isPositive();
            assertThat(store().deleteRange(table, day2)).as(table.tableName()).isEqualTo(expected);
        }

        for (StoreTable table : StoreTable.values()) {
            assertThat(store().deleteRange(table, TimeRange.of(day2.from(), day2.from()))).as("empty range").isZero();
        }
        assertStoreMatchesModel();
        assertThat(store().candles(CandleQuery.of(TimeRange.all()))).extracting(Candle::timestamp)
                .as("the candle at the range's end stays").contains(day2.to())
                .doesNotContain(day2.from());
    }

    @Test
    @DisplayName("deleting from one table leaves the other tables alone")
    void deleteRangeOneTable() {
        givenThreeDaysOfEverything();

        store().deleteRange(StoreTable.CANDLES, TimeRange.all());
        model.deleteRange(StoreTable.CANDLES, TimeRange.all());

        assertStoreMatchesModel();
        assertThat(store().count(StoreTable.CANDLES, TimeRange.all())).isZero();
    }

    @Test
    @DisplayName("deleteOlderThan deletes rows strictly older than the cutoff from every table and says how many")
    void deleteOlderThan() {
        givenThreeDaysOfEverything();
        Instant cutoff = BASE.plus(Duration.ofHours(40));
        Map<StoreTable, Long> expected = new EnumMap<>(StoreTable.class);
        for (StoreTable table : StoreTable.values()) {
            expected.put(table, model.deleteRange(table, TimeRange.of(TimeRange.all().from(), cutoff)));
        }

        assertThat(store().deleteOlderThan(cutoff)).isEqualTo(expected);
        assertStoreMatchesModel();
        assertThat(store().performanceHistory(TimeRange.all()).get(0).timestamp()).as("the row at the cutoff stays")
                .isEqualTo(cutoff);
    }

    @Test
    @DisplayName("optimize keeps every row, and the store keeps taking writes after it")
    void optimizeKeepsData() {
        givenThreeDaysOfEverything();
        store().optimize();
        assertStoreMatchesModel();

        insert(data.points(500, BASE.plus(Duration.ofDays(4)), Duration.ofHours(1)));
        store().optimize();
        assertStoreMatchesModel();
    }

    private void assertStoreMatchesModel() {
        for (StoreTable table : StoreTable.values()) {
            assertThat(store().count(table, TimeRange.all())).as(table.tableName())
                    .isEqualTo(model.count(table, TimeRange.all()));
        }
        MetricQuery prices = MetricQuery.of("price", TimeRange.all()).withLimit(100_000);
        assertThat(store().queryMetrics(prices)).containsExactlyElementsOf(model.queryMetrics(prices));
        assertThat(store().latest(LatestQuery.all())).containsExactlyElementsOf(model.latest(LatestQuery.all()));
        assertThat(store().candles(CandleQuery.of(TimeRange.all())))
                .containsExactlyElementsOf(model.candles(CandleQuery.of(TimeRange.all())));
        assertThat(store().performanceHistory(TimeRange.all()))
                .containsExactlyElementsOf(model.performanceHistory(TimeRange.all()));
    }
}
