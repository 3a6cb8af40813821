package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whether the store answers, what it runs on, its schema, and closing it. */
public abstract class HealthContract extends StoreContract {

    protected HealthContract(StoreFixture fixture) {
        super(fixture);
    }

    @Test
    @DisplayName("a new store is empty: every table has zero rows")
    void newStoreIsEmpty() {
        for (StoreTable table : StoreTable.values()) {
            assertThat(store().count(table, TimeRange.all())).as(table.tableName()).isZero();
        }
        assertThat(store().latest(LatestQuery.all())).isEmpty();
        assertThat(store().performanceHistory(TimeRange.all())).isEmpty();
    }

    @Test
    @DisplayName("an open store is healthy, names its backend and describes itself in one line")
    void healthy() {
        StoreHealth health = store().health();

        assertThat(health.healthy()).as(health.message()).isTrue();
        assertThat(health.backend()).isEqualTo(store().backendName()).isNotBlank();
        assertThat(health.message()).isNotBlank().doesNotContain("\n");
    }

    @Test
    @DisplayName("the cheap check (ping) of an open store answers healthy and names its backend, holding rows or not")
    void pingHealthy() {
        assertThat(store().ping().healthy()).as(store().ping().message()).isTrue();
        store().insertMetric(MetricPoint.of(BASE, "p", 1));

        StoreHealth ping = store().ping();

        assertThat(ping.healthy()).as(ping.message()).isTrue();
        assertThat(ping.backend()).isEqualTo(store().backendName());
        assertThat(ping.message()).isNotBlank().doesNotContain("\n");
    }

    @Test
    @DisplayName("the schema of a new store is up to date, with its migrations listed")
    void schemaUpToDate() {
        SchemaInfo schema = store().schemaInfo();

        assertThat(schema.isUpToDate()).as("current %s, latest %s", schema.currentVersion(), schema.latestVersion())
                .isTrue();
        assertThat(schema.currentVersion()).isNotBlank();
        assertThat(schema.history()).isNotEmpty().allSatisfy(line -> assertThat(line).isNotBlank());
    }

    @Test
    @DisplayName("a store has an instance id of its own, the same on every read")
    void instanceId() {
        Optional<String> id = store().instanceId();

        assertThat(id).isPresent().get().asString().isNotBlank();
        assertThat(store().instanceId()).isEqualTo(id);
    }

    @Test
    @DisplayName("closing twice is harmless")
    void closeIsIdempotent() {
        MetricsStore store = store();
        store.insertMetric(MetricPoint.of(BASE, "p", 1));

        store.close();
        assertThatCode(store::close).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a closed store reports itself unhealthy instead of throwing")
    void closedStoreIsUnhealthy() {
        MetricsStore store = store();
        store.close();

        StoreHealth health = store.health();
        StoreHealth ping = store.ping();

        assertThat(health.healthy()).isFalse();
        assertThat(health.backend()).isEqualTo(store.backendName());
        assertThat(health.message()).isNotBlank();
        assertThat(ping.healthy()).isFalse();
        assertThat(ping.message()).contains("closed");
    }

    @Test
    @DisplayName("a closed store refuses reads and writes with a StoreUnavailableException saying it is closed")
    void closedStoreRefusesWork() {
        MetricsStore store = store();
        store.insertMetric(MetricPoint.of(BASE, "p", 1));
        store.close();

        assertThatThrownBy(() -> store.insertMetric(MetricPoint.of(BASE, "p", 2)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("closed");
    }
}
