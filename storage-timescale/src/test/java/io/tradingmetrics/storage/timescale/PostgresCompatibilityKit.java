package io.tradingmetrics.storage.timescale;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.tck.MetricsStoreCompatibilityKit;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import org.junit.jupiter.api.Test;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit on a test server: each store made by the factory, as an app gets it, on a schema of its own that is
 * dropped once the kit has closed the test's stores.
 */
abstract class PostgresCompatibilityKit extends MetricsStoreCompatibilityKit {
    private final PostgresTestServer server;
    private final String timescaledb;
    private final boolean readEveryLevel;
    private final List<TestSchema> schemas = new ArrayList<>();

    /**
     * @param timescaledb the store's {@code timescaledb} setting
     * @param readEveryLevel whether the rollup levels are read however sparse the kit's points
     *        ({@code min-points-per-row = 0}); else at the default, the sparse ones go dormant
     */
    PostgresCompatibilityKit(PostgresTestServer server, String timescaledb, boolean readEveryLevel) {
        this.server = requireNonNull(server, "server is null");
        this.timescaledb = requireNonNull(timescaledb, "timescaledb is null");
        this.readEveryLevel = readEveryLevel;
    }

    @Override
    protected MetricsStore createStore() {
        schemas.add(server.newSchema());
        return reopenStore();
    }

    /** On a schema of its own (the last schema stays the one {@link #reopenStore} opens). */
    @Override
    protected MetricsStore createStoreWithoutRollups() {
        TestSchema raw = server.newSchema();
        schemas.add(0, raw);
        Map<String, Object> settings = new HashMap<>(raw.settings("timescaledb", timescaledb));
        settings.put("rollups.enabled", false);
        return new TimescaleMetricsStoreFactory().create(ConfigFactory.parseMap(settings));
    }

    @Override
    protected MetricsStore reopenStore() {
        TestSchema schema = schemas.get(schemas.size() - 1);
        // Rollups on (they are off by default), so that every contract runs against them too.
        Map<String, Object> settings = new HashMap<>(schema.settings("timescaledb", timescaledb));
        settings.put("rollups.enabled", true);
        if (readEveryLevel) {
            settings.put("rollups.min-points-per-row", 0);
        }
        return new TimescaleMetricsStoreFactory().create(ConfigFactory.parseMap(settings));
    }

    @Override
    protected void afterStoresClosed() {
        List<SQLException> failures = new ArrayList<>();
        for (TestSchema schema : schemas) {
            try {
                schema.close();
            } catch (SQLException e) {
                failures.add(e);
            }
        }
        schemas.clear();
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("could not drop a test schema", failures.get(0));
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** The kit compares this store with the one without rollups: a comparison of raw with raw would prove nothing. */
    @Test
    void theKitsStoreKeepsRollupsAndTheOtherKeepsNone() {
        try (MetricsStore with = createStore(); MetricsStore without = createStoreWithoutRollups()) {
            assertThat(((JdbcMetricsStore) with).rollupLevels()).isNotEmpty();
            assertThat(((JdbcMetricsStore) without).rollupLevels()).isEmpty();
        }
    }
}
