package io.tradingmetrics.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.writer.MetricsWriter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A Micrometer registry that publishes every meter into a {@code MetricsStore} through a {@link MetricsWriter} at
 * each step, so that an app's own meters land beside its trading metrics. One meter gives one or more points, all
 * at the step's wall-clock time:
 * <ul>
 *   <li>counter, function counter: {@code <name>} = the step's count;</li>
 *   <li>gauge, time gauge: {@code <name>} = the value (time gauges in seconds);</li>
 *   <li>timer, function timer: {@code <name>_count}, {@code <name>_sum} and (timers) {@code <name>_max}, in
 *       seconds; each configured percentile as {@code <name>_percentile} with the label {@code phi}, and each
 *       histogram bucket as {@code <name>_histogram} with the label {@code le} (Micrometer's gauges for them);</li>
 *   <li>distribution summary: the same as a timer, in the summary's own unit;</li>
 *   <li>long task timer: {@code <name>_active_count}, {@code <name>_duration_sum}, {@code <name>_max};</li>
 *   <li>any other meter: {@code <name>_<statistic>} per measurement.</li>
 * </ul>
 * Names follow the registry's naming convention (snake case by default); tags become labels, except the
 * configured symbol tag, whose value is the point's symbol. NaN values (a gauge whose object is gone) are skipped.
 * Closing the registry publishes the last, partial step and flushes the writer, so a short-lived process loses
 * nothing; the writer stays the caller's to close.
 */
public final class StoreMeterRegistry extends StepMeterRegistry {
    private final StoreRegistryConfig config;
    private final MetricsWriter writer;

    public StoreMeterRegistry(StoreRegistryConfig config, Clock clock, MetricsWriter writer) {
        super(requireNonNull(config, "config is null"), requireNonNull(clock, "clock is null"));
        config.requireValid();
        this.config = config;
        this.writer = requireNonNull(writer, "writer is null");
        config().namingConvention(NamingConvention.snakeCase);
        start(new NamedThreadFactory("metrics-store-registry"));
    }

    @Override
    protected void publish() {
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        List<MetricPoint> points = new ArrayList<>();
        for (Meter meter : getMeters()) {
            meter.use(
                    gauge -> add(points, now, gauge, "", gauge.value()),
                    counter -> add(points, now, counter, "", counter.count()),
                    timer -> addDistribution(points, now, timer, timer.takeSnapshot()),
                    summary -> addDistribution(points, now, summary, summary.takeSnapshot()),
                    longTaskTimer -> addLongTaskTimer(points, now, longTaskTimer),
                    timeGauge -> add(points, now, timeGauge, "", timeGauge.value(getBaseTimeUnit())),
                    functionCounter -> add(points, now, functionCounter, "", functionCounter.count()),
                    functionTimer -> addFunctionTimer(points, now, functionTimer),
                    other -> addMeasurements(points, now, other));
        }
        writer.write(points);
    }

    private void addDistribution(List<MetricPoint> points, Instant now, Meter meter, HistogramSnapshot snapshot) {
        boolean timer = meter instanceof Timer;
        add(points, now, meter, "_count", snapshot.count());
        add(points, now, meter, "_sum", timer ? snapshot.total(getBaseTimeUnit()) : snapshot.total());
        add(points, now, meter, "_max", timer ? snapshot.max(getBaseTimeUnit()) : snapshot.max());
        // Percentiles and histogram buckets arrive as gauges of their own, which the step registry registers.
    }

    private void addLongTaskTimer(List<MetricPoint> points, Instant now, LongTaskTimer timer) {
        add(points, now, timer, "_active_count", timer.activeTasks());
        add(points, now, timer, "_duration_sum", timer.duration(getBaseTimeUnit()));
        add(points, now, timer, "_max", timer.max(getBaseTimeUnit()));
    }

    private void addFunctionTimer(List<MetricPoint> points, Instant now, FunctionTimer timer) {
        add(points, now, timer, "_count", timer.count());
        add(points, now, timer, "_sum", timer.totalTime(getBaseTimeUnit()));
    }

    private void addMeasurements(List<MetricPoint> points, Instant now, Meter meter) {
        for (Measurement measurement : meter.measure()) {
            String statistic = measurement.getStatistic().getTagValueRepresentation().toLowerCase(Locale.ROOT);
            add(points, now, meter, "_" + statistic, measurement.getValue());
        }
    }

    private void add(List<MetricPoint> points, Instant now, Meter meter, String suffix, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        Meter.Id id = meter.getId();
        String symbolTag = config.symbolTag();
        Optional<String> symbol = Optional.empty();
        Map<String, String> labels = new HashMap<>();
        for (Tag tag : getConventionTags(id)) {
            if (tag.getKey().equals(config().namingConvention().tagKey(symbolTag))) {
                symbol = Optional.of(tag.getValue());
            } else {
                labels.put(tag.getKey(), tag.getValue());
            }
        }
        points.add(new MetricPoint(now, getConventionName(id) + suffix, value, symbol, labels));
    }

    @Override
    protected TimeUnit getBaseTimeUnit() {
        return TimeUnit.SECONDS;
    }

    /** Publishes the last, partial step and waits until the writer has stored it. */
    @Override
    public void close() {
        super.close();
        writer.flush();
    }
}
