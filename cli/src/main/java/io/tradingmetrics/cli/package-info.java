/**
 * The {@code metrics} command line ({@code bin/metrics}): {@link io.tradingmetrics.cli.MetricsCli} and its
 * subcommands. Results go to standard output as tables, CSV or JSON; progress and errors to standard error, errors
 * as one line {@code metrics: <message>} with exit code 1 (failure) or 2 (bad usage).
 */
package io.tradingmetrics.cli;
