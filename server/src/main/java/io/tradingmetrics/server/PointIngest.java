package io.tradingmetrics.server;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.writer.BufferFullException;
import io.tradingmetrics.writer.MetricsWriter;
import io.tradingmetrics.writer.MetricsWriterException;
import io.tradingmetrics.writer.OverflowPolicy;
import io.tradingmetrics.writer.WriterClosedException;
import io.tradingmetrics.writer.WriterSettings;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Puts posted points into the server's {@link MetricsWriter}. A request's points are taken all together or not at
 * all while the buffer has room for them (requests take turns, and the writer's flusher only makes room), so that a
 * 503 normally means "nothing of this body was taken: send it again". Only when the buffer's byte limit is reached
 * part way can some of the points have been taken; the answer then says how many, in order, so that the producer
 * sends the rest and nothing is stored twice.
 */
final class PointIngest {
    private final MetricsWriter writer;
    private final WriterSettings settings;
    private final Duration syncTimeout;

    /** What became of a request's points. */
    sealed interface Outcome {
        /** Every point is in the writer's buffer; {@code stored} when a sync write saw them stored. */
        record Taken(int points, boolean stored) implements Outcome {}

        /** The buffer is full: the first {@code taken} points were taken (normally none), the rest not. */
        record Full(int taken, int points, String why) implements Outcome {}

        /** A sync write's flush reported that rows written before it were dropped instead of stored. */
        record Dropped(int points, String why) implements Outcome {}
    }

    PointIngest(MetricsWriter writer, WriterSettings settings, Duration syncTimeout) {
        this.writer = requireNonNull(writer, "writer is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.syncTimeout = requireNonNull(syncTimeout, "syncTimeout is null");
        requireAcknowledgingPolicy(settings.overflowPolicy());
    }

    /**
     * A dropping policy would drop points the server has acknowledged (or the one it is acknowledging) and answer
     * 202 all the same: the server needs a writer that refuses what does not fit.
     */
    static void requireAcknowledgingPolicy(OverflowPolicy policy) {
        if (policy == OverflowPolicy.DROP_NEWEST || policy == OverflowPolicy.DROP_OLDEST) {
            throw new StoreConfigException("metrics.writer.overflow.policy = " + policy.name().toLowerCase()
                    .replace('_', '-') + " would drop points the server has acknowledged; the server needs block"
                    + " or fail (a full buffer then answers 503 and the producer sends again)");
        }
    }

    Outcome write(List<MetricPoint> points, boolean sync) {
        if (points.size() > settings.maxBufferedRows()) {
            // It could never be taken whole: say so instead of taking part of it.
            throw new ApiException(413, java.util.Optional.empty(), "the body holds " + points.size()
                    + " points, more than the server's write buffer takes at once (metrics.writer.buffer.max-rows = "
                    + settings.maxBufferedRows() + ")", "split it into requests of at most "
                    + settings.maxBufferedRows() + " points");
        }
        int taken = 0;
        synchronized (this) {
            int room = settings.maxBufferedRows() - writer.stats().bufferedRows();
            if (points.size() > room && room < settings.maxBufferedRows()) {
                return new Outcome.Full(0, points.size(), "the writer's buffer holds "
                        + (settings.maxBufferedRows() - room) + " of at most " + settings.maxBufferedRows()
                        + " rows; this body has " + points.size());
            }
            try {
                for (MetricPoint point : points) {
                    writer.write(point);
                    taken++;
                }
            } catch (BufferFullException | WriterClosedException e) {
                return new Outcome.Full(taken, points.size(), e.getMessage());
            }
        }
        if (!sync) {
            return new Outcome.Taken(points.size(), false);
        }
        try {
            return new Outcome.Taken(points.size(), writer.flush(syncTimeout));
        } catch (MetricsWriterException e) {
            return new Outcome.Dropped(points.size(), e.getMessage());
        }
    }

    Duration syncTimeout() {
        return syncTimeout;
    }
}
