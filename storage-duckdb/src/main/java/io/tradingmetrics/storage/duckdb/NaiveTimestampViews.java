package io.tradingmetrics.storage.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a file whose tables still have the older system's naive timestamps (not adopted, or adopted but not yet
 * upgraded) without changing it: each session gets temporary views of those tables, shadowing them, that read the
 * timestamps as UTC, as the upgrade script converts them. Temporary views live in the session's memory only, so
 * they work on a file opened read-only.
 */
final class NaiveTimestampViews {
    private NaiveTimestampViews() {}

    /** @return the statements that create the views, none when every table has time-zone timestamps */
    static List<String> statements(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        String database;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT current_database()")) {
                row.next();
                database = row.getString(1);
            }
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND column_name = 'timestamp'"
                    + " AND data_type = 'TIMESTAMP' AND table_name IN ('trading_metrics', 'candles',"
                    + " 'performance_history') ORDER BY table_name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        List<String> statements = new ArrayList<>();
        for (String table : tables) {
            statements.add("CREATE OR REPLACE TEMP VIEW " + table + " AS SELECT * REPLACE (timezone('UTC', timestamp)"
                    + " AS timestamp) FROM " + quote(database) + ".main." + table);
        }
        return statements;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
