package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Interval;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a rollup refresh does ({@link Rollups#planRefresh}).
 *
 * @param through the built levels' watermarks when it was planned
 * @param targets the levels whose watermark it moves, and where to; empty when there is nothing to sum up
 * @param horizon where the points may be summed up to, empty when there are none to sum up
 */
public record RefreshPlan(Map<Interval, Instant> through, Map<Interval, Instant> targets, Optional<Instant> horizon) {
    static final RefreshPlan NONE = new RefreshPlan(Map.of(), Map.of(), Optional.empty());

    public RefreshPlan {
        through = Map.copyOf(requireNonNull(through, "through is null"));
        targets = Map.copyOf(requireNonNull(targets, "targets is null"));
        requireNonNull(horizon, "horizon is null");
    }
}
