package io.tradingmetrics.config;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.OpenMode;

import static java.util.Objects.requireNonNull;

/**
 * Binds {@link MetricsStore} as a singleton: the store that {@code metrics.store.type} selects.
 *
 * <p>The configuration is checked when the module is constructed, so a wrong key fails before the injector is
 * built, with a {@link StoreConfigException} naming every problem. The store itself is opened on first use (or
 * when the injector is created, in {@code Stage.PRODUCTION}).
 *
 * <p>Guice does not close what it creates: the app closes the store once, when it stops, after every user of
 * the store is done, for example
 * <pre>{@code
 * Injector injector = Guice.createInjector(new MetricsStoreModule(MetricsConfig.load()), appModule);
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> injector.getInstance(MetricsStore.class).close()));
 * }</pre>
 * or from the stop method of the app's own lifecycle. Closing is idempotent.
 */
public final class MetricsStoreModule extends AbstractModule {
    private final StoreSelection selection;
    private final OpenMode mode;

    /**
     * Binds the store opened as its configuration says ({@link OpenMode#CONFIGURED}).
     *
     * @param config the application's configuration (for example {@link MetricsConfig#load()})
     * @throws StoreConfigException naming every problem of {@code metrics.store}
     */
    public MetricsStoreModule(Config config) {
        this(config, OpenMode.CONFIGURED);
    }

    /**
     * @param config the application's configuration (for example {@link MetricsConfig#load()})
     * @param mode how the store is opened, for example {@link OpenMode#READ_ONLY} for an app that only reads
     * @throws StoreConfigException naming every problem of {@code metrics.store}
     */
    public MetricsStoreModule(Config config, OpenMode mode) {
        requireNonNull(config, "config is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.selection = StoreSelector.create().select(config);
    }

    @Override
    protected void configure() {
        bind(StoreSelection.class).toInstance(selection);
    }

    @Provides
    @Singleton
    MetricsStore metricsStore(StoreSelection selected) {
        return selected.open(mode);
    }
}
