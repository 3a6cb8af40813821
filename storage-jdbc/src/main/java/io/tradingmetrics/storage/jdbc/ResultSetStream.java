package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.jdbc.RowMappers.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A sequential, ordered {@link Stream} over an open result set that releases its resources when closed, when its
 * rows run out, when the store closes, or when it is dropped unclosed (see {@link OpenStreams}).
 */
final class ResultSetStream {
    private ResultSetStream() {}

    static <T> Stream<T> of(ResultSet rows, RowMapper<T> mapper, OpenStreams.Handle handle,
                            Function<SQLException, MetricsStoreException> translate) {
        // The spliterator, not the Stream, is watched for abandonment: an iterator taken from the stream keeps the
        // spliterator alone reachable.
        Spliterator<T> rowsSpliterator = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                T row;
                handle.lock();
                try {
                    if (handle.isReleased()) {
                        return false;
                    }
                    if (!rows.next()) {
                        // Release as soon as the rows run out, in case the caller forgets to close the stream.
                        handle.close();
                        return false;
                    }
                    row = mapper.map(rows);
                } catch (SQLException e) {
                    handle.throwIfEnded();
                    handle.close();
                    throw translate.apply(e);
                } catch (IllegalArgumentException e) {
                    handle.close();
                    throw JdbcExecutor.unreadableRow("stream rows", e);
                } finally {
                    handle.unlock();
                }
                // Outside the lock: a slow consumer does not hold up closing the store. Outside the try: what the
                // caller's code throws is its own and reaches it as it is, never as an unreadable stored row.
                action.accept(row);
                return true;
            }
        };
        handle.watch(rowsSpliterator);
        return StreamSupport.stream(rowsSpliterator, false).onClose(handle::close);
    }
}
