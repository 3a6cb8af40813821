package io.tradingmetrics.server;

import io.tradingmetrics.config.Suggestions;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The checks the read routes share: a metric name must name a stored metric (a typo must not answer an empty chart),
 * and a time-bucketed request must stay within {@code metrics.server.max-buckets}.
 */
final class ReadChecks {
    /** The span of a range whose {@code from} is not given. */
    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    /** How many known metrics an unknown-metric message lists. */
    private static final int LISTED_METRICS = 20;

    private final ServerResources resources;

    ReadChecks(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
    }

    /** @return the range of the request's {@code from} and {@code to}, by default the last 24 hours */
    TimeRange range(QueryParameters query) {
        return query.range(Instant.now(), DEFAULT_SPAN);
    }

    /**
     * Checked only when a read found nothing, so that the happy path costs no extra query: the metric's newest point
     * is looked up (one series scan), and the store's metric names only to word the error.
     *
     * @throws ApiException naming the parameter when the store holds no point of the metric
     */
    void requireKnownMetric(String parameter, String metric) {
        MetricsStore store = resources.store();
        if (!store.latest(LatestQuery.of(metric)).isEmpty()) {
            return;
        }
        List<String> known = store.latest(LatestQuery.all()).stream().map(MetricPoint::metricName).distinct()
                .sorted().toList();
        String hint = known.isEmpty() ? "the store holds no metric points yet"
                : Suggestions.closest(metric, known).map(s -> "did you mean '" + s + "'? ").orElse("")
                + "stored metrics: " + String.join(", ", known.subList(0, Math.min(known.size(), LISTED_METRICS)))
                + (known.size() > LISTED_METRICS ? " and " + (known.size() - LISTED_METRICS) + " more" : "")
                + " (GET /api/metrics/current lists every series)";
        throw ApiException.badParameter(parameter, "unknown metric '" + metric + "': the store holds no point of it",
                hint);
    }

    /** @throws ApiException when the range holds more buckets of the interval than the server's cap */
    void requireBucketsWithinCap(Interval interval, TimeRange range) {
        long buckets = interval.bucketsIn(range);
        long cap = resources.settings().maxBuckets();
        if (buckets > cap) {
            throw ApiException.badParameter("interval", String.format(Locale.ROOT,
                    "%s to %s by %s is %,d buckets, over the cap of %,d per request (metrics.server.max-buckets)",
                    range.from(), range.to(), interval.label(), buckets, cap),
                    "give a coarser interval or a shorter range (from, to)");
        }
    }
}
