package io.tradingmetrics.cli;

import com.typesafe.config.Config;
import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Base of the commands that work on the store: the global options ({@code --config}, {@code --store},
 * {@code --verbose}), the output streams, and opening the store. A subclass implements {@link #call()} and returns
 * its exit code; failures are thrown as {@link io.tradingmetrics.storage.api.MetricsStoreException}s.
 */
public abstract class StoreCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    private StoreSpec opened;

    /** @return where results go (standard output) */
    protected PrintWriter out() {
        return spec.root().commandLine().getOut(); // the root's: subcommands added later keep the defaults
    }

    /** @return where progress and diagnostics go (standard error) */
    protected PrintWriter err() {
        return spec.root().commandLine().getErr();
    }

    /**
     * @param mode {@link OpenMode#READ_ONLY} or {@link OpenMode#VALIDATE} for a command that reads,
     *             {@link OpenMode#MIGRATE} for one that writes
     * @return the store the configuration and options select, opened; the caller closes it
     */
    protected MetricsStore openStore(OpenMode mode) {
        StoreSpec store = selectedStore();
        announce(store);
        return store.open(mode);
    }

    /** @return the store of the global {@code --store} URL or {@code --config} file, not opened */
    protected StoreSpec selectedStore() {
        return root().selectedStore();
    }

    /** @return the whole configuration: the {@code --config} file over {@code application.conf}, or the latter alone */
    protected Config appConfig() {
        return root().configFile().map(MetricsConfig::load).orElseGet(MetricsConfig::load);
    }

    /** @return how messages name the configuration: the {@code --config} file, or "the configuration" */
    protected String configName() {
        return root().configFile().map(Path::toString).orElse("the configuration (application.conf)");
    }

    /** @return a one-line description of the store last opened, secrets masked */
    protected String describeStore() {
        if (opened == null) {
            throw new IllegalStateException("no store opened yet");
        }
        return opened.describe();
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

    /** Remembers the store for {@link #describeStore()} and names it with {@code --verbose}. */
    protected void announce(StoreSpec store) {
        opened = store;
        if (verbose()) {
            err().println("metrics: using the store " + store.describe());
        }
    }

    private MetricsCli root() {
        return (MetricsCli) spec.root().userObject();
    }
}
