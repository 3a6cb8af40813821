package io.tradingmetrics.writer;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.tck.postgres.LocalServer;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import io.tradingmetrics.storage.timescale.TimescaleMetricsStoreFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.tradingmetrics.writer.WriterTestStores.point;
import static io.tradingmetrics.writer.WriterTestStores.storedCounts;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("MetricsWriter into TimescaleDB, through a server outage")
class MetricsWriterTimescaleTest {
    private static final int PRODUCERS = 4;

    @Test
    @DisplayName("many producers; the server stopped for ten seconds: writes never fail, nothing lost or doubled")
    void serverOutageLosesNothing() throws Exception {
        LocalServer server = PostgresTestServer.TIMESCALE.local();
        boolean stopped = false;
        AtomicLong retries = new AtomicLong();
        WriterListener listener = new WriterListener() {
            @Override
            public void onRetry(int attempt, Duration wait, RuntimeException cause) {
                retries.incrementAndGet();
            }
        };
        try (TestSchema schema = PostgresTestServer.TIMESCALE.newSchema();
             MetricsStore store = new TimescaleMetricsStoreFactory().create(ConfigFactory.parseMap(
                     schema.settings("timescaledb", "required")))) {
            WriterSettings settings = WriterSettings.defaults().withBatchSize(2_000)
                    .withOverflow(OverflowPolicy.BLOCK, Duration.ofSeconds(30))
                    .withRetry(Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(1));
            MetricsWriter writer = MetricsWriter.create(store, settings, listener);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong written = new AtomicLong();
            ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                futures.add(producers.submit(() -> {
                    // A steady rate, as a trading process records: ~2,000 points a second per thread.
                    for (int i = 0; !stop.get(); i++) {
                        writer.write(point(producer, i));
                        written.incrementAndGet();
                        if (i % 20 == 19) {
                            sleepMillis(10);
                        }
                    }
                }));
            }
            sleepMillis(2_000);
            server.stop();
            stopped = true;
            long writtenWhenStopped = written.get();
            sleepMillis(10_000);
            assertThat(written.get()).as("producers kept writing while the server was down")
                    .isGreaterThan(writtenWhenStopped + 10_000);
            server.start();
            stopped = false;
            sleepMillis(2_000);
            stop.set(true);
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            producers.shutdown();
            writer.close();

            Map<String, Long> counts = storedCounts(store);
            assertThat(retries.get()).as("the outage was noticed and retried").isPositive();
            assertThat(counts).hasSize((int) written.get());
            assertThat(counts.values()).allMatch(count -> count == 1);
            assertThat(writer.stats().dropped()).isZero();
        } finally {
            if (stopped) {
                server.start();
            }
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
