package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The newest point per (metric name, symbol) series. */
public abstract class LatestContract extends StoreContract {

    protected LatestContract(StoreFixture fixture) {
        super(fixture);
    }

    private void givenADayOfMarketData() {
        insert(data.shuffled(data.points(3_000, BASE, Duration.ofDays(1))));
    }

    @Test
    @DisplayName("the newest point of every series comes back whole, ordered by metric then symbol, no symbol first")
    void newestOfEverySeries() {
        givenADayOfMarketData();

        List<MetricPoint> latest = store().latest(LatestQuery.all());

        assertThat(latest).containsExactlyElementsOf(model.latest(LatestQuery.all()));
        assertThat(latest).as("3 metrics x (4 symbols + no symbol)").hasSize(15);
        assertThat(latest).filteredOn(p -> p.symbol().isEmpty()).hasSize(3);
    }

    @Test
    @DisplayName("the newest point wins even when older points were written after it")
    void newestByTimeNotByWrite() {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            points.add(MetricPoint.of(BASE.plusSeconds(i), "price", 100 + i, "AAPL", Map.of("seq", "s" + i)));
            points.add(new MetricPoint(BASE.plusSeconds(i).plusMillis(500), "price", 200 + i, Optional.empty(),
                    Map.of("seq", "n" + i)));
        }
        Collections.reverse(points);
        for (MetricPoint point : points) {
            insert(List.of(point));
        }

        assertThat(store().latest(LatestQuery.of("price"))).containsExactly(
                new MetricPoint(BASE.plusSeconds(49).plusMillis(500), "price", 249, Optional.empty(),
                        Map.of("seq", "n49")),
                MetricPoint.of(BASE.plusSeconds(49), "price", 149, "AAPL", Map.of("seq", "s49")));
    }

    @Test
    @DisplayName("when points tie on the newest timestamp, value and labels come from one and the same point")
    void tiedTimestampsGiveOneWholePoint() {
        Instant tie = BASE.plusSeconds(3_600);
        List<MetricPoint> tied = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tied.add(MetricPoint.of(tie, "tied", i, "AAPL", Map.of("row", "r" + i)));
        }
        insert(List.of(MetricPoint.of(BASE, "tied", -1, "AAPL", Map.of("row", "older"))));
        insert(data.shuffled(tied));

        assertThat(store().latest(LatestQuery.of("tied"))).singleElement().isIn(tied);
    }

    @Test
    @DisplayName("a metric name filter keeps the series of those metrics only")
    void metricFilter() {
        givenADayOfMarketData();
        for (LatestQuery query : List.of(LatestQuery.of("price"), LatestQuery.of("price", "spread"),
                LatestQuery.of("latency", "unknown"))) {
            assertThat(store().latest(query)).as(query.toString()).containsExactlyElementsOf(model.latest(query));
        }
        assertThat(store().latest(LatestQuery.of("unknown"))).isEmpty();
    }

    @Test
    @DisplayName("a symbol filter keeps that symbol's series, leaving out the series without symbol")
    void symbolFilter() {
        givenADayOfMarketData();
        LatestQuery query = LatestQuery.all().withSymbol("MSFT");
        assertThat(store().latest(query)).hasSize(3).containsExactlyElementsOf(model.latest(query))
                .allMatch(p -> p.symbol().equals(Optional.of("MSFT")));
        LatestQuery both = new LatestQuery(Set.of("spread"), Optional.of("BTCUSD"));
        assertThat(store().latest(both)).containsExactlyElementsOf(model.latest(both)).hasSize(1);
    }

    @Test
    @DisplayName("a series made only of points without symbol has a latest value too")
    void seriesWithoutSymbol() {
        MetricPoint older = MetricPoint.of(BASE, "equity", 1_000);
        MetricPoint newer = MetricPoint.of(BASE.plusSeconds(60), "equity", 1_010);
        insert(List.of(newer, older));

        assertThat(store().latest(LatestQuery.all())).containsExactly(newer);
    }

    @Test
    @DisplayName("an empty store has no latest values")
    void emptyStore() {
        assertThat(store().latest(LatestQuery.all())).isEmpty();
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
    }
}
