package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newest point per series stays exact whatever happens to the points: late points, ties, deletes of the newest
 * points, retention of everything older than a cut-off. A store may keep the newest points apart (a catalogue
 * maintained by every write); what it answers must be what the points it holds say.
 */
public abstract class LatestUnderChangesContract extends StoreContract {
    private static final List<String> METRICS = List.of("price", "spread", "depth");
    private static final List<Optional<String>> SYMBOLS = List.of(Optional.empty(), Optional.of("AAPL"),
            Optional.of("MSFT"), Optional.of(""), Optional.of("BTC-USD"));

    protected LatestUnderChangesContract(StoreFixture fixture) {
        super(fixture);
    }

    @Test
    @DisplayName("randomized appends with late points and ties, deletes of newest points and retention: always the"
            + " newest stored point of each series")
    void randomizedChanges() {
        SplittableRandom random = new SplittableRandom(20_261_202L);
        Instant now = BASE.plus(Duration.ofDays(3));
        for (int round = 0; round < 24; round++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                insert(batch(random, now, 1 + random.nextInt(kind == 0 ? 2_000 : 60)));
                now = now.plusSeconds(random.nextInt(7_200));
            } else if (kind < 8) {
                // Delete a span that holds newest points of some series (and maybe whole series).
                Instant to = now.plusSeconds(random.nextInt(3_600));
                deleteRange(TimeRange.of(to.minusSeconds(1 + random.nextInt(6 * 3_600)), to));
            } else if (kind == 8) {
                // Retention: everything older than a cut-off, whole days of it (a hypertable drops whole chunks).
                deleteRange(TimeRange.of(Timestamps.MIN, now.minus(Duration.ofHours(6 + random.nextInt(30)))));
            } else {
                // Late points only, far in the past: they never replace a newer point.
                insert(batch(random, BASE, 1 + random.nextInt(30)));
            }
            assertLatestIsModels(LatestQuery.all(), "round " + round);
        }
        assertLatestIsModels(LatestQuery.of("price", "depth"), "metric filter");
        assertLatestIsModels(LatestQuery.all().withSymbol("AAPL"), "symbol filter");
        assertLatestIsModels(LatestQuery.all().withSymbol(""), "the empty symbol");
    }

    @Test
    @DisplayName("deleting the newest point brings back the next newest; deleting a series' last point removes it")
    void deletesOfNewestPoints() {
        MetricPoint oldest = MetricPoint.of(BASE, "price", 1.5, "AAPL");
        MetricPoint middle = new MetricPoint(BASE.plusSeconds(60), "price", -0.0, Optional.of("AAPL"),
                Map.of("venue", "nyse"));
        MetricPoint newest = MetricPoint.of(BASE.plusSeconds(120), "price", 3.5, "AAPL");
        MetricPoint other = MetricPoint.of(BASE.plusSeconds(90), "price", 7, "MSFT");
        insert(List.of(newest, oldest, other, middle));

        deleteRange(TimeRange.of(BASE.plusSeconds(100), BASE.plusSeconds(200)));
        assertThat(store().latest(LatestQuery.of("price"))).containsExactly(middle, other);
        assertThat(Double.doubleToRawLongBits(store().latest(LatestQuery.of("price")).get(0).value()))
                .as("-0.0 comes back as -0.0").isEqualTo(Double.doubleToRawLongBits(-0.0));

        deleteRange(TimeRange.of(BASE.plusSeconds(30), BASE.plusSeconds(95)));
        assertThat(store().latest(LatestQuery.all())).containsExactly(oldest);

        deleteRange(TimeRange.all());
        assertThat(store().latest(LatestQuery.all())).isEmpty();

        MetricPoint again = MetricPoint.of(BASE, "price", 9, "AAPL");
        insert(List.of(again));
        assertThat(store().latest(LatestQuery.all())).containsExactly(again);
    }

    @Test
    @DisplayName("a point tied with the newest, written later, keeps the answer one whole point of the tie")
    void tiesAcrossWrites() {
        Instant tie = BASE.plusSeconds(600);
        List<MetricPoint> tied = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            MetricPoint point = new MetricPoint(tie, "price", i, Optional.of("AAPL"), Map.of("row", "r" + i));
            tied.add(point);
            insert(List.of(point));
            assertThat(store().latest(LatestQuery.all())).singleElement().isIn(tied);
        }
        insert(List.of(MetricPoint.of(tie.minusMillis(1), "price", 99, "AAPL")));
        assertThat(store().latest(LatestQuery.all())).singleElement().isIn(tied);
        deleteRange(TimeRange.of(tie, tie.plusSeconds(1)));
        assertThat(store().latest(LatestQuery.all())).containsExactly(
                MetricPoint.of(tie.minusMillis(1), "price", 99, "AAPL"));
    }

    @Test
    @DisplayName("deleting candles or snapshots leaves the latest points as they are")
    void deletesOfOtherTables() {
        MetricPoint point = MetricPoint.of(BASE, "price", 1, "AAPL");
        insert(List.of(point));
        store().deleteRange(StoreTable.CANDLES, TimeRange.all());
        store().deleteRange(StoreTable.PERFORMANCE_HISTORY, TimeRange.all());
        assertThat(store().latest(LatestQuery.all())).containsExactly(point);
    }

    @Test
    @DisplayName("the latest points survive closing and opening the store again, and stay exact after it")
    void afterReopening() {
        MetricPoint older = MetricPoint.of(BASE, "price", 1, "AAPL");
        MetricPoint newer = MetricPoint.of(BASE.plusSeconds(5), "price", 2, "AAPL");
        insert(List.of(older, newer));
        if (!has(StoreCapability.PERSISTENT)) {
            return;
        }
        assertThat(reopen().latest(LatestQuery.all())).containsExactly(newer);
        store().deleteRange(StoreTable.TRADING_METRICS, TimeRange.of(newer.timestamp(), BASE.plusSeconds(6)));
        assertThat(store().latest(LatestQuery.all())).containsExactly(older);
    }

    private List<MetricPoint> batch(SplittableRandom random, Instant around, int size) {
        List<MetricPoint> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            // Whole seconds over a few hours before and after: late points and exact ties are frequent.
            Instant timestamp = around.plusSeconds(random.nextInt(-4 * 3_600, 3_600));
            points.add(new MetricPoint(timestamp, METRICS.get(random.nextInt(METRICS.size())),
                    random.nextInt(-1_000, 1_000) / 8.0, SYMBOLS.get(random.nextInt(SYMBOLS.size())),
                    random.nextBoolean() ? Map.of() : Map.of("seq", "s" + random.nextInt(1_000_000))));
        }
        return points;
    }

    private void deleteRange(TimeRange range) {
        long expected = model.deleteRange(StoreTable.TRADING_METRICS, range);
        assertThat(store().deleteRange(StoreTable.TRADING_METRICS, range)).as("points deleted in " + range)
                .isEqualTo(expected);
    }

    /** Ties allowed: each series' answer is one of the model's points at that series' newest timestamp. */
    private void assertLatestIsModels(LatestQuery query, String when) {
        List<MetricPoint> latest = store().latest(query);
        List<MetricPoint> expected = model.latest(query);
        assertThat(latest).as(when + ": series").extracting(p -> p.metricName() + "/" + p.symbol())
                .containsExactlyElementsOf(expected.stream().map(p -> p.metricName() + "/" + p.symbol()).toList());
        for (int i = 0; i < latest.size(); i++) {
            MetricPoint answer = latest.get(i);
            Instant newest = expected.get(i).timestamp();
            List<MetricPoint> candidates = model.points().stream()
                    .filter(p -> p.metricName().equals(answer.metricName()) && p.symbol().equals(answer.symbol())
                            && p.timestamp().equals(newest))
                    .sorted(Comparator.comparingDouble(MetricPoint::value)).toList();
            assertThat(answer).as(when + ": newest point of " + answer.metricName() + "/" + answer.symbol())
                    .isIn(candidates);
        }
    }
}
