package io.tradingmetrics.cli.migration;

import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.storage.api.MetricsStore;

import java.time.Duration;
import java.util.Optional;

/** What the commands on a dual store's two stores share. */
final class DualCommands {
    /** How long a command waits for the app to lend it the secondary. */
    static final Duration LEASE_TIMEOUT = Duration.ofMinutes(2);

    private DualCommands() {}

    /** @return the app's mirroring state, read-only */
    static MirrorState state(DualPair pair) {
        return MirrorStates.open(pair);
    }

    /**
     * Refuses stores that are not the ones the dual state was recorded for (issue: cut-over records belong to the
     * stores they describe): a secondary emptied and created again would otherwise be taken for one that holds the
     * mirrored rows.
     */
    static void requireStoresOfState(DualPair pair, MirrorState state, MetricsStore primary, MetricsStore secondary) {
        check("primary", pair.primary().describe(), state.primaryInstanceId(), primary.instanceId(), pair);
        check("secondary", pair.secondary().describe(), state.secondaryInstanceId(), secondary.instanceId(), pair);
    }

    private static void check(String role, String store, Optional<String> recorded, Optional<String> actual,
                              DualPair pair) {
        if (recorded.isPresent() && actual.isPresent() && !recorded.equals(actual)) {
            throw new MigrationException("the " + role + " " + store + " is not the store the app's dual state"
                    + " describes (instance " + actual.get() + ", the state records " + recorded.get() + "): it was"
                    + " emptied, recreated or replaced since mirroring began. Start the app with " + pair.given()
                    + " to begin mirroring into it afresh, then backfill it");
        }
    }
}
