package io.tradingmetrics.config;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.OpenMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsStoresTest {

    @Test
    void openWithAConfigGivesTheSelectedStoreItsBlock() {
        try (MetricsStore store = MetricsStores.open(ConfigFactory.parseString("""
                metrics.store.type = recording
                metrics.store.recording.path = "/data/one-liner"
                """))) {
            assertThat(store.backendName()).isEqualTo("recording");
            assertThat(RecordingStoreFactory.of(store).storeConfig().getString("path")).isEqualTo("/data/one-liner");
            assertThat(RecordingStoreFactory.of(store).storeConfig().getInt("threads")).isEqualTo(2);
        }
    }

    @Test
    void anAppOpensTheStoreInTheModeItAsksFor() {
        try (MetricsStore configured = MetricsStores.open("jdbc:recording:/data/a");
             MetricsStore reader = MetricsStores.open("jdbc:recording:/data/a", OpenMode.READ_ONLY);
             MetricsStore checked = MetricsStores.open(ConfigFactory.parseString("metrics.store.type = recording"),
                     OpenMode.VALIDATE)) {
            assertThat(RecordingStoreFactory.of(configured).mode()).isEqualTo(OpenMode.CONFIGURED);
            assertThat(RecordingStoreFactory.of(reader).mode()).isEqualTo(OpenMode.READ_ONLY);
            assertThat(RecordingStoreFactory.of(checked).mode()).isEqualTo(OpenMode.VALIDATE);
        }
        StoreSelection selection = StoreSelector.create().select(ConfigFactory.parseString("""
                metrics.store.type = recording
                metrics.store.recording.path = "/data/b"
                """));
        assertThat(selection.describe()).isEqualTo("recording /data/b");
    }

    @Test
    void openWithoutArgumentsReadsTheProcessConfiguration() {
        System.setProperty("metrics.store.type", "recording");
        System.setProperty("metrics.store.recording.path", "/data/from-property");
        ConfigFactory.invalidateCaches();
        try (MetricsStore store = MetricsStores.open()) {
            assertThat(RecordingStoreFactory.of(store).storeConfig().getString("path"))
                    .isEqualTo("/data/from-property");
        } finally {
            System.clearProperty("metrics.store.type");
            System.clearProperty("metrics.store.recording.path");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void openWithAUrlAsksTheFactories() {
        try (MetricsStore store = MetricsStores.open("jdbc:recording:/data/from-url")) {
            RecordingStoreFactory.Created created = RecordingStoreFactory.of(store);

            assertThat(created.storeConfig().getString("path")).isEqualTo("/data/from-url");
            assertThat(created.storeConfig().getInt("threads")).as("other keys from reference.conf").isEqualTo(2);
        }
    }

    @Test
    void aUrlOfAnOfficialStoreNotOnTheClasspathNamesTheModuleAndHidesThePassword() {
        assertThatThrownBy(() -> MetricsStores.open("jdbc:postgresql://db:5432/metrics?user=t&password=hunter2"))
                .isInstanceOf(StoreConfigException.class)
                .hasMessage("the store URL jdbc:postgresql://db:5432/metrics?user=t&password=<redacted> needs the"
                        + " timescale store, which is not on the classpath (found: dual, duckdb, recording). Add the"
                        + " storage-timescale module to the classpath.");
    }

    @Test
    void anUnknownUrlSchemeListsTheAcceptedOnes() {
        StoreFactories factories = StoreFactories.discover();

        assertThatThrownBy(() -> StoreUrls.configForUrl("jdbc:mysql://db/metrics", ConfigFactory.empty(), factories))
                .isInstanceOf(StoreConfigException.class)
                .hasMessage("no store on the classpath takes the URL jdbc:mysql://db/metrics; accepted:"
                        + " jdbc:duckdb:... (duckdb), recording (see the config (tests) module for its URLs); for example"
                        + " jdbc:duckdb:data/metrics.duckdb");
    }

    @Test
    void theFactoriesAreFoundThroughServiceLoader() {
        assertThat(StoreFactories.discover().names()).contains("recording");
    }
}
