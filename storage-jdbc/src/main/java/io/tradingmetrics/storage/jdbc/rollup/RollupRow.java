package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Interval;

import java.time.Instant;
import java.util.Optional;

/**
 * The summary of a batch's points of one series in one bucket of one level, as it is staged before being merged
 * into the level's table. Every field merges with the stored row's: counts and sums add, extremes take the least
 * and greatest (NaN greater than every number, as both engines order doubles), first and last take the value of the
 * earlier or later timestamp.
 */
public record RollupRow(Interval level, String metricName, Optional<String> symbol, Instant bucket, long count,
                        double sum, double min, double max, Instant firstTimestamp, double firstValue,
                        Instant lastTimestamp, double lastValue) {}
