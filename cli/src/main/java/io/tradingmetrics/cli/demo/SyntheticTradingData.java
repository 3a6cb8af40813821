package io.tradingmetrics.cli.demo;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/**
 * Realistic synthetic trading data, produced lazily in batches so that memory stays bounded whatever the size.
 *
 * <p>Per symbol, a geometric random walk of the price is stepped every few seconds (at most 5 s); at regular
 * ticks it yields the points {@code price}, {@code volume} (label venue), {@code spread_bps} (venue),
 * {@code order_latency_ms} (venue, strategy, side) and {@code fill_ratio} (strategy, side); every minute it yields
 * a 1-minute candle built from the same walk. Each tick also yields {@code system.cpu_percent} and
 * {@code system.memory_mb} for two hosts (label host), points without symbol. Every 5 minutes the portfolio is
 * snapshotted. Ticks are spread evenly so that exactly {@link DemoSettings#points()} points fill the window.
 *
 * <p>The same settings give the same rows, batch for batch.
 */
public final class SyntheticTradingData implements Iterable<DemoBatch> {
    private static final long MINUTE_MICROS = 60_000_000L;
    private static final long MAX_WALK_STEP_MICROS = 5_000_000L;
    private static final long SNAPSHOT_MICROS = DemoSettings.SNAPSHOT_EVERY.toSeconds() * 1_000_000L;
    private static final List<Map<String, String>> HOSTS = List.of(Map.of("host", "app-1"), Map.of("host", "app-2"));

    private final DemoSettings settings;

    public SyntheticTradingData(DemoSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    public DemoSettings settings() {
        return settings;
    }

    /** @return how many points one tick yields: five per symbol and two per host */
    public int pointsPerTick() {
        return pointsPerTick(settings.symbols().size());
    }

    /** @return how many points one tick of that many symbols yields */
    public static int pointsPerTick(int symbols) {
        return SymbolWalk.pointsPerTick() * symbols + 2 * HOSTS.size();
    }

    /** @return a fresh pass over the data, from the start */
    @Override
    public Iterator<DemoBatch> iterator() {
        return new Generator();
    }

    private final class Generator implements Iterator<DemoBatch> {
        private final SplittableRandom random = new SplittableRandom(settings.seed());
        private final List<SymbolWalk> walks = new ArrayList<>();
        private final PortfolioWalk portfolio = new PortfolioWalk();
        private final long startMicros = Timestamps.toEpochMicros(settings.start());
        private final long walkStepMicros;
        private final long stepsPerTick;
        private final long totalSteps;
        private long step;
        private long pointsEmitted;
        private long openMinute = Long.MIN_VALUE;
        private boolean finished;

        Generator() {
            long windowMicros = settings.window().toSeconds() * 1_000_000L;
            long ticks = (settings.points() + pointsPerTick() - 1) / pointsPerTick();
            long tickMicros = windowMicros / ticks;
            if (tickMicros < 1) {
                throw new IllegalArgumentException(settings.points() + " points do not fit in " + settings.window()
                        + "; give fewer points or more days");
            }
            stepsPerTick = (tickMicros + MAX_WALK_STEP_MICROS - 1) / MAX_WALK_STEP_MICROS;
            long step = Math.max(1, tickMicros / stepsPerTick);
            // Whole milliseconds when possible, so that timestamps read well.
            walkStepMicros = step >= 1_000 ? step - step % 1_000 : step;
            totalSteps = (windowMicros + walkStepMicros - 1) / walkStepMicros;
            for (DemoSymbol symbol : settings.symbols()) {
                walks.add(new SymbolWalk(symbol, walkStepMicros / 1e6));
            }
        }

        @Override
        public boolean hasNext() {
            return !finished;
        }

        @Override
        public DemoBatch next() {
            if (finished) {
                throw new NoSuchElementException("the data is complete");
            }
            List<MetricPoint> points = new ArrayList<>(Math.min(settings.batchSize() + pointsPerTick(), 1 << 20));
            List<Candle> candles = new ArrayList<>();
            List<PerformanceSnapshot> snapshots = new ArrayList<>();
            int limit = settings.batchSize();
            while (step < totalSteps && points.size() < limit && candles.size() < limit && snapshots.size() < limit) {
                long at = startMicros + step * walkStepMicros;
                long minute = Math.floorDiv(at, MINUTE_MICROS) * MINUTE_MICROS;
                if (minute != openMinute) {
                    closeCandles(candles);
                    openMinute = minute;
                    if ((minute - startMicros) % SNAPSHOT_MICROS == 0) {
                        snapshots.add(portfolio.snapshot(Timestamps.fromEpochMicros(minute), random));
                    }
                }
                for (SymbolWalk walk : walks) {
                    walk.step(random);
                }
                if (step % stepsPerTick == 0 && pointsEmitted < settings.points()) {
                    pointsEmitted += tick(at, points);
                }
                step++;
            }
            if (step == totalSteps) {
                closeCandles(candles);
                finished = true;
            }
            return new DemoBatch(points, candles, snapshots);
        }

        private long tick(long atMicros, List<MetricPoint> out) {
            Instant at = Timestamps.fromEpochMicros(atMicros);
            long added = 0;
            for (SymbolWalk walk : walks) {
                added += walk.tick(at, random, out, settings.points() - pointsEmitted - added);
            }
            double dayFraction = Math.floorMod(atMicros, 86_400_000_000L) / 86_400_000_000.0;
            double minutes = (atMicros - startMicros) / 60e6;
            for (int h = 0; h < HOSTS.size() && pointsEmitted + added < settings.points(); h++) {
                // A daily load cycle on the CPU; memory that creeps up and drops at each restart.
                double cpu = 35 + 10 * h + 20 * Math.sin(2 * Math.PI * dayFraction) + 4 * random.nextGaussian();
                out.add(new MetricPoint(at, "system.cpu_percent", Math.round(Math.min(100, Math.max(1, cpu)) * 10)
                        / 10.0, Optional.empty(), HOSTS.get(h)));
                added++;
                if (pointsEmitted + added < settings.points()) {
                    double memory = 2_048 + (minutes * (1.3 + 0.2 * h)) % 3_000 + 20 * random.nextGaussian();
                    out.add(new MetricPoint(at, "system.memory_mb", Math.round(memory * 10) / 10.0,
                            Optional.empty(), HOSTS.get(h)));
                    added++;
                }
            }
            return added;
        }

        private void closeCandles(List<Candle> out) {
            if (openMinute == Long.MIN_VALUE) {
                return;
            }
            for (SymbolWalk walk : walks) {
                walk.closeCandle(Timestamps.fromEpochMicros(openMinute)).ifPresent(out::add);
            }
        }
    }
}
