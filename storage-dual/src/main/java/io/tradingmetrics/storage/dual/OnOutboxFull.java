package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.StoreConfigException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a write does when the outbox is full: {@code metrics.store.dual.on-outbox-full}. */
public enum OnOutboxFull {
    /** The app's write fails with {@link DualOutboxFullException}, storing nothing, until the outbox drains. */
    FAIL_WRITES,
    /**
     * The write goes to the primary only, and the secondary is durably marked as missing the time range written
     * while stopped; once it answers again and the outbox has drained, the dual store copies that range from the
     * primary and mirrors again.
     */
    STOP_MIRRORING;

    /** @return the configuration's spelling, for example {@code fail-writes} */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @return the choice of that spelling
     * @throws StoreConfigException naming the valid choices when there is none
     */
    static OnOutboxFull parse(String path, String text) {
        for (OnOutboxFull choice : values()) {
            if (choice.configName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return choice;
            }
        }
        throw new StoreConfigException(path + " = \"" + text + "\" is not a choice; give one of: "
                + Arrays.stream(values()).map(OnOutboxFull::configName).collect(Collectors.joining(", ")));
    }
}
