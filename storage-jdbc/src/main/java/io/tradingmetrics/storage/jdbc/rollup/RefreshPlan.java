package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Interval;

import java.time.Instant;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a rollup refresh does ({@link Rollups#planRefresh}).
 *
 * @param through the built levels' watermarks when it was planned
 * @param targets the levels whose watermark it moves, and where to; empty when there is nothing to sum up
 */
public record RefreshPlan(Map<Interval, Instant> through, Map<Interval, Instant> targets) {
    static final RefreshPlan NONE = new RefreshPlan(Map.of(), Map.of());

    public RefreshPlan {
        through = Map.copyOf(requireNonNull(through, "through is null"));
        targets = Map.copyOf(requireNonNull(targets, "targets is null"));
    }
}
