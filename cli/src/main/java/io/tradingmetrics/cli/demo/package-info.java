/**
 * Synthetic trading data for demos and benchmarks: {@link io.tradingmetrics.cli.demo.SyntheticTradingData}
 * produces deterministic batches lazily, {@link io.tradingmetrics.cli.demo.DashboardQueries} runs a dashboard's
 * queries on them.
 */
package io.tradingmetrics.cli.demo;
