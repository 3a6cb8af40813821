package io.tradingmetrics.storage.api;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which stored candles to read.
 *
 * @param range the time range of candle timestamps
 * @param symbol only this symbol, if given
 */
public record CandleQuery(TimeRange range, Optional<String> symbol) {
    public CandleQuery {
        requireNonNull(range, "range is null");
        requireNonNull(symbol, "symbol is null");
    }

    public static CandleQuery of(TimeRange range) {
        return new CandleQuery(range, Optional.empty());
    }

    public static CandleQuery of(TimeRange range, String symbol) {
        return new CandleQuery(range, Optional.of(symbol));
    }
}
