package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.jdbc.RowMappers.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A sequential, ordered {@link Stream} over an open result set that releases its resources when closed. */
final class ResultSetStream {
    private ResultSetStream() {}

    static <T> Stream<T> of(ResultSet rows, RowMapper<T> mapper, Runnable release,
                            Function<SQLException, MetricsStoreException> translate) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable releaseOnce = () -> {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        };
        Spliterator<T> rowsSpliterator = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                if (released.get()) {
                    return false;
                }
                T row;
                try {
                    if (!rows.next()) {
                        // Release as soon as the rows run out, in case the caller forgets to close the stream.
                        releaseOnce.run();
                        return false;
                    }
                    row = mapper.map(rows);
                } catch (SQLException e) {
                    releaseOnce.run();
                    throw translate.apply(e);
                } catch (IllegalArgumentException e) {
                    releaseOnce.run();
                    throw JdbcExecutor.unreadableRow("stream rows", e);
                }
                // The caller's code (forEach, map, ...) runs outside the try: what it throws is its own and reaches
                // it as it is, never reported as a stored row that cannot be read.
                action.accept(row);
                return true;
            }
        };
        return StreamSupport.stream(rowsSpliterator, false).onClose(releaseOnce);
    }
}
