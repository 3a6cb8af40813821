package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

import java.util.Set;

/**
 * The compatibility kit: the behaviour every {@link MetricsStore} must show, whatever its engine. A store passes the
 * kit by extending this class and saying how to open a fresh, empty store:
 *
 * <pre>{@code
 * class MyStoreCompatibilityTest extends MetricsStoreCompatibilityKit {
 *     private Config database;
 *
 *     protected MetricsStore createStore() {
 *         database = configOfANewEmptyDatabase();
 *         return reopenStore();
 *     }
 *
 *     protected MetricsStore reopenStore() {
 *         return new MyStoreFactory().create(database);
 *     }
 * }
 * }</pre>
 *
 * <p>A store that legitimately lacks a feature says so in {@link #capabilities()}; the contracts then check the
 * fallback instead, so that every test runs for every store.
 *
 * <p>Run it in a JVM whose default time zone is far from UTC (this project's build uses
 * {@code -Duser.timezone=Asia/Kathmandu}): results must not depend on the zone, and only a non-UTC zone shows it.
 *
 * <p>Each concern lives in its own contract class; the nested classes below bind them to the store under test.
 * Every expected result is computed by a reference model from the test's own input. Every store opened for a test
 * is closed when the test ends.
 */
public abstract class MetricsStoreCompatibilityKit {
    private final OpenedStores stores = new OpenedStores(this::createStore, this::reopenStore,
            this::createStoreWithoutRollups, this::capabilities, this::settings);

    /**
     * @return a new store over a fresh, empty database of its own (a new file, a new schema or database); called at
     *         most once per test, and closed by the kit when the test ends
     */
    protected abstract MetricsStore createStore();

    /**
     * Opens the database of the last {@link #createStore()} again (the same file, schema or database), after the
     * kit closed the store on it: what an application does when it restarts. A store without
     * {@link StoreCapability#PERSISTENT} may open a new empty database instead.
     *
     * @return a new store on that database, closed by the kit when the test ends
     */
    protected MetricsStore reopenStore() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " declares the store PERSISTENT but does"
                + " not override reopenStore(): open the last store's database again there, or leave PERSISTENT out"
                + " of capabilities()");
    }

    /**
     * @return a new store over a fresh, empty database of its own, configured to keep no rollups (if the store keeps
     *         any), so that every aggregation reads raw points; called after {@link #createStore()}, at most once
     *         per test, and closed by the kit. By default another {@link #createStore()}: right for a store that
     *         keeps no rollups.
     */
    protected MetricsStore createStoreWithoutRollups() {
        return createStore();
    }

    /**
     * @return what the store can do; every {@link StoreCapability} unless overridden (for example with
     *         {@link StoreCapability#allExcept})
     */
    protected Set<StoreCapability> capabilities() {
        return StoreCapability.all();
    }

    /** @return how large the larger tests run; override to shrink them for a slow store */
    protected KitSettings settings() {
        return KitSettings.defaults();
    }

    /**
     * Called after the test's stores are closed, for clean-up that needs them closed first (for example dropping
     * the test's database); a subclass's own {@code @AfterEach} would run while they are still open.
     */
    protected void afterStoresClosed() {
    }

    @AfterEach
    protected final void closeStores() {
        try {
            stores.closeAll();
        } finally {
            afterStoresClosed();
        }
    }

    @Nested
    @DisplayName("Writes and round trips")
    class Writes extends WritesContract {
        Writes() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Write ids: retries exactly once")
    class WriteIds extends WriteIdContract {
        WriteIds() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Gated writes: the commit waits for the gate")
    class CommitGates extends CommitGateContract {
        CommitGates() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Raw range queries")
    class RangeQueries extends RangeQueryContract {
        RangeQueries() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Aggregations")
    class Aggregations extends AggregationContract {
        Aggregations() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Aggregations with and without rollups, on random data with late points, deletes and retention")
    class Rollups extends RollupContract {
        Rollups() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Bucket alignment of every interval")
    class BucketAlignment extends BucketAlignmentContract {
        BucketAlignment() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Gap filling")
    class GapFilling extends GapFillContract {
        GapFilling() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Latest value per series")
    class Latest extends LatestContract {
        Latest() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Latest value per series under late points, ties, deletes and retention")
    class LatestUnderChanges extends LatestUnderChangesContract {
        LatestUnderChanges() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Candles")
    class Candles extends CandleContract {
        Candles() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Performance snapshots")
    class Performance extends PerformanceContract {
        Performance() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Maintenance: stats, counts, deletes, retention, optimize")
    class Maintenance extends MaintenanceContract {
        Maintenance() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Retention: keeps per table from the clock, guards against a wrong clock, dry runs")
    class Retention extends RetentionContract {
        Retention() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Closing and opening again")
    class Persistence extends PersistenceContract {
        Persistence() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Streaming reads")
    class Streaming extends StreamingContract {
        Streaming() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Edge values: special doubles and timestamps")
    class EdgeValues extends EdgeValuesContract {
        EdgeValues() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Edge values: tricky text in names, symbols and labels")
    class TextValues extends TextValuesContract {
        TextValues() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Limits: sizes of texts and the bucket cap")
    class Limits extends LimitsContract {
        Limits() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Invalid input")
    class InvalidInput extends InvalidInputContract {
        InvalidInput() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Concurrent writers and readers")
    class Concurrency extends ConcurrencyContract {
        Concurrency() {
            super(stores);
        }
    }

    @Nested
    @DisplayName("Health, schema and closing")
    class Health extends HealthContract {
        Health() {
            super(stores);
        }
    }
}
