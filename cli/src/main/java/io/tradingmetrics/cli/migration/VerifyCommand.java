package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.StoreSpec;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.TimeRanges;
import io.tradingmetrics.migration.VerificationReport;
import io.tradingmetrics.migration.Verifier;
import io.tradingmetrics.migration.VerifyOptions;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.dual.DualState;
import io.tradingmetrics.storage.dual.DualStatus;
import io.tradingmetrics.storage.dual.PendingWrites;
import io.tradingmetrics.storage.dual.SecondaryHold;

import java.time.Duration;
import java.time.Instant;

/** {@code metrics verify}: proves two stores hold the same rows, or names where they differ. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two stores table by table and chunk by chunk: row counts and order-independent "
                + "checksums of every value. Names the first differing chunks, narrowed down, with rows that only "
                + "one side holds."},
        footer = {"", "STORE is a JDBC URL or a HOCON file selecting a store. Without --from and --to, compares the"
                + " primary and secondary of the dual store that --config names, up to --until (default: now) while"
                + " the app writes. Exit code 0 means the stores match, 1 that they differ."})
public final class VerifyCommand extends StoreCommand {
    private static final int RECHECK_ROUNDS = 4;
    private static final Duration WAIT_FOR_MIRROR = Duration.ofMinutes(2);

    @Mixin
    StorePairOptions stores;

    @Mixin
    ScopeOptions scope;

    @Mixin
    ChunkOptions chunks;

    @Override
    public Integer call() {
        MigrationCommands.refuseStoreOption(spec);
        if (stores.absent()) {
            return verifyDual();
        }
        VerifyOptions options = chunks.applyTo(VerifyOptions.defaults().withTables(scope.tables())
                .withRange(scope.range(spec.commandLine())));
        StorePairOptions.Pair pair = stores.resolve(spec);
        StoreSpec source = pair.source();
        StoreSpec target = pair.target();
        try (MetricsStore sourceStore = source.open(OpenMode.READ_ONLY);
             MetricsStore targetStore = target.open(OpenMode.READ_ONLY)) {
            VerificationReport report = new Verifier(CliProgressListener.on(err())).verify(
                    RowSource.of(source.describe(), sourceStore), RowSource.of(target.describe(), targetStore),
                    options);
            out().println(report.summary());
            out().flush();
            return report.matches() ? 0 : 1;
        }
    }

    /**
     * The primary and secondary of the configured dual store, up to {@code --until} (default: the instant the command
     * starts), while the app keeps writing: rows from then on, the live tail, are left out. It waits until the app
     * has mirrored every write it accepted before the command started, then takes the secondary away from the app's
     * mirror while it reads it (a DuckDB file is locked by one process), and compares the two as of that cut: the
     * secondary holds every write up to the last one its mirror applied, and the rows that writes after it may have
     * changed on the primary meanwhile (the outbox names them: each write is in it before it reaches the primary) are
     * left out on both sides, for example the current minute's candles that the app keeps upserting. A chunk that
     * differs where a write after the cut (not yet left out) may have landed is compared again, the secondary given
     * back in between, with those rows left out too; a difference that no later write explains is a mismatch.
     */
    private int verifyDual() {
        Instant started = now();
        if (scope.until == null) {
            scope.until = started;
        }
        VerifyOptions options = chunks.applyTo(VerifyOptions.defaults().withTables(scope.tables())
                .withRange(scope.range(spec.commandLine())));
        DualPair pair = DualPair.of(configName(), appConfig(), "verify");
        DualStatus status = pair.status();
        if (status.needsBackfill()) {
            err().println("verify: the dual state in " + pair.directory() + " records no finished backfill: the"
                    + " secondary lacks the history until 'metrics migrate --backfill --config " + pair.given()
                    + "' has run; comparing anyway");
        }
        Verifier verifier = new Verifier(CliProgressListener.on(err()));
        VerificationReport report = null;
        PendingWrites leftOut = null;
        for (int round = 1; ; round++) {
            MirrorWait.untilMirrored(pair, round == 1 ? started : Instant.now(), WAIT_FOR_MIRROR, err());
            boolean settled;
            try (SecondaryHold hold = pair.hold("verify");
                 MetricsStore primary = pair.primary().open(OpenMode.READ_ONLY);
                 MetricsStore secondary = pair.secondary().open(OpenMode.READ_ONLY)) {
                pair.requireStoresOf(pair.status(), primary, secondary);
                // With no app running the outbox does not move: what waits in it is missing from the secondary.
                boolean live = pair.appRunning();
                PendingWrites atCut = DualState.pendingWrites(pair.directory());
                PendingWrites excluded = !live ? nothingAfter(atCut) : leftOut == null ? atCut : leftOut.plus(atCut);
                RowSource source = new LiveRowsLeftOut(RowSource.of(pair.primary().describe(), primary), excluded);
                RowSource target = new LiveRowsLeftOut(RowSource.of(pair.secondary().describe(), secondary),
                        excluded);
                report = report == null ? verifier.verify(source, target, options)
                        : verifier.recheck(report, source, target, options.parallelism());
                // Every write that changed a row of the primary while it was read is in the outbox by now.
                PendingWrites meanwhile = DualState.pendingWrites(pair.directory(), atCut.afterSeq());
                settled = !live || excluded.covers(meanwhile.within(options.range()));
                leftOut = live ? excluded.plus(meanwhile) : excluded;
            }
            if (report.matches() || settled || round == RECHECK_ROUNDS) {
                out().println(report.summary());
                out().println("compared the rows before " + TimeRanges.format(options.range().to())
                        + (round > 1 ? " (differing chunks compared " + round + " times)" : "")
                        + "; rows from then on, the live tail, were not compared" + describe(leftOut, options));
                out().flush();
                return report.matches() ? 0 : 1;
            }
            err().println("verify: " + differing(report) + " chunk(s) differ where the app wrote after the cut;"
                    + " comparing them again once it has mirrored that, those rows left out");
        }
    }

    private static PendingWrites nothingAfter(PendingWrites read) {
        return new PendingWrites(read.lastSeq(), read.lastSeq(), java.util.Map.of());
    }

    /** @return the ranges before the cut that were left out because the app wrote them meanwhile, in brief */
    private static String describe(PendingWrites leftOut, VerifyOptions options) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (var entry : leftOut.touched().entrySet()) {
            if (!options.tables().contains(entry.getKey())) {
                continue;
            }
            for (TimeRange range : entry.getValue()) {
                if (!range.from().isBefore(options.range().to()) || !range.to().isAfter(options.range().from())) {
                    continue;
                }
                text.append(shown++ == 0 ? "; left out as well, since the app wrote them after the cut: " : ", ");
                text.append(entry.getKey().tableName()).append(' ').append(TimeRanges.format(range));
                if (shown == 5) {
                    return text.append(", ...").toString();
                }
            }
        }
        return text.toString();
    }

    private static long differing(VerificationReport report) {
        return report.tables().stream().mapToLong(VerificationReport.TableVerification::mismatchedChunks).sum();
    }
}
