package io.tradingmetrics.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tradingmetrics.writer.MetricsWriter;
import io.tradingmetrics.writer.WriterStats;

import java.util.List;
import java.util.function.ToDoubleFunction;

import static java.util.Objects.requireNonNull;

/**
 * A writer's own meters, tagged {@code writer}: {@code metrics.writer.buffered.rows} and
 * {@code metrics.writer.buffered.bytes} (gauges), and the counters {@code metrics.writer.rows} with
 * {@code result} = accepted|stored|dropped|refused, {@code metrics.writer.batches} and
 * {@code metrics.writer.retries}.
 */
public final class WriterMetrics implements MeterBinder {
    private final MetricsWriter writer;
    private final String name;

    public WriterMetrics(MetricsWriter writer, String name) {
        this.writer = requireNonNull(writer, "writer is null");
        this.name = requireNonNull(name, "name is null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        List<Tag> tags = List.of(Tag.of("writer", name));
        gauge(registry, "metrics.writer.buffered.rows", tags, stats -> stats.bufferedRows());
        gauge(registry, "metrics.writer.buffered.bytes", tags, stats -> stats.bufferedBytes());
        counter(registry, "metrics.writer.rows", tags, "accepted", WriterStats::accepted);
        counter(registry, "metrics.writer.rows", tags, "stored", WriterStats::stored);
        counter(registry, "metrics.writer.rows", tags, "dropped", WriterStats::dropped);
        counter(registry, "metrics.writer.rows", tags, "refused", WriterStats::refused);
        FunctionCounter.builder("metrics.writer.batches", writer, w -> w.stats().batches()).tags(tags)
                .register(registry);
        FunctionCounter.builder("metrics.writer.retries", writer, w -> w.stats().retries()).tags(tags)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String meter, List<Tag> tags, ToDoubleFunction<WriterStats> value) {
        Gauge.builder(meter, writer, w -> value.applyAsDouble(w.stats())).tags(tags).register(registry);
    }

    private void counter(MeterRegistry registry, String meter, List<Tag> tags, String result,
                         ToDoubleFunction<WriterStats> value) {
        FunctionCounter.builder(meter, writer, w -> value.applyAsDouble(w.stats())).tags(tags).tag("result", result)
                .register(registry);
    }
}
