package io.tradingmetrics.cutover;

import io.tradingmetrics.cli.MetricsCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/metrics} in a child JVM, as an operator runs it next to the app: to completion, or killed midway. */
final class ChildCli {
    /** What a finished command printed and returned. */
    record Result(int exitCode, String output) {}

    private ChildCli() {}

    static Result run(Path dir, String name, String... arguments) throws Exception {
        Process process = start(dir, name, arguments);
        Path log = dir.resolve("cli-" + name + ".log");
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("metrics " + List.of(arguments) + " did not finish in 180 s:\n"
                    + Files.readString(log));
        }
        Result result = new Result(process.exitValue(), Files.readString(log));
        System.out.println("metrics " + List.of(arguments) + " exited " + result.exitCode() + ":\n" + result.output());
        return result;
    }

    /**
     * Runs the command and kills it with SIGKILL as soon as {@code killWhen} holds (polled every 10 ms).
     *
     * @return the output up to the kill
     */
    static String runUntilKilled(Path dir, String name, BooleanSupplier killWhen, String... arguments)
            throws Exception {
        Process process = start(dir, name, arguments);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!killWhen.getAsBoolean()) {
            assertThat(process.isAlive()).as("metrics %s ended before it was killed:%n%s", List.of(arguments),
                    Files.readString(dir.resolve("cli-" + name + ".log"))).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Files.readString(dir.resolve("cli-" + name + ".log"));
    }

    private static Process start(Path dir, String name, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("-Xmx256m", MetricsCli.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(ChildApp.javaCommand(command.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cli-" + name + ".log").toFile()).start();
    }
}
