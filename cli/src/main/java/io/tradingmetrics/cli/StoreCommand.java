package io.tradingmetrics.cli;

import io.tradingmetrics.config.StoreSelection;
import io.tradingmetrics.storage.api.MetricsStore;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Base of the commands that work on the store: the global options ({@code --config}, {@code --store},
 * {@code --verbose}), the output streams, and opening the store. A subclass implements {@link #call()} and returns
 * its exit code; failures are thrown as {@link io.tradingmetrics.storage.api.MetricsStoreException}s.
 */
public abstract class StoreCommand implements Callable<Integer> {
    /** The store setting that decides whether opening brings the schema up to date. */
    protected static final String MIGRATE_ON_START = StoreOpener.MIGRATE_ON_START;

    @Spec
    protected CommandSpec spec;

    private StoreSelection opened;

    /** @return where results go (standard output) */
    protected PrintWriter out() {
        return spec.root().commandLine().getOut(); // the root's: subcommands added later keep the defaults
    }

    /** @return where progress and diagnostics go (standard error) */
    protected PrintWriter err() {
        return spec.root().commandLine().getErr();
    }

    /** @return the store the configuration and options select, opened; the caller closes it */
    protected MetricsStore openStore() {
        StoreSelection selection = opener().select();
        announce(selection);
        return selection.open();
    }

    /** @return the selected store opened with settings of its block replaced; the caller closes it */
    protected MetricsStore openStore(Map<String, Object> overrides) {
        StoreSelection selection = StoreOpener.withOverrides(opener().select(), overrides);
        announce(selection);
        return selection.open();
    }

    /**
     * Opens another store than the selected one, for commands that work on two (a migration's source and target):
     * the URL is read by the store factories, over the same configuration as {@link #openStore()}.
     *
     * @return the store at the URL, opened; the caller closes it
     */
    protected MetricsStore openStoreAt(String jdbcUrl) {
        StoreSelection selection = new StoreOpener(root().configFile(), Optional.of(jdbcUrl)).select();
        announce(selection);
        return selection.open();
    }

    /** @return a one-line description of the store last opened, secrets masked */
    protected String describeStore() {
        if (opened == null) {
            throw new IllegalStateException("no store opened yet");
        }
        return StoreOpener.describe(opened);
    }

    /** @return the instant that {@code now} and relative times mean in this run */
    protected Instant now() {
        return root().now();
    }

    /** @return whether {@code --verbose} was given */
    protected boolean verbose() {
        return root().verbose();
    }

    /** @return a usage error of this command, printed as one line with exit code 2 */
    protected CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private void announce(StoreSelection selection) {
        opened = selection;
        if (verbose()) {
            err().println("metrics: using the " + StoreOpener.describe(selection) + " store");
        }
    }

    private StoreOpener opener() {
        return root().storeOpener();
    }

    private MetricsCli root() {
        return (MetricsCli) spec.root().userObject();
    }
}
