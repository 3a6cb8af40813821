package io.tradingmetrics.maintenance;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbStoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scheduler on a real DuckDB file, its clock injected and moved by the test (no test waits for real time). */
class MaintenanceSchedulerTest {
    private static final Instant FIRST_DUE = Instant.parse("2026-12-02T03:00:00Z");
    private static final MaintenanceSchedule DAILY = new MaintenanceSchedule(Optional.of(LocalTime.of(3, 0)),
            Duration.ofDays(1));
    private static final RetentionPolicy KEEP_TWO_DAYS = RetentionPolicy.keepForever()
            .keeping(StoreTable.TRADING_METRICS, Duration.ofDays(2));
    /** Generous: only a broken scheduler waits this long (the test's clock moves, the real one need not). */
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(FIRST_DUE.minusSeconds(60));
    private final BlockingQueue<MaintenanceRun> runs = new LinkedBlockingQueue<>();
    private final List<String> runThreads = new ArrayList<>();
    private MetricsStore store;
    private MaintenanceScheduler scheduler;

    @BeforeEach
    void openStoreWithThreeDaysOfMinutePoints() {
        store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(dir.resolve("m.duckdb").toString()));
        List<MetricPoint> points = new ArrayList<>();
        for (Instant t = FIRST_DUE.minus(Duration.ofDays(3)); t.isBefore(FIRST_DUE); t = t.plusSeconds(60)) {
            points.add(MetricPoint.of(t, "price", 1.0, "AAPL"));
        }
        store.insertMetrics(points);
    }

    @AfterEach
    void closeAll() {
        if (scheduler != null) {
            scheduler.close();
        }
        store.close();
    }

    private MaintenanceScheduler scheduler(MetricsStore maintained) {
        return scheduler(maintained, DAILY);
    }

    private MaintenanceScheduler scheduler(MetricsStore maintained, MaintenanceSchedule schedule) {
        scheduler = new MaintenanceScheduler(maintained, KEEP_TWO_DAYS, schedule, true, clock, Duration.ofMillis(5),
                run -> {
                    synchronized (runThreads) {
                        runThreads.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon()
                                ? " (daemon)" : ""));
                    }
                    runs.add(run);
                });
        return scheduler;
    }

    private MaintenanceRun nextRun() throws InterruptedException {
        MaintenanceRun run = runs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(run).as("a run within " + WAIT_SECONDS + " s").isNotNull();
        return run;
    }

    private void awaitNextDue(Instant expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!scheduler.nextDue().equals(Optional.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(scheduler.nextDue()).contains(expected);
    }

    private long olderThan(Instant cutoff) {
        return store.count(StoreTable.TRADING_METRICS, TimeRange.of(TimeRange.all().from(), cutoff));
    }

    @Test
    void runsAtTheDueTimeOfItsClockOnItsOwnDaemonThreadAndLogsWhatItRemoved() throws Exception {
        long expected = olderThan(FIRST_DUE.minus(Duration.ofDays(2)));
        scheduler(store).start();
        awaitNextDue(FIRST_DUE);
        assertThat(runs).as("no run before the due time").isEmpty();

        clock.set(FIRST_DUE);
        MaintenanceRun first = nextRun();

        assertThat(first.failed()).as(first.summary()).isFalse();
        assertThat(first.started()).isEqualTo(FIRST_DUE);
        assertThat(first.retention().orElseThrow().rowsRemoved(StoreTable.TRADING_METRICS)).isEqualTo(expected)
                .isPositive();
        assertThat(olderThan(FIRST_DUE.minus(Duration.ofDays(2)))).isZero();
        assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(2 * 24 * 60);
        assertThat(first.optimizeTook()).isPresent();
        assertThat(first.bytesBefore()).isPresent();
        assertThat(first.bytesAfter()).isPresent();
        assertThat(first.summary()).startsWith("retention removed rows: trading_metrics " + expected + " (before "
                + FIRST_DUE.minus(Duration.ofDays(2)) + "), candles 0 (kept forever), performance_history 0 (kept"
                + " forever); optimize ").containsPattern(" \\(([^)]* reclaimed|grew by [^)]*)\\); took ");
        assertThat(runThreads).containsExactly("metrics-maintenance (daemon)");
        awaitNextDue(FIRST_DUE.plus(Duration.ofDays(1)));

        clock.advance(Duration.ofHours(23));
        assertThat(scheduler.runNow().get(WAIT_SECONDS, TimeUnit.SECONDS).failed()).isFalse();
        nextRun();
        assertThat(scheduler.nextDue()).as("a run asked for does not move the schedule")
                .contains(FIRST_DUE.plus(Duration.ofDays(1)));
    }

    @Test
    void runsNeverOverlapAndDueTimesMissedDuringALongRunCoalesceIntoOne() throws Exception {
        AtomicInteger inRetention = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch firstRunEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        scheduler(new ForwardingStore(store, () -> {
            mostAtOnce.accumulateAndGet(inRetention.incrementAndGet(), Math::max);
            firstRunEntered.countDown();
            try {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inRetention.decrementAndGet();
        })).start();
        awaitNextDue(FIRST_DUE);

        clock.set(FIRST_DUE);
        assertThat(firstRunEntered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<MaintenanceRun>> asked = List.of(scheduler.runNow(), scheduler.runNow(),
                scheduler.runNow());
        clock.advance(Duration.ofDays(3)); // three more due times pass while the first run is still in progress
        release.countDown();

        MaintenanceRun first = nextRun();
        MaintenanceRun second = nextRun();
        for (CompletableFuture<MaintenanceRun> run : asked) {
            assertThat(run.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("every request is served by the next run")
                    .isSameAs(second);
        }
        assertThat(mostAtOnce.get()).as("runs in progress at once").isEqualTo(1);
        assertThat(first.started()).isEqualTo(FIRST_DUE);
        awaitNextDue(FIRST_DUE.plus(Duration.ofDays(4)));
        assertThat(runs).as("no burst of the missed due times").isEmpty();
    }

    @Test
    void aFailedRunIsReportedAndTheNextRunTriesAgainOnTheSameThread() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        scheduler(new ForwardingStore(store, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the disk is full");
            }
        }), new MaintenanceSchedule(Optional.of(LocalTime.of(3, 0)), Duration.ofHours(1))).start();
        awaitNextDue(FIRST_DUE);

        clock.set(FIRST_DUE);
        MaintenanceRun failed = nextRun();

        assertThat(failed.failed()).isTrue();
        assertThat(failed.failures()).containsExactly("retention: the disk is full");
        assertThat(failed.optimizeTook()).as("optimize still runs").isPresent();
        assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).as("nothing deleted")
                .isEqualTo(3 * 24 * 60);

        awaitNextDue(FIRST_DUE.plus(Duration.ofHours(1)));
        clock.set(FIRST_DUE.plus(Duration.ofHours(1)));
        MaintenanceRun retried = nextRun();

        assertThat(retried.failed()).as(retried.summary()).isFalse();
        assertThat(retried.retention().orElseThrow().rowsRemoved())
                .isEqualTo(25 * 60); // the day and the hour before now minus the keep of two days
        assertThat(runThreads).containsExactly("metrics-maintenance (daemon)", "metrics-maintenance (daemon)");
    }

    @Test
    void aRunRefusedByAGuardDeletesNothingAndIsReportedAsRefused() throws Exception {
        scheduler(store).start();
        awaitNextDue(FIRST_DUE);

        clock.set(FIRST_DUE.plus(Duration.ofDays(3650))); // the wall clock jumped ten years ahead
        MaintenanceRun run = nextRun();

        assertThat(run.refused()).isTrue();
        assertThat(run.failed()).isFalse();
        assertThat(run.summary()).startsWith("retention REFUSED, removed nothing: the clock reads ");
        assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(3 * 24 * 60);
    }

    @Test
    void closeStopsTheThreadAndAStartedSchedulerCannotBeStartedAgain() throws Exception {
        scheduler(store).start();
        awaitNextDue(FIRST_DUE);
        assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);

        scheduler.close();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("metrics-maintenance");
        assertThatThrownBy(scheduler::runNow).hasMessage("the maintenance scheduler is not running; start it first");
        assertThat(runs).isEmpty();
        scheduler.close(); // idempotent
    }
}
