/**
 * What {@code metrics demo} runs: {@link io.tradingmetrics.cli.demo.SyntheticTradingData} turns
 * {@link io.tradingmetrics.cli.demo.DemoSettings} into deterministic {@link io.tradingmetrics.cli.demo.DemoBatch}es,
 * produced lazily (one random walk per {@link io.tradingmetrics.cli.demo.DemoSymbol} and one for the portfolio), and
 * {@link io.tradingmetrics.cli.demo.DashboardQueries} runs a dashboard's queries on the stored result and prints
 * them with their timings. Only the CLI uses this package; the benchmarks generate their own data.
 */
package io.tradingmetrics.cli.demo;
