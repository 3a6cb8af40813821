package io.tradingmetrics.storage.timescale;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stores on a real PostgreSQL server named by an environment variable that {@code scripts/test-db.sh} writes, each on
 * a fresh schema of its own ({@code it_<random>}), so that tests do not see each other's rows; {@link #dropAll()}
 * closes the stores and drops their schemas.
 */
final class PostgresSchemas {
    private final String variable;
    private final Map<String, Object> extraSettings;
    private final List<String> schemas = new ArrayList<>();
    private final List<MetricsStore> stores = new ArrayList<>();

    PostgresSchemas(String variable, Map<String, Object> extraSettings) {
        this.variable = variable;
        this.extraSettings = Map.copyOf(extraSettings);
    }

    /** @throws IllegalStateException when the variable is missing: the kit never skips silently */
    String url() {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run the tests through scripts/test.sh, or"
                    + " start the servers with scripts/test-db.sh start and source the env file it writes"
                    + " (export " + variable + "=jdbc:postgresql://127.0.0.1:PORT/metrics_it?user=postgres)");
        }
        return url;
    }

    /** @return a store made by the factory, as an app would get it, on a new schema */
    synchronized MetricsStore newStore() {
        String schema = "it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        Map<String, Object> settings = new HashMap<>(extraSettings);
        settings.put("url", url());
        settings.put("schema", schema);
        schemas.add(schema);
        MetricsStore store = new TimescaleMetricsStoreFactory().create(ConfigFactory.parseMap(settings));
        stores.add(store);
        return store;
    }

    /** Closes the stores (closing is idempotent, the kit closes them too) and drops their schemas. */
    synchronized void dropAll() throws SQLException {
        stores.forEach(MetricsStore::close);
        stores.clear();
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '30s'");
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
        schemas.clear();
    }
}
