package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Interval;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A built rollup level as reads may use it.
 *
 * @param level the level's width
 * @param refreshedThrough a bucket start of the level: every bucket before it holds every point stored in it, and
 *        the level holds no bucket at or after it (those are read from the raw points)
 */
public record RollupLevel(Interval level, Instant refreshedThrough) {
    public RollupLevel {
        requireNonNull(level, "level is null");
        requireNonNull(refreshedThrough, "refreshedThrough is null");
    }
}
