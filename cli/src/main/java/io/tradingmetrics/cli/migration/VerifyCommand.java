package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.StoreSpec;
import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.TimeRanges;
import io.tradingmetrics.migration.VerificationReport;
import io.tradingmetrics.migration.Verifier;
import io.tradingmetrics.migration.VerifyOptions;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;

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
    private static final Duration RECHECK_PAUSE = Duration.ofSeconds(2);

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
     * starts), while the app keeps writing: the rows from then on, the live tail, are left out. The app lends the
     * secondary after storing what it had queued; a chunk that differs is compared again a few times, with the
     * secondary given back in between, since a write made just before the cut may still have been on its way.
     */
    private int verifyDual() {
        if (scope.until == null) {
            scope.until = now();
        }
        VerifyOptions options = chunks.applyTo(VerifyOptions.defaults().withTables(scope.tables())
                .withRange(scope.range(spec.commandLine())));
        DualPair pair = DualPair.of(configName(), appConfig(), "verify");
        Verifier verifier = new Verifier(CliProgressListener.on(err()));
        VerificationReport report = null;
        int rounds = 0;
        try (MirrorState state = DualCommands.state(pair)) {
            while (true) {
                rounds++;
                try (AutoCloseable lease = state.borrowSecondary(DualCommands.LEASE_TIMEOUT);
                     MetricsStore primary = pair.primary().open(OpenMode.READ_ONLY);
                     MetricsStore secondary = pair.secondary().open(OpenMode.READ_ONLY)) {
                    DualCommands.requireStoresOfState(pair, state, primary, secondary);
                    RowSource source = RowSource.of(pair.primary().describe(), primary);
                    RowSource target = RowSource.of(pair.secondary().describe(), secondary);
                    report = report == null ? verifier.verify(source, target, options)
                            : verifier.recheck(report, source, target, options.parallelism());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new MigrationException("giving the secondary back to the app failed: " + e.getMessage(), e);
                }
                if (report.matches() || rounds == RECHECK_ROUNDS) {
                    break;
                }
                err().println("verify: " + differing(report) + " chunk(s) differ; comparing them again in "
                        + RECHECK_PAUSE.toSeconds() + " s (rows written just before the cut may be on their way)");
                sleepBetweenRounds();
            }
        }
        out().println(report.summary());
        out().println("compared the rows before " + TimeRanges.format(options.range().to()) + (rounds > 1
                ? " (" + rounds + " rounds)" : "") + "; rows from then on, the live tail, were not compared");
        out().flush();
        return report.matches() ? 0 : 1;
    }

    private static long differing(VerificationReport report) {
        return report.tables().stream().mapToLong(VerificationReport.TableVerification::mismatchedChunks).sum();
    }

    private static void sleepBetweenRounds() {
        try {
            Thread.sleep(RECHECK_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("verify was interrupted", e);
        }
    }
}
