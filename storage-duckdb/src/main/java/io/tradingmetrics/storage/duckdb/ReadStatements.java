package io.tradingmetrics.storage.duckdb;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared reads of one DuckDB session, kept for the next call with the same SQL. DuckDB parses, binds, plans
 * and optimizes a statement when it is prepared, which cost about 0.5 to 1 ms per read on a 10M-point file (a
 * portfolio summary took 2.3 ms prepared anew and 1.1 ms prepared once, one series' last day 5.0 and 3.2 ms:
 * BENCHMARKS.md); executing a kept statement with new parameters still prunes row groups by their values. A
 * statement is taken out while in use, so two uses of one SQL at once get two statements, and the least recently
 * used are closed beyond {@link #MAX_KEPT}. Used by one thread at a time, as its session is.
 */
final class ReadStatements {
    static final int MAX_KEPT = 64;

    private final Map<String, PreparedStatement> kept = new LinkedHashMap<>(16, 0.75f, true);

    /** @return the kept statement of this SQL, taken out, or null */
    synchronized PreparedStatement take(String sql) {
        return kept.remove(sql);
    }

    /** Keeps a statement that ran without error, its parameters cleared; closes it when one is kept already. */
    synchronized void keep(String sql, PreparedStatement statement) {
        try {
            statement.clearParameters();
        } catch (SQLException e) {
            closeQuietly(statement);
            return;
        }
        PreparedStatement previous = kept.put(sql, statement);
        if (previous != null && previous != statement) {
            closeQuietly(previous);
        }
        Iterator<PreparedStatement> oldest = kept.values().iterator();
        while (kept.size() > MAX_KEPT && oldest.hasNext()) {
            closeQuietly(oldest.next());
            oldest.remove();
        }
    }

    /** Closes every kept statement: before its session closes. */
    synchronized void closeAll() {
        kept.values().forEach(ReadStatements::closeQuietly);
        kept.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // Its session goes next or keeps running; a statement that cannot close holds nothing we need.
        }
    }
}
