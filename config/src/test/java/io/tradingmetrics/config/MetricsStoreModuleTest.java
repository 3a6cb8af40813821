package io.tradingmetrics.config;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreConfigException;
import jakarta.inject.Inject;
import io.tradingmetrics.storage.api.OpenMode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsStoreModuleTest {

    /** An app class that gets the store injected. */
    static final class Dashboard {
        final MetricsStore store;

        @Inject
        Dashboard(MetricsStore store) {
            this.store = store;
        }
    }

    @Test
    void theStoreIsASingletonBuiltFromTheConfiguration() {
        int before = RecordingStoreFactory.created().size();
        Injector injector = Guice.createInjector(new MetricsStoreModule(MetricsConfig.load(ConfigFactory.empty(),
                ConfigFactory.parseString("metrics.store.type = recording\nmetrics.store.recording.path = guice"),
                Map.of())));

        MetricsStore first = injector.getInstance(MetricsStore.class);
        Dashboard dashboard = injector.getInstance(Dashboard.class);

        assertThat(dashboard.store).isSameAs(first);
        assertThat(RecordingStoreFactory.created()).hasSize(before + 1);
        assertThat(RecordingStoreFactory.of(first).storeConfig().getString("path")).isEqualTo("guice");
        assertThat(RecordingStoreFactory.of(first).mode()).isEqualTo(OpenMode.CONFIGURED);
        assertThat(injector.getInstance(StoreSelection.class).type()).isEqualTo("recording");

        injector.getInstance(MetricsStore.class).close();
        assertThat(RecordingStoreFactory.of(first).closed()).isTrue();
    }

    @Test
    void anAppThatOnlyReadsGetsTheStoreOpenedForReading() {
        Injector injector = Guice.createInjector(new MetricsStoreModule(
                ConfigFactory.parseString("metrics.store.type = recording"), OpenMode.READ_ONLY));
        try (MetricsStore store = injector.getInstance(MetricsStore.class)) {
            assertThat(RecordingStoreFactory.of(store).mode()).isEqualTo(OpenMode.READ_ONLY);
        }
    }

    @Test
    void aBadConfigurationFailsWhenTheModuleIsBuilt() {
        assertThatThrownBy(() -> new MetricsStoreModule(ConfigFactory.parseString(
                "metrics.store.type = recording\nmetrics.store.recording.treads = 2")))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageStartingWith("unknown key metrics.store.recording.treads");
    }
}
