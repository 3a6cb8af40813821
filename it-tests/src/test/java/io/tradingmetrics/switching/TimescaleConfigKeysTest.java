package io.tradingmetrics.switching;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.StoreConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The config module refuses a mistyped key of the TimescaleDB block, as it does for every store (the store itself
 * does not check keys), before any server is contacted.
 */
class TimescaleConfigKeysTest {

    @Test
    void aMistypedTimescaleKeyIsRefusedWithTheValidKeysAndTheClosestOne() {
        Config config = MetricsConfig.load(ConfigFactory.empty(), ConfigFactory.parseString("""
                metrics.store.type = timescale
                metrics.store.timescale.shema = trading
                """), Map.of());

        assertThatThrownBy(() -> MetricsStores.open(config)).isInstanceOf(StoreConfigException.class)
                .hasMessage("unknown key metrics.store.timescale.shema (String: 2); valid keys under"
                        + " metrics.store.timescale: application-name, chunk-interval, connect-timeout, database, host,"
                        + " max-buckets, migrate-on-start, password, pool-size, port, rollups, schema, socket-timeout,"
                        + " statement-timeout, timescaledb, url, user, write-id-retention; did you mean 'schema'?");
    }
}
