package io.tradingmetrics.storage.timescale;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test server that {@code scripts/test-db.sh} started, to stop and start under a live store: its data directory,
 * port, binaries and chroot (TimescaleDB runs in a Debian root of its own) from
 * {@code $METRICS_TESTDB_STATE/<name>.state}.
 *
 * @param root the chroot, empty for the host
 */
record LocalServer(String root, String bin, String data, String port) {

    /** @param name {@code postgres} or {@code timescale}, as the state file is named */
    static LocalServer fromState(String name, String url) throws IOException {
        String stateDir = System.getenv("METRICS_TESTDB_STATE");
        Path stateFile = stateDir == null ? null : Path.of(stateDir, name + ".state");
        if (stateFile == null || !Files.exists(stateFile)) {
            throw new IllegalStateException("METRICS_TESTDB_STATE does not name the state of running test servers:"
                    + " run the tests through scripts/test.sh, or export METRICS_TESTDB_STATE=<dir> before"
                    + " scripts/test-db.sh start");
        }
        Map<String, String> state = new HashMap<>();
        for (String line : Files.readAllLines(stateFile)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                state.put(line.substring(0, equals), line.substring(equals + 1).replace("\\", "").replace("'", ""));
            }
        }
        Assumptions.assumeFalse(state.containsKey("EXTERNAL"),
                "the " + name + " server is external (its URL was given): it is not ours to restart");
        assertThat(url).as("the state describes the server under test").contains(":" + state.get("PORT") + "/");
        return new LocalServer(state.getOrDefault("SROOT", ""), state.get("BIN"), state.get("DATA"),
                state.get("PORT"));
    }

    void pgCtl(String arguments) throws Exception {
        Path output = Files.createTempFile("pg_ctl", ".log");
        String command = "cd / && " + bin + "/pg_ctl -D " + data + " -w -t 60 " + arguments;
        ProcessBuilder builder = root.isEmpty()
                ? new ProcessBuilder("runuser", "-u", "postgres", "--", "env", "-i", "PATH=/usr/bin:/bin",
                        "LC_ALL=C", "/bin/bash", "-c", command)
                : new ProcessBuilder("chroot", root, "/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "LC_ALL=C",
                        "su", "postgres", "-s", "/bin/bash", "-c", command);
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("pg_ctl %s: %s", arguments, Files.readString(output)).isZero();
        Files.delete(output);
    }

    /** Stops the server cleanly: sessions are ended, nothing committed is lost. */
    void stop() throws Exception {
        pgCtl("-m fast stop");
    }

    /** Stops the server as a crash would (no checkpoint; recovery replays the WAL at the next start). */
    void kill() throws Exception {
        pgCtl("-m immediate stop");
    }

    void start() throws Exception {
        pgCtl("-l " + data + "/server.log -o '-p " + port + "' start");
    }
}
