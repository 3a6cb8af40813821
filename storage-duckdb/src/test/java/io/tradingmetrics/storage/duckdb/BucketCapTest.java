package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store configured with {@code max-buckets = 10} refuses every time-bucketed read that returns more. */
class BucketCapTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String CAP = "over the cap of 10 (metrics.store.duckdb.max-buckets); give a coarser interval"
            + " or a shorter range";

    private MetricsStore store;

    @BeforeEach
    void elevenMinutesOfData() {
        store = new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", ":memory:",
                "max-buckets", 10)));
        List<MetricPoint> points = new ArrayList<>();
        List<Candle> candles = new ArrayList<>();
        for (int minute = 0; minute < 11; minute++) {
            points.add(MetricPoint.of(T0.plusSeconds(60L * minute), "price", minute, "AAPL"));
            candles.add(new Candle(T0.plusSeconds(60L * minute), "AAPL", 1, 1, 1, 1, 1));
        }
        store.insertMetrics(points);
        store.upsertCandles(candles);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    @DisplayName("reads that return more buckets than the configured cap are refused, naming the cap and its key")
    void refusedOverTheCap() {
        TimeRange all = TimeRange.all();
        assertThatThrownBy(() -> store.aggregate(AggregationQuery.of("price", all, Interval.MINUTE_1, Aggregation.AVG)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the aggregation of metric 'price' by 1m returns more than 10 buckets, " + CAP);
        assertThatThrownBy(() -> store.aggregate(AggregationQuery.of("price", all, Interval.MINUTE_1, Aggregation.AVG)
                .withGapFill(GapFill.LINEAR)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the aggregation of metric 'price' with gap filling by 1m would return 11 buckets (1 series"
                        + " of 11 buckets from 2026-11-24T10:00:00Z to 2026-11-24T10:10:00.000001Z), " + CAP);
        assertThatThrownBy(() -> store.rollUpCandles(CandleQuery.of(all), Interval.MINUTE_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the roll-up of candles by 1m returns more than 10 buckets, " + CAP);
        assertThatThrownBy(() -> store.candlesFromMetrics(MetricCandleQuery.of("price", all, Interval.MINUTE_1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("building candles from metric 'price' by 1m returns more than 10 buckets, " + CAP);
    }

    @Test
    @DisplayName("at the cap every read answers, and the store keeps answering after a refusal")
    void answeredAtTheCap() {
        TimeRange ten = TimeRange.of(T0, T0.plusSeconds(600));
        assertThatThrownBy(() -> store.aggregate(AggregationQuery.of("price", TimeRange.all(), Interval.MINUTE_1,
                Aggregation.AVG))).isInstanceOf(InvalidInputException.class);
        assertThat(store.aggregate(AggregationQuery.of("price", ten, Interval.MINUTE_1, Aggregation.AVG)
                .withGapFill(GapFill.NULL))).hasSize(10);
        assertThat(store.rollUpCandles(CandleQuery.of(ten), Interval.MINUTE_1)).hasSize(10);
        assertThat(store.candlesFromMetrics(MetricCandleQuery.of("price", ten, Interval.MINUTE_1))).hasSize(10);
        assertThat(store.aggregate(AggregationQuery.of("price", TimeRange.all(), Interval.HOUR_1, Aggregation.COUNT)
                .withGapFill(GapFill.NULL))).singleElement().satisfies(b -> assertThat(b.sampleCount()).isEqualTo(11));
    }
}
