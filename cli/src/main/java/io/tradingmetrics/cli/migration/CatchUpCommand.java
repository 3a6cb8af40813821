package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.storage.dual.DualCatchUp;
import io.tradingmetrics.storage.dual.DualStatus;
import io.tradingmetrics.storage.dual.MirrorState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code metrics catch-up}: after an outage of the secondary longer than the outbox holds (mirroring stopped on a
 * full outbox), brings the secondary back from the instant mirroring stopped, without copying history again. The
 * dual store does the copying: a running app by itself once the secondary answers again (this command then waits for
 * it and reports), and when no app runs this command opens the dual store, which replays its outbox and copies the
 * missed ranges from the primary, and closes it. Running it again is harmless.
 */
@Command(name = "catch-up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Brings the secondary of the dual store that --config names (the app's configuration) back "
                + "after mirroring stopped: the missed writes are copied from the primary, from the instant "
                + "mirroring stopped, history is not copied again. With the app running it waits for the app to do "
                + "it; with the app stopped it does it. Exit code 0 once the secondary holds everything."})
public final class CatchUpCommand extends StoreCommand {
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "how long to wait for the secondary to catch up, ISO-8601 (default: 30 minutes)")
    Duration timeout;

    @Override
    public Integer call() {
        MigrationCommands.refuseStoreOption(spec);
        DualPair pair = DualPair.of(configName(), appConfig(), "catch-up");
        DualStatus before = pair.status();
        describe(before);
        DualStatus after;
        if (pair.appRunning()) {
            out().println("the app runs: it copies the missed ranges itself once the secondary answers; waiting");
            out().flush();
            after = MirrorWait.untilMirrored(pair, Instant.now(), timeout, err());
        } else {
            after = DualCatchUp.run(pair.config(), timeout);
        }
        out().println("caught up: the secondary " + pair.secondary().describe() + " holds every write ("
                + after.outboxRecords() + " waiting, mirroring " + (after.mirroring() ? "on" : "off")
                + "); check with: metrics verify --config " + configName());
        out().flush();
        return 0;
    }

    private void describe(DualStatus status) {
        if (!status.needsCatchUp() && status.mirroring()) {
            out().println("mirroring into " + status.secondaryId().orElse("the secondary") + " never stopped or has"
                    + " caught up; " + status.outboxRecords() + " writes waiting in the outbox");
            return;
        }
        status.stoppedSince().ifPresent(since -> out().println("mirroring stopped at " + since));
        for (MirrorState table : status.tables()) {
            table.catchUpFrom().ifPresent(from -> out().println("  " + table.table().tableName()
                    + ": the secondary misses writes from " + from + " on"));
        }
    }
}
