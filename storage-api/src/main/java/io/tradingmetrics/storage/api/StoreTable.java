package io.tradingmetrics.storage.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The tables every store holds, under the names the older system gave them. */
public enum StoreTable {
    TRADING_METRICS("trading_metrics"),
    CANDLES("candles"),
    PERFORMANCE_HISTORY("performance_history");

    private final String tableName;

    StoreTable(String tableName) {
        this.tableName = tableName;
    }

    /** @return the table's name in the database, for example {@code trading_metrics} */
    public String tableName() {
        return tableName;
    }

    /**
     * @return the table of that database name (case-insensitive)
     * @throws InvalidInputException naming the valid names when there is no such table
     */
    public static StoreTable fromName(String name) {
        for (StoreTable table : values()) {
            if (table.tableName.equalsIgnoreCase(name.trim())) {
                return table;
            }
        }
        throw new InvalidInputException("unknown table '" + name + "'; valid tables: "
                + Arrays.stream(values()).map(StoreTable::tableName).collect(Collectors.joining(", ")));
    }
}
