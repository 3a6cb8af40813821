package io.tradingmetrics.cli.migration;

import com.typesafe.config.Config;
import io.tradingmetrics.config.StoreSelection;
import io.tradingmetrics.config.StoreSelector;
import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreNotFoundException;
import io.tradingmetrics.storage.dual.DualState;
import io.tradingmetrics.storage.dual.DualStatus;
import io.tradingmetrics.storage.dual.DualStoreConfig;
import io.tradingmetrics.storage.dual.NestedStore;
import io.tradingmetrics.storage.dual.SecondaryHold;
import io.tradingmetrics.storage.spi.EmptyStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The two stores of an app's dual-store configuration ({@code metrics.store.type = dual}) and the mirror's state in
 * its outbox directory, for the commands of the cut-over runbook ({@code migrate --backfill}, {@code verify},
 * {@code catch-up}): they open each store on its own, from outside the app, read the state without the app's lock,
 * and take the secondary away from the running app's mirror while they work on it ({@link SecondaryHold}).
 *
 * @param given the configuration's name in messages (the {@code --config} file)
 * @param config the dual store's settings
 */
record DualPair(String given, DualStoreConfig config) {
    /** How long a command waits for the app to let go of the secondary. */
    static final Duration HOLD_TIMEOUT = Duration.ofMinutes(2);

    DualPair {
        requireNonNull(given, "given is null");
        requireNonNull(config, "config is null");
    }

    /**
     * @param command the command, for the message that refuses a configuration without a dual store
     * @throws StoreConfigException when the configuration does not select a dual store, or is invalid
     */
    static DualPair of(String given, Config whole, String command) {
        StoreSelection selection = StoreSelector.create().select(whole);
        if (!DualStoreConfig.NAME.equals(selection.type())) {
            throw new StoreConfigException(command + " works on the two stores of a dual store, but " + given
                    + " has metrics.store.type = " + selection.type() + "; give the app's configuration (with"
                    + " metrics.store.type = dual and its primary and secondary), or name two stores with --from"
                    + " and --to");
        }
        return new DualPair(given, DualStoreConfig.from(selection.storeConfig(),
                Thread.currentThread().getContextClassLoader()));
    }

    NestedStore primary() {
        return config.primary();
    }

    NestedStore secondary() {
        return config.secondary();
    }

    Path directory() {
        return config.outboxDirectory();
    }

    /**
     * @return the mirror's state as the app last wrote it
     * @throws MigrationException when no dual store has used the directory yet
     */
    DualStatus status() {
        return DualState.read(directory()).orElseThrow(() -> new MigrationException("no dual store has run with "
                + given + " yet (no state in " + directory() + "); start the app with this configuration first:"
                + " mirroring, and the backfill boundary, begin when it opens"));
    }

    /** @return whether an app has the dual store open */
    boolean appRunning() {
        return DualState.appRunning(directory());
    }

    /** @return the secondary, taken away from the running app's mirror until the hold is closed */
    SecondaryHold hold(String command) {
        return SecondaryHold.acquire(directory(), command + " (pid " + ProcessHandle.current().pid() + ")",
                HOLD_TIMEOUT);
    }

    /** Opens the secondary to write into; in a dry run for reading only (one a real run would create reads empty). */
    MetricsStore openSecondary(boolean dryRun) {
        if (!dryRun) {
            return secondary().open(OpenMode.MIGRATE);
        }
        try {
            return secondary().open(OpenMode.READ_ONLY);
        } catch (StoreNotFoundException e) {
            return new EmptyStore(secondary().type(), secondary().describe() + " (does not exist yet: a real run"
                    + " creates it)", new SchemaInfo("none", "none", List.of()));
        }
    }

    /**
     * Refuses stores that are not the ones the state was recorded for: a secondary emptied and created again would
     * otherwise be taken for one that holds the mirrored rows (cut-over records belong to the stores they describe).
     */
    void requireStoresOf(DualStatus status, MetricsStore primaryStore, MetricsStore secondaryStore) {
        primaryStore.instanceId().filter(id -> !"unknown".equals(status.primaryId()) && !id.equals(status.primaryId()))
                .ifPresent(id -> {
                    throw refused("primary", primary().describe(), id, status.primaryId());
                });
        if (status.secondaryId().isPresent()) {
            secondaryStore.instanceId().filter(id -> !id.equals(status.secondaryId().get())).ifPresent(id -> {
                throw refused("secondary", secondary().describe(), id, status.secondaryId().get());
            });
        }
    }

    private MigrationException refused(String role, String store, String actual, String recorded) {
        return new MigrationException("the " + role + " " + store + " is not the store the dual state in "
                + directory() + " describes (instance " + actual + ", the state records " + recorded + "): it was"
                + " emptied, recreated or replaced since mirroring began. Start the app with " + given + " so that"
                + " it takes the new store on (a new boundary), then backfill it");
    }
}
