package io.tradingmetrics.cli.demo;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticTradingDataTest {
    private static final Instant END = Instant.parse("2026-11-24T12:00:00Z");

    private static DemoSettings settings(long points, int days, int symbols, long seed, int batchSize) {
        return new DemoSettings(points, Duration.ofDays(days), END, DemoSymbol.first(symbols), seed, batchSize);
    }

    private static List<DemoBatch> all(DemoSettings settings) {
        List<DemoBatch> batches = new ArrayList<>();
        new SyntheticTradingData(settings).forEach(batches::add);
        return batches;
    }

    @Test
    void givesExactlyTheAskedPointsAndOneCandlePerSymbolAndMinute() {
        DemoSettings settings = settings(12_345, 1, 4, 1, 5_000);
        List<DemoBatch> batches = all(settings);

        List<MetricPoint> points = batches.stream().flatMap(b -> b.points().stream()).toList();
        List<Candle> candles = batches.stream().flatMap(b -> b.candles().stream()).toList();
        List<PerformanceSnapshot> snapshots = batches.stream().flatMap(b -> b.snapshots().stream()).toList();

        assertThat(points).hasSize(12_345);
        assertThat(candles).hasSize((int) settings.candleCount()).hasSize(1_440 * 4);
        assertThat(candles.stream().map(c -> c.timestamp() + c.symbol()).distinct()).hasSize(candles.size());
        assertThat(snapshots).hasSize((int) settings.snapshotCount()).hasSize(288);
        assertThat(points).allSatisfy(p -> assertThat(p.timestamp()).isBetween(settings.start(), END.minusNanos(1)));
        assertThat(candles).allSatisfy(c -> assertThat(c.timestamp()).isBetween(settings.start(), END.minusSeconds(60)));
    }

    @Test
    void coversTheMetricsAndLabelsOfATradingSystem() {
        List<MetricPoint> points = all(settings(50_000, 1, 3, 2, 50_000)).stream()
                .flatMap(b -> b.points().stream()).toList();

        assertThat(points.stream().map(MetricPoint::metricName).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "price", "volume", "spread_bps", "order_latency_ms", "fill_ratio", "system.cpu_percent",
                "system.memory_mb");
        assertThat(points.stream().map(MetricPoint::symbol).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                Optional.of("BTC-USD"), Optional.of("ETH-USD"), Optional.of("SOL-USD"), Optional.empty());
        assertThat(points).filteredOn(p -> p.metricName().equals("order_latency_ms"))
                .allSatisfy(p -> assertThat(p.labels()).containsOnlyKeys("venue", "strategy", "side"))
                .allSatisfy(p -> assertThat(p.value()).isPositive());
        assertThat(points).filteredOn(p -> p.metricName().equals("fill_ratio"))
                .allSatisfy(p -> assertThat(p.value()).isBetween(0.0, 1.0));
        assertThat(points).filteredOn(p -> p.symbol().isEmpty())
                .allSatisfy(p -> assertThat(p.labels()).containsOnlyKeys("host"));
    }

    @Test
    void theSameSettingsGiveTheSameBatches() {
        DemoSettings settings = settings(30_000, 2, 5, 99, 7_000);

        assertThat(all(settings)).isEqualTo(all(settings));
        assertThat(all(settings(30_000, 2, 5, 100, 7_000))).isNotEqualTo(all(settings));
    }

    @Test
    void batchesStayWithinTheBatchSize() {
        DemoSettings settings = settings(200_000, 3, 8, 3, 10_000);
        int perTick = new SyntheticTradingData(settings).pointsPerTick();

        List<DemoBatch> batches = all(settings);

        assertThat(batches).hasSizeGreaterThanOrEqualTo(20).allSatisfy(batch -> {
            assertThat(batch.points().size()).isLessThan(10_000 + perTick);
            assertThat(batch.candles().size()).isLessThan(10_000 + 8);
        });
        assertThat(batches.stream().mapToLong(DemoBatch::rowCount).sum()).isEqualTo(settings.totalRows());
    }

    @Test
    void candlesComeFromTheSameWalkAsThePricePoints() {
        DemoSettings settings = settings(40_000, 1, 2, 5, 100_000);
        List<DemoBatch> batches = all(settings);
        Map<String, Candle> candles = new HashMap<>();
        batches.forEach(b -> b.candles().forEach(c -> candles.put(c.symbol() + c.timestamp(), c)));

        List<MetricPoint> prices = batches.stream().flatMap(b -> b.points().stream())
                .filter(p -> p.metricName().equals("price")).toList();

        assertThat(prices).hasSizeGreaterThan(1_000).allSatisfy(price -> {
            Instant minute = Instant.ofEpochSecond(price.timestamp().getEpochSecond() / 60 * 60);
            Candle candle = candles.get(price.symbol().orElseThrow() + minute);
            assertThat(price.value()).isBetween(candle.low(), candle.high());
        });
        assertThat(candles.values()).allSatisfy(c -> assertThat(c.high()).isGreaterThanOrEqualTo(
                Math.max(c.open(), c.close())));
    }

    @Test
    void snapshotsCarryRealisticPortfolioFigures() {
        List<PerformanceSnapshot> snapshots = all(settings(1_000, 7, 1, 11, 50_000)).stream()
                .flatMap(b -> b.snapshots().stream()).toList();

        assertThat(snapshots).hasSize(7 * 288);
        assertThat(snapshots.get(0).pnl()).isZero();
        assertThat(snapshots).allSatisfy(s -> {
            assertThat(s.maxDrawdown().orElseThrow()).isBetween(-1.0, 0.0);
            assertThat(s.portfolioValue()).isPositive();
        });
        assertThat(snapshots.subList(1, snapshots.size())).allSatisfy(s -> {
            assertThat(s.winRate().orElseThrow()).isBetween(0.0, 1.0);
            assertThat(s.totalTrades().orElseThrow()).isBetween(5, 40);
        });
        assertThat(snapshots.stream().map(PerformanceSnapshot::timestamp).collect(Collectors.toSet()))
                .hasSize(snapshots.size());
        assertThat(Set.copyOf(snapshots.stream().map(s -> s.timestamp().getEpochSecond() % 300).toList()))
                .containsExactly(0L);
    }
}
