package io.tradingmetrics.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Pins the server processes of a database's client connections to one core, so that the three ways of reading
 * (the store's pooled connection, the plain one, the one for SQL by hand) meet the same placement. Unpinned, the
 * scheduler keeps each pair of benchmark thread and server process where it first met: one series' last day at
 * 1M points (33 rows) took about 50 us on a connection whose server process shared the benchmark thread's core and
 * about 85 us on one across cores, for as long as the connections lived, so a ratio of two ways said which
 * connection was lucky. With every server process of the database on the last core the ways' ratio held within 2%
 * run after run (a throwaway probe, 2026-12-07). It works only for a server on this machine that this process may
 * pin (as root, or as the server's user); parallel workers, started per query, are left alone.
 */
final class BackendPinning {
    private final String cpu = Integer.toString(Runtime.getRuntime().availableProcessors() - 1);
    private final List<String> failures = new ArrayList<>();
    private int pinned;

    /**
     * Pins the server process of every client connection to the connection's database, this one's included.
     *
     * @param connection a connection to the database
     */
    void pinAll(Connection connection) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE backend_type = 'client"
                     + " backend' AND datname = current_database()")) {
            while (rows.next()) {
                pids.add(rows.getInt(1));
            }
        }
        for (int pid : pids) {
            pin(pid);
        }
    }

    private void pin(int pid) {
        try {
            Process taskset = new ProcessBuilder("taskset", "-p", "-c", cpu, Integer.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (taskset.waitFor() == 0) {
                pinned++;
            } else if (failures.size() < 3) {
                failures.add("taskset -p -c " + cpu + " " + pid + " exited with " + taskset.exitValue());
            }
        } catch (IOException e) {
            if (failures.size() < 3) {
                failures.add("taskset: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning the server's processes", e);
        }
    }

    /** @return what was pinned, or why not, for the report */
    String describe() {
        if (failures.isEmpty()) {
            return "TimescaleDB's server processes for the connections pinned to core " + cpu + " before each read ("
                    + pinned + " pinnings; BackendPinning: which core a connection's server process ran on, not the"
                    + " SQL, decided reads of 0.05 ms)";
        }
        return "TimescaleDB's server processes could not be pinned (" + String.join("; ", failures) + "), so fast"
                + " reads depend on which core each connection's server process runs on (BackendPinning)";
    }
}
