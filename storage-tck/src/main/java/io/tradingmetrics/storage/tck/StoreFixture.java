package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.MetricsStore;

/** What a contract needs from the kit: the store under test, what it can do, and the kit's settings. */
public interface StoreFixture {

    /** @return the current test's store: fresh and empty at the test's start, closed after the test */
    MetricsStore store();

    /**
     * Closes the current store and makes a store on the same database the current one, as an application that
     * restarts does.
     *
     * @return the new current store
     */
    MetricsStore reopen();

    /**
     * @return a second store of the current test, over a fresh, empty database of its own, configured to keep no
     *         rollups (every aggregation from raw points): what the store under test must answer identically to.
     *         Opened on first use, closed after the test.
     */
    MetricsStore storeWithoutRollups();

    /** @return whether the store under test has the capability (requirements included) */
    boolean has(StoreCapability capability);

    /** @return how large the large tests run */
    KitSettings settings();
}
