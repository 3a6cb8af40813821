package io.tradingmetrics.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million points copied and verified in a child JVM whose heap is capped at 256 MB: the copy streams and writes
 * in fixed-size batches, so the heap it needs does not grow with the table. Prints the child's figures (rows/s,
 * heap peak) without asserting on them.
 */
class BoundedMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aMillionPointsCopyAndVerifyWithin256MegabytesOfHeap() throws Exception {
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Duser.timezone=Asia/Kathmandu", "-cp", System.getProperty("java.class.path"),
                MigrationThroughput.class.getName(), "1000000", dir.toString(), "2", "10000", "250000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = child.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        output.lines().filter(l -> l.startsWith("source") || l.startsWith("copy") || l.startsWith("heap")
                || l.startsWith("verify")).forEach(l -> System.out.println("[bounded memory] " + l));
        assertThat(finished).as("the copy did not finish in 10 minutes:%n%s", output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("copy: 1,000,000 rows").contains("verify: match").doesNotContain("OutOfMemory");
    }
}
