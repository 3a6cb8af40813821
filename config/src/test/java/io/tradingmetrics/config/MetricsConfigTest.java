package io.tradingmetrics.config;

import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.StoreConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsConfigTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsLayeredOverTheDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("metrics.conf"), "metrics.store.type = recording\n");

        Config config = MetricsConfig.load(file);

        assertThat(StoreSelector.create().select(config).storeConfig().getString("path"))
                .isEqualTo("recordings/default");
    }

    @Test
    void aMissingFileSaysWhichOne() {
        Path missing = dir.resolve("nope.conf");

        assertThatThrownBy(() -> MetricsConfig.load(missing)).isInstanceOf(StoreConfigException.class)
                .hasMessage("config file " + missing + " does not exist or cannot be read; give the path of a"
                        + " readable HOCON file");
    }

    @Test
    void aFileThatIsNotHoconSaysWhereItBreaks() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.conf"), "metrics.store {\n  type = duckdb\n");

        assertThatThrownBy(() -> MetricsConfig.load(file)).isInstanceOf(StoreConfigException.class)
                .hasMessageStartingWith("config file " + file + " is not valid HOCON: ")
                .hasMessageContaining("broken.conf: 3");
    }

    @Test
    void anUnresolvableSubstitutionIsAStoreConfigException() throws IOException {
        Path file = Files.writeString(dir.resolve("subst.conf"), "metrics.store.recording.path = ${NOT_DEFINED_X}\n");

        assertThatThrownBy(() -> MetricsConfig.load(file)).isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("NOT_DEFINED_X");
    }
}
