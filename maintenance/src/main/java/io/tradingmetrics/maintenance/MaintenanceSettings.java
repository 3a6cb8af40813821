package io.tradingmetrics.maintenance;

import static java.util.Objects.requireNonNull;

/**
 * The scheduler's settings ({@code metrics.maintenance} in the config module).
 *
 * @param scheduler whether the process runs the scheduler
 * @param schedule when it runs
 * @param optimize whether a run calls {@code optimize()} after retention
 */
public record MaintenanceSettings(Scheduler scheduler, MaintenanceSchedule schedule, boolean optimize) {
    /** Whether a process runs the scheduler. */
    public enum Scheduler {
        /** On in a serving process ({@code bin/metrics serve}), off in an app that only opens the library. */
        AUTO,
        /** On wherever it is offered to start (an app calling the config module's start, a server). */
        ON,
        /** Off everywhere: maintenance runs only when asked ({@code bin/metrics retention}). */
        OFF
    }

    /** The defaults: auto, daily at 03:00 UTC, with optimize(). */
    public static final MaintenanceSettings DEFAULT = new MaintenanceSettings(Scheduler.AUTO,
            MaintenanceSchedule.DAILY, true);

    public MaintenanceSettings {
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(schedule, "schedule is null");
    }

    /**
     * @param serving whether the process serves (a server), as opposed to an app that embeds the library
     * @return whether this process runs the scheduler
     */
    public boolean runsIn(boolean serving) {
        return scheduler == Scheduler.ON || scheduler == Scheduler.AUTO && serving;
    }
}
