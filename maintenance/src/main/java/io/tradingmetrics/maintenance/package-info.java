/**
 * Maintenance in the process: {@link io.tradingmetrics.maintenance.MaintenanceScheduler} runs retention and
 * {@code optimize()} on a {@link io.tradingmetrics.maintenance.MaintenanceSchedule}, on a daemon thread of its own.
 * Off unless started: the config module starts it from {@code metrics.maintenance} (on in a serving process).
 */
package io.tradingmetrics.maintenance;
