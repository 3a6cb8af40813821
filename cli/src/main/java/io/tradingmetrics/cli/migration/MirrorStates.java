package io.tradingmetrics.cli.migration;

import io.tradingmetrics.storage.api.StoreConfigException;

/** Opens the mirroring state an app's dual store keeps, read-only. */
final class MirrorStates {
    private MirrorStates() {}

    static MirrorState open(DualPair pair) {
        throw new StoreConfigException("the dual store's state cannot be read yet (module storage-dual missing)");
    }
}
