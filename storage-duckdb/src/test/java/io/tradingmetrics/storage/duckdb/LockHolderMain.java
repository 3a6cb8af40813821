package io.tradingmetrics.storage.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * Run as a separate process by {@link FileLockTest}: opens a DuckDB file (read-only when the second argument says
 * so), prints {@code LOCKED}, and holds the file until its standard input closes.
 */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        if (args.length > 1 && args[1].equals("read-only")) {
            properties.setProperty("duckdb.read_only", "true");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0], properties)) {
            System.out.println(connection.isClosed() ? "CLOSED" : "LOCKED");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold the file until the parent closes our input or ends us.
            }
        }
    }
}
