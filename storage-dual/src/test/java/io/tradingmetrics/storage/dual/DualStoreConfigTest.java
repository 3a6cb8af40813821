package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.StoreConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DualStoreConfigTest {
    @TempDir
    Path folder;

    @Test
    void theMirrorYieldsToWritesForTwoSecondsByDefaultAndZeroTurnsItOff() {
        assertThat(config().replayYieldToWrites()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config("replay.yield-to-writes", "0s").replayYieldToWrites()).isZero();
    }

    @Test
    void aNegativeYieldIsRefusedWithTheKeyAndAUsableValue() {
        assertThatThrownBy(() -> config("replay.yield-to-writes", "-1s"))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("metrics.store.dual.replay.yield-to-writes is PT-1S")
                .hasMessageContaining("such as 2s");
    }

    private DualStoreConfig config(Object... extra) {
        return DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("p.duckdb")),
                DualStores.duckdb(folder.resolve("s.duckdb")), folder.resolve("outbox"), extra));
    }
}
