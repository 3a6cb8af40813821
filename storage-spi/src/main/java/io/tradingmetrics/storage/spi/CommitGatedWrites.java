package io.tradingmetrics.storage.spi;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.WriteId;

import java.util.Collection;

/**
 * The batch writes of a {@link io.tradingmetrics.storage.api.MetricsStore}, each with a gate its commit waits for:
 * {@code beforeCommit} runs on the writing thread once the rows are written and before the transaction commits.
 * A store implements it so that a store over it can do, alongside the write, work that must be finished before the
 * write commits: the dual store forces its outbox record to disk while its primary writes, instead of before.
 *
 * <p>Each method is the {@link io.tradingmetrics.storage.api.MetricsStore} method of the same name, and also:
 * <ul>
 *   <li>When {@code beforeCommit} throws, nothing is stored and the write throws what it threw, unwrapped.</li>
 *   <li>A write retried after a lost race runs it again, so it must give the same answer every time.</li>
 *   <li>A write that stores nothing (its id recorded already, an empty batch, invalid input) may not run it.</li>
 * </ul>
 */
public interface CommitGatedWrites {
    /** {@link io.tradingmetrics.storage.api.MetricsStore#insertMetrics(Collection, WriteId)}, gated. */
    long insertMetrics(Collection<MetricPoint> points, WriteId writeId, Runnable beforeCommit);

    /** {@link io.tradingmetrics.storage.api.MetricsStore#upsertCandles(Collection, WriteId)}, gated. */
    long upsertCandles(Collection<Candle> candles, WriteId writeId, Runnable beforeCommit);

    /** {@link io.tradingmetrics.storage.api.MetricsStore#upsertPerformance(Collection, WriteId)}, gated. */
    long upsertPerformance(Collection<PerformanceSnapshot> snapshots, WriteId writeId, Runnable beforeCommit);
}
