package io.tradingmetrics.storage.tck.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash tests at every step of some work: runs a child JVM once per step (1, 2, 3, ...) with a system property that a
 * hook inside the work turns into an immediate halt right after that step (as kill -9: no shutdown hook, no close),
 * and checks what is left after each, until a run completes without reaching its step.
 */
public final class HaltPoints {
    private static final long CHILD_TIMEOUT_SECONDS = 120;
    private static final int MAX_STEPS = 100;

    /** One crash experiment: what the child runs, and what must hold after it halted. */
    public interface Experiment {
        /** @return the child's main class and arguments, for a fresh target (a new file, a new schema) */
        List<String> childCommand() throws Exception;

        /** Checks the target of the latest {@link #childCommand()} after the child halted at {@code point}. */
        void checkAfterHalt(String point) throws Exception;
    }

    private HaltPoints() {}

    /**
     * @param property the system property the hook reads
     * @param haltStatus the exit status of a halted child
     * @return the points at which a child halted, in order
     */
    public static List<String> haltAtEach(String property, int haltStatus, Experiment experiment) throws Exception {
        requireNonNull(experiment, "experiment is null");
        List<String> halted = new ArrayList<>();
        for (int step = 1; step <= MAX_STEPS; step++) {
            String point = "after durable step " + step;
            Result result = run(property + "=" + step, experiment.childCommand());
            if (result.status() == 0) {
                return halted;
            }
            assertThat(result.status()).as("exit status of the child halted %s; its output:%n%s", point,
                    result.output()).isEqualTo(haltStatus);
            halted.add(point);
            experiment.checkAfterHalt(point);
        }
        throw new AssertionError("the work still had steps after " + MAX_STEPS);
    }

    private record Result(int status, String output) {}

    private static Result run(String property, List<String> command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + property, "-cp", System.getProperty("java.class.path")));
        line.addAll(command);
        Path output = Files.createTempFile("halted-child", ".log");
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the child " + command + " with " + property + " did not end");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
