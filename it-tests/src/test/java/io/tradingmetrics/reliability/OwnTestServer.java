package io.tradingmetrics.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TimescaleDB server that {@code scripts/test-db.sh} started for this run, found through
 * {@code $METRICS_TESTDB_STATE/timescale.state}, to be frozen (SIGSTOP of the postmaster and every backend) and
 * thawed, or to have a backend killed. It refuses to touch a server that is not the one under test: an external one,
 * or one on another port than {@code METRICS_IT_TIMESCALE_URL}'s, so that only this run's own server is ever signalled.
 */
final class OwnTestServer {
    private final long postmaster;

    private OwnTestServer(long postmaster) {
        this.postmaster = postmaster;
    }

    static OwnTestServer timescale() throws IOException {
        String stateDir = System.getenv("METRICS_TESTDB_STATE");
        Path stateFile = stateDir == null ? null : Path.of(stateDir, "timescale.state");
        if (stateFile == null || !Files.exists(stateFile)) {
            throw new AssertionError("METRICS_TESTDB_STATE does not name the state of running test servers: run the"
                    + " tests through scripts/test.sh, or export METRICS_TESTDB_STATE=<dir> before"
                    + " scripts/test-db.sh start");
        }
        Map<String, String> state = new HashMap<>();
        for (String line : Files.readAllLines(stateFile)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                state.put(line.substring(0, equals), line.substring(equals + 1).replace("\\", ""));
            }
        }
        assertThat(state).as("an external server is not ours to stop").doesNotContainKey("EXTERNAL");
        assertThat(ReliabilityStores.timescaleUrl()).as("the state describes the server under test")
                .contains(":" + state.get("PORT") + "/");
        long pid = Long.parseLong(state.get("PID"));
        assertThat(ProcessHandle.of(pid)).as("postmaster %s of the state is alive", pid).isPresent();
        return new OwnTestServer(pid);
    }

    /** Stops the postmaster and every backend (SIGSTOP): connections stay open, nothing answers. */
    void freeze() throws Exception {
        signal("STOP", processes());
    }

    /** Lets them run again (SIGCONT). */
    void thaw() throws Exception {
        signal("CONT", processes());
    }

    /** Kills one backend with SIGKILL: the postmaster then ends every backend and recovers, as after a crash. */
    void crashBackend(long backendPid) throws Exception {
        assertThat(ProcessHandle.of(backendPid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                .as("backend %s belongs to our server", backendPid).contains(postmaster);
        signal("KILL", List.of(backendPid));
    }

    private List<Long> processes() {
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    private void signal(String signal, List<Long> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // A backend may exit between listing and signalling (kill then exits 1): the postmaster must still be there.
        assertThat(ProcessHandle.of(postmaster)).as("postmaster").isPresent();
    }
}
