package io.tradingmetrics.writer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Hears what a {@link MetricsWriter} does with its rows. Rows are {@code MetricPoint}, {@code Candle} or
 * {@code PerformanceSnapshot} instances. Methods run on the writer's threads (a drop at write time on the
 * producer's); they must be quick and must not call back into the writer. An exception they throw is logged and
 * ignored.
 */
public interface WriterListener {

    /** Rows that will never reach the store, and why; {@code cause} is the store's error when there was one. */
    default void onDropped(DropReason reason, List<?> rows, Optional<RuntimeException> cause) {
    }

    /** A store call failed because the store is unavailable; the batch is retried after {@code wait}. */
    default void onRetry(int attempt, Duration wait, RuntimeException cause) {
    }

    /** A batch of {@code rows} rows was stored. */
    default void onStored(int rows) {
    }
}
