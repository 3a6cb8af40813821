package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.MetricsStore;

/** What a contract needs from the kit: the store under test and the kit's settings. */
public interface StoreFixture {

    /** @return the current test's store: fresh and empty at the test's start, closed after the test */
    MetricsStore store();

    /** @return how large the large tests run */
    KitSettings settings();
}
