package io.tradingmetrics.storage.dual;

import java.sql.Connection;
import java.sql.DriverManager;

/** Child process: opens a DuckDB file, prints {@code LOCKED}, and holds its lock until killed or its input closes. */
public final class FileLockMain {
    private FileLockMain() {}

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            System.out.println(connection.isClosed() ? "CLOSED" : "LOCKED");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the file
            }
        }
    }
}
