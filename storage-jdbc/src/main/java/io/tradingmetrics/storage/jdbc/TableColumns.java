package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.StoreTable;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The one catalogue of the store's columns: every read, bulk load, staging table and upsert takes its column list
 * from here, in this order (the row mappers read the same order). The tables keep the older system's columns.
 *
 * @param table the table
 * @param columns its columns, in the order the store reads and writes them
 * @param key the columns of its primary key, empty for a table without one (an upsert replaces rows by the key)
 */
public record TableColumns(StoreTable table, List<Column> columns, List<String> key) {
    /** {@code trading_metrics}: appended, no key. */
    public static final TableColumns METRICS = new TableColumns(StoreTable.TRADING_METRICS, List.of(
            new Column("timestamp", "TIMESTAMPTZ NOT NULL"), new Column("metric_name", "VARCHAR NOT NULL"),
            new Column("value", "DOUBLE PRECISION NOT NULL"), new Column("symbol", "VARCHAR"),
            // Each engine declares its own JSON type in its table; a staging table would hold the text.
            new Column("labels", "VARCHAR")), List.of());
    /** {@code candles}: upserted by (timestamp, symbol). */
    public static final TableColumns CANDLES = new TableColumns(StoreTable.CANDLES, List.of(
            new Column("timestamp", "TIMESTAMPTZ NOT NULL"), new Column("symbol", "VARCHAR NOT NULL"),
            new Column("open", "DOUBLE PRECISION NOT NULL"), new Column("high", "DOUBLE PRECISION NOT NULL"),
            new Column("low", "DOUBLE PRECISION NOT NULL"), new Column("close", "DOUBLE PRECISION NOT NULL"),
            new Column("volume", "BIGINT NOT NULL")), List.of("timestamp", "symbol"));
    /** {@code performance_history}: upserted by timestamp. */
    public static final TableColumns PERFORMANCE = new TableColumns(StoreTable.PERFORMANCE_HISTORY, List.of(
            new Column("timestamp", "TIMESTAMPTZ NOT NULL"), new Column("portfolio_value", "DOUBLE PRECISION NOT NULL"),
            new Column("pnl", "DOUBLE PRECISION NOT NULL"), new Column("sharpe_ratio", "DOUBLE PRECISION"),
            new Column("max_drawdown", "DOUBLE PRECISION"), new Column("win_rate", "DOUBLE PRECISION"),
            new Column("total_trades", "INTEGER")), List.of("timestamp"));

    /**
     * @param name the column's name
     * @param stagingType its type in a staging table, in SQL both engines accept ({@code DOUBLE PRECISION},
     *        {@code TIMESTAMPTZ}), with {@code NOT NULL} where the table has it
     */
    public record Column(String name, String stagingType) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(stagingType, "stagingType is null");
        }
    }

    public TableColumns {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    /** @return the catalogue entry of a table */
    public static TableColumns of(StoreTable table) {
        return switch (requireNonNull(table, "table is null")) {
            case TRADING_METRICS -> METRICS;
            case CANDLES -> CANDLES;
            case PERFORMANCE_HISTORY -> PERFORMANCE;
        };
    }

    /** @return the table's name */
    public String tableName() {
        return table.tableName();
    }

    /** @return the column names, comma separated, for SELECT, INSERT, COPY */
    public String names() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** @return the name of the table's temporary staging table, where upserts load their rows first */
    public String stagingTable() {
        return tableName() + "_staging";
    }

    /** @return the column definitions of the staging table, for {@code CREATE TEMPORARY TABLE name (...)} */
    public String stagingDefinition() {
        return columns.stream().map(c -> c.name() + " " + c.stagingType())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * @return the upsert of every row of the staging table into the table ({@code INSERT ... SELECT ... ORDER BY key
     *         ON CONFLICT ... DO UPDATE}, understood by both engines), replacing every non-key column of a row of the
     *         same key
     * @throws IllegalStateException for a table without a key
     */
    public String upsertFromStaging() {
        if (key.isEmpty()) {
            throw new IllegalStateException(tableName() + " has no key to upsert by");
        }
        String updates = columns.stream().map(Column::name).filter(name -> !key.contains(name))
                .map(name -> name + " = EXCLUDED." + name).collect(Collectors.joining(", "));
        // In key order, so that concurrent upserts of overlapping keys lock rows in the same order and never
        // deadlock one another (PostgreSQL takes the row locks in the order the rows come).
        String keys = String.join(", ", key);
        return "INSERT INTO " + tableName() + " (" + names() + ") SELECT " + names() + " FROM " + stagingTable()
                + " ORDER BY " + keys + " ON CONFLICT (" + keys + ") DO UPDATE SET " + updates;
    }
}
