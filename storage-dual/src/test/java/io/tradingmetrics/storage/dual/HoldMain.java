package io.tradingmetrics.storage.dual;

import java.nio.file.Path;
import java.time.Duration;

/** Child process: holds the secondary of the dual store in {@code args[0]}, prints {@code HELD}, until killed. */
public final class HoldMain {
    private HoldMain() {}

    public static void main(String[] args) throws Exception {
        try (SecondaryHold hold = SecondaryHold.acquire(Path.of(args[0]), "HoldMain (pid "
                + ProcessHandle.current().pid() + ")", Duration.ofSeconds(30))) {
            System.out.println("HELD");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold it
            }
        }
    }
}
