package io.tradingmetrics.storage.api;


import java.time.Instant;

/**
 * One OHLCV candle: a row of {@code candles}, keyed by (timestamp, symbol).
 *
 * @param timestamp the start of the candle's period; truncated to the microsecond
 * @param symbol the instrument, at most {@link StoreLimits#MAX_SYMBOL_BYTES} bytes in UTF-8
 * @param open the first price of the period
 * @param high the highest price of the period
 * @param low the lowest price of the period
 * @param close the last price of the period
 * @param volume the traded volume, never negative
 */
public record Candle(Instant timestamp, String symbol, double open, double high, double low, double close,
                     long volume) {
    public Candle {
        timestamp = Timestamps.normalize(timestamp, "candle timestamp");
        Names.requireName(symbol, "candle symbol", StoreLimits.MAX_SYMBOL_BYTES);
        if (volume < 0) {
            throw new InvalidInputException("candle " + symbol + " at " + timestamp + " has negative volume "
                    + volume + "; volume must be zero or more");
        }
        if (high < low) {
            throw new InvalidInputException("candle " + symbol + " at " + timestamp + " has high " + high
                    + " below low " + low + "; check the order of the open, high, low, close arguments");
        }
    }
}
