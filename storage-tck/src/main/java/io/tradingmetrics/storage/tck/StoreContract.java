package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.tck.support.MarketData;
import io.tradingmetrics.storage.tck.support.ReferenceModel;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of every contract: the store under test, a reference model that sees the same writes, and a deterministic
 * data generator. JUnit creates a new instance per test, so each test starts with an empty model and a fresh store.
 */
public abstract class StoreContract {
    /** A Monday, well inside the range every engine handles, far from any daylight-saving boundary in UTC. */
    protected static final Instant BASE = Instant.parse("2024-03-04T00:00:00Z");

    private final StoreFixture fixture;
    protected final ReferenceModel model = new ReferenceModel();
    protected final MarketData data = new MarketData(20_240_304L);

    protected StoreContract(StoreFixture fixture) {
        this.fixture = requireNonNull(fixture, "fixture is null");
    }

    protected MetricsStore store() {
        return fixture.store();
    }

    /** @return the store under test after closing it and opening its database again */
    protected MetricsStore reopen() {
        return fixture.reopen();
    }

    /** @return whether the store under test has the capability */
    protected boolean has(StoreCapability capability) {
        return fixture.has(capability);
    }

    protected KitSettings settings() {
        return fixture.settings();
    }

    /** Writes points to the store and the model, checking the count the store reports. */
    protected void insert(List<MetricPoint> points) {
        assertThat(store().insertMetrics(points)).as("points reported written").isEqualTo(points.size());
        model.insertMetrics(points);
    }

    protected void upsertCandles(List<Candle> candles) {
        store().upsertCandles(candles);
        model.upsertCandles(candles);
    }

    protected void upsertPerformance(List<PerformanceSnapshot> snapshots) {
        store().upsertPerformance(snapshots);
        model.upsertPerformance(snapshots);
    }

    protected static Instant at(String isoInstant) {
        return Instant.parse(isoInstant);
    }
}
