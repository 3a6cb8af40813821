package io.tradingmetrics.storage.tck.postgres;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The process of a test server that {@code scripts/test-db.sh} started, from the state it keeps in
 * {@code $METRICS_TESTDB_STATE/<name>.state}: stopped and started with {@code pg_ctl} (as user postgres, inside the
 * Debian root for the TimescaleDB server), killed with SIGKILL as in a crash, or frozen with SIGSTOP and thawed with
 * SIGCONT, postmaster and backends alike, as a server that stops answering without closing its connections. Needs
 * root, as the script does.
 */
public final class LocalServer {
    private static final long TIMEOUT_SECONDS = 90;

    private final String name;
    private final String root;
    private final String bin;
    private final String data;
    private final String port;

    private LocalServer(String name, String root, String bin, String data, String port) {
        this.name = requireNonNull(name, "name is null");
        this.root = requireNonNull(root, "root is null");
        this.bin = requireNonNull(bin, "bin is null");
        this.data = requireNonNull(data, "data is null");
        this.port = requireNonNull(port, "port is null");
    }

    /**
     * @throws IllegalStateException when the state directory does not describe the server of the test's URL
     * @throws org.opentest4j.TestAbortedException when that server is external (its URL was given to
     *         {@code scripts/test-db.sh}): it is not the tests' to stop
     */
    static LocalServer of(PostgresTestServer server) {
        String url = server.url();
        String stateDir = System.getenv("METRICS_TESTDB_STATE");
        Path file = stateDir == null ? null : Path.of(stateDir, server.stateName() + ".state");
        if (file == null || !Files.exists(file)) {
            throw new IllegalStateException("METRICS_TESTDB_STATE does not name the state of running test servers"
                    + " (no " + server.stateName() + ".state): run the tests through scripts/test.sh, or export"
                    + " METRICS_TESTDB_STATE=<dir> before scripts/test-db.sh start");
        }
        Map<String, String> state = read(file);
        Assumptions.assumeFalse(state.containsKey("EXTERNAL"), "the " + server.stateName() + " server is external ("
                + server.variable() + " was given to scripts/test-db.sh): it is not ours to stop");
        String port = state.getOrDefault("PORT", "");
        if (port.isEmpty() || !url.contains(":" + port + "/")) {
            throw new IllegalStateException(file + " describes a server on port " + port + ", not the one of "
                    + server.variable() + " (" + url + "): source the env file of the same METRICS_TESTDB_STATE");
        }
        return new LocalServer(server.stateName(), state.getOrDefault("SROOT", ""), state.get("BIN"),
                state.get("DATA"), port);
    }

    /** Lines {@code KEY=value} as the script writes them, the value quoted as bash's {@code printf %q} does. */
    private static Map<String, String> read(Path file) {
        Map<String, String> state = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    state.put(line.substring(0, equals), unquote(line.substring(equals + 1)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return state;
    }

    private static String unquote(String quoted) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                value.append(quoted.charAt(++i));
            } else if (c == '\'') {
                int end = quoted.indexOf('\'', i + 1);
                value.append(quoted, i + 1, end < 0 ? quoted.length() : end);
                i = end < 0 ? quoted.length() : end;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    /** @return the TCP port the server listens on */
    public String port() {
        return port;
    }

    /** Stops the server (fast shutdown: sessions are cut) and waits until it is down. */
    public void stop() {
        pgCtl("-m fast stop");
    }

    /** Starts the server again on its port and waits until it accepts connections. */
    public void start() {
        pgCtl("-l " + data + "/server.log -o '-p " + port + "' start");
    }

    /**
     * Kills the postmaster and every backend with SIGKILL, as a crash or the kernel's out-of-memory killer would, and
     * waits until the port is closed; {@link #start()} then runs crash recovery.
     */
    public void kill() {
        List<Long> processes = processes();
        signal("KILL", processes);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        // Gone means reaped: PostgreSQL refuses to start while the old postmaster's pid still exists, even a zombie.
        while (listening() || processes.stream().anyMatch(pid -> ProcessHandle.of(pid).isPresent())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + name + " server's processes " + processes + " are still"
                        + " there " + TIMEOUT_SECONDS + " s after SIGKILL");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the " + name + " server to die", e);
            }
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the postmaster, then its backends and helper processes */
    private List<Long> processes() {
        long postmaster = postmasterPid();
        List<Long> processes = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(child -> processes.add(child.pid())));
        return processes;
    }

    /**
     * Freezes the postmaster and every backend: connections stay open and nothing answers, as with a server whose
     * machine hangs. Close the result to thaw them; a server left frozen would hang every later test.
     *
     * @return the frozen server, thawed by {@link Frozen#close()}
     */
    public Frozen freeze() {
        // The postmaster first, so that it forks no new backend after the others are listed.
        signal("STOP", List.of(postmasterPid()));
        List<Long> processes = processes();
        signal("STOP", processes);
        return new Frozen(processes);
    }

    /** A frozen server; closing it sends SIGCONT to every process that was frozen. */
    public final class Frozen implements AutoCloseable {
        private final List<Long> processes;

        private Frozen(List<Long> processes) {
            this.processes = List.copyOf(processes);
        }

        @Override
        public void close() {
            signal("CONT", processes);
        }
    }

    private long postmasterPid() {
        Path pidFile = Path.of(root + data, "postmaster.pid");
        try {
            return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the " + name + " server is not running (no readable " + pidFile + ")", e);
        }
    }

    private void signal(String signal, List<Long> pids) {
        // A backend may exit between listing and signalling (kill then says "No such process"): that one needs no
        // signal, so each process is signalled on its own and only a live one that refuses the signal fails.
        for (long pid : pids) {
            try {
                run(List.of("kill", "-" + signal, Long.toString(pid)), "kill -" + signal + " " + pid);
            } catch (IllegalStateException e) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                        && !String.valueOf(e.getMessage()).contains("No such process")) {
                    throw e;
                }
            }
        }
    }

    private void pgCtl(String arguments) {
        String script = "cd / && " + bin + "/pg_ctl -D " + data + " -w -t 60 " + arguments;
        List<String> command = root.isEmpty()
                ? List.of("runuser", "-u", "postgres", "--", "env", "-i", "PATH=/usr/bin:/bin", "LC_ALL=C",
                "/bin/bash", "-c", script)
                : List.of("chroot", root, "/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "LC_ALL=C", "su", "postgres",
                "-s", "/bin/bash", "-c", script);
        run(command, "pg_ctl " + arguments + " of the " + name + " server");
    }

    private static void run(List<String> command, String what) {
        try {
            Path output = Files.createTempFile("local-server", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(what + " did not finish in " + TIMEOUT_SECONDS + " s: "
                            + Files.readString(output));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(what + " failed with exit code " + process.exitValue() + ": "
                            + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(what + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }
}
