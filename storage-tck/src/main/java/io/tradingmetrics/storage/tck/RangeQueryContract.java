package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.tck.support.MarketData;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw range reads of one metric: newest first, limited, filtered by symbol and labels, over half-open ranges. */
public abstract class RangeQueryContract extends StoreContract {

    protected RangeQueryContract(StoreFixture fixture) {
        super(fixture);
    }

    private void givenADayOfMarketData() {
        insert(data.shuffled(data.points(2_000, BASE, Duration.ofDays(1))));
    }

    @Test
    @DisplayName("a range read returns the metric's points in the range, newest first")
    void newestFirst() {
        givenADayOfMarketData();
        MetricQuery query = MetricQuery.of("price", TimeRange.of(BASE.plus(2, ChronoUnit.HOURS),
                BASE.plus(20, ChronoUnit.HOURS)));

        List<MetricPoint> result = store().queryMetrics(query);

        assertThat(result).isNotEmpty().containsExactlyElementsOf(model.queryMetrics(query));
        assertThat(result).extracting(MetricPoint::timestamp).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 7, 100, 5_000})
    @DisplayName("the limit keeps the newest points")
    void limitKeepsNewest(int limit) {
        givenADayOfMarketData();
        MetricQuery query = MetricQuery.of("latency", TimeRange.all()).withLimit(limit);

        assertThat(store().queryMetrics(query)).containsExactlyElementsOf(model.queryMetrics(query));
    }

    @Test
    @DisplayName("without a limit at most the default limit of points comes back")
    void defaultLimit() {
        insert(data.points(MetricQuery.DEFAULT_LIMIT + 50, BASE, Duration.ofHours(1)).stream()
                .map(p -> new MetricPoint(p.timestamp(), "tick", p.value(), p.symbol(), p.labels())).toList());
        MetricQuery query = MetricQuery.of("tick", TimeRange.all());

        assertThat(store().queryMetrics(query)).hasSize(MetricQuery.DEFAULT_LIMIT)
                .containsExactlyElementsOf(model.queryMetrics(query));
    }

    @Test
    @DisplayName("a symbol filter returns that symbol's points only, none of the points without symbol")
    void symbolFilter() {
        givenADayOfMarketData();
        for (String symbol : MarketData.SYMBOLS) {
            MetricQuery query = MetricQuery.of("price", TimeRange.all()).withSymbol(symbol).withLimit(5_000);
            List<MetricPoint> result = store().queryMetrics(query);
            assertThat(result).as(symbol).isNotEmpty().containsExactlyElementsOf(model.queryMetrics(query));
            assertThat(result).allMatch(p -> p.symbol().equals(Optional.of(symbol)));
        }
    }

    @Test
    @DisplayName("a label filter keeps the points carrying that label value; points without the label are left out")
    void oneLabelFilter() {
        givenADayOfMarketData();
        for (String strategy : MarketData.STRATEGIES) {
            MetricQuery query = MetricQuery.of("spread", TimeRange.all())
                    .withLabels(Map.of("strategy", strategy)).withLimit(5_000);
            List<MetricPoint> result = store().queryMetrics(query);
            assertThat(result).as(strategy).isNotEmpty().containsExactlyElementsOf(model.queryMetrics(query));
            assertThat(result).allMatch(p -> strategy.equals(p.labels().get("strategy")));
        }
    }

    @Test
    @DisplayName("several label filters must all match, combined with a symbol filter")
    void severalLabelsAndSymbol() {
        givenADayOfMarketData();
        MetricQuery query = MetricQuery.of("price", TimeRange.all())
                .withLabels(Map.of("venue", "kraken", "strategy", "momentum")).withLimit(5_000);
        assertThat(store().queryMetrics(query)).isNotEmpty().containsExactlyElementsOf(model.queryMetrics(query))
                .allMatch(p -> p.labels().get("venue").equals("kraken")
                        && "momentum".equals(p.labels().get("strategy")));

        MetricQuery bySymbolToo = query.withSymbol("BTCUSD");
        assertThat(store().queryMetrics(bySymbolToo)).isNotEmpty()
                .containsExactlyElementsOf(model.queryMetrics(bySymbolToo));
    }

    @Test
    @DisplayName("a label filter on a value nobody has, or a key nobody has, finds nothing")
    void unmatchedLabelFindsNothing() {
        givenADayOfMarketData();
        MetricQuery base = MetricQuery.of("price", TimeRange.all());

        assertThat(store().queryMetrics(base.withLabels(Map.of("venue", "nasdaq")))).isEmpty();
        assertThat(store().queryMetrics(base.withLabels(Map.of("desk", "kraken")))).isEmpty();
        assertThat(store().queryMetrics(base.withLabels(Map.of("venue", "kraken", "strategy", "nope")))).isEmpty();
    }

    @Test
    @DisplayName("ranges are half-open: a point at the start is included, a point at the end is not")
    void halfOpenRange() {
        Instant from = BASE.plusSeconds(60);
        Instant to = BASE.plusSeconds(120);
        MetricPoint beforeStart = MetricPoint.of(from.minusNanos(1_000), "bid", 1, "AAPL");
        MetricPoint atStart = MetricPoint.of(from, "bid", 2, "AAPL");
        MetricPoint lastIncluded = MetricPoint.of(to.minusNanos(1_000), "bid", 3, "AAPL");
        MetricPoint atEnd = MetricPoint.of(to, "bid", 4, "AAPL");
        insert(List.of(atEnd, beforeStart, lastIncluded, atStart));

        assertThat(store().queryMetrics(MetricQuery.of("bid", TimeRange.of(from, to))))
                .containsExactly(lastIncluded, atStart);
        assertThat(store().queryMetrics(MetricQuery.of("bid", TimeRange.of(from, from)))).isEmpty();
    }

    @Test
    @DisplayName("only the asked metric comes back: no other metric, not even one whose name starts the same")
    void onlyTheAskedMetric() {
        MetricPoint price = MetricPoint.of(BASE, "price", 1, "AAPL");
        MetricPoint priceAsk = MetricPoint.of(BASE.plusSeconds(1), "price_ask", 2, "AAPL");
        MetricPoint pric = MetricPoint.of(BASE.plusSeconds(2), "pric", 3, "AAPL");
        MetricPoint upper = MetricPoint.of(BASE.plusSeconds(3), "PRICE", 4, "AAPL");
        insert(List.of(price, priceAsk, pric, upper));

        assertThat(store().queryMetrics(MetricQuery.of("price", TimeRange.all()))).containsExactly(price);
        assertThat(store().queryMetrics(MetricQuery.of("PRICE", TimeRange.all()))).containsExactly(upper);
        assertThat(store().queryMetrics(MetricQuery.of("unknown", TimeRange.all()))).isEmpty();
    }

    @Test
    @DisplayName("a symbol filter matches whole symbols only, case-sensitively")
    void symbolMatchesExactly() {
        MetricPoint btc = MetricPoint.of(BASE, "price", 1, "BTC");
        MetricPoint btcusd = MetricPoint.of(BASE.plusSeconds(1), "price", 2, "BTCUSD");
        MetricPoint lower = MetricPoint.of(BASE.plusSeconds(2), "price", 3, "btc");
        insert(List.of(btc, btcusd, lower));

        assertThat(store().queryMetrics(MetricQuery.of("price", TimeRange.all()).withSymbol("BTC")))
                .containsExactly(btc);
    }
}
