package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A hold is refused while its holder lives and taken over once the holder was killed with kill -9. */
class SecondaryHoldTest {
    @TempDir
    Path folder;

    @Test
    void aHoldLeftByAKilledProcessIsTakenOverByTheNextAcquire() throws Exception {
        Path outbox = folder.resolve("outbox");
        try (ChildJvm holder = ChildJvm.start(HoldMain.class, outbox.toString())) {
            holder.awaitLine("HELD"::equals);
            assertThatThrownBy(() -> SecondaryHold.acquire(outbox, "second", Duration.ofSeconds(1)))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("already held")
                    .hasMessageContaining("HoldMain");
            holder.kill9();
        }
        assertThat(SecondaryHold.describe(outbox)).as("the killed holder's request stays behind")
                .hasValueSatisfying(d -> assertThat(d).contains("HoldMain"));
        try (SecondaryHold hold = SecondaryHold.acquire(outbox, "resumed", Duration.ofSeconds(1))) {
            assertThat(SecondaryHold.describe(outbox)).hasValueSatisfying(d -> assertThat(d).startsWith("resumed"));
            assertThatThrownBy(() -> SecondaryHold.acquire(outbox, "third", Duration.ofSeconds(1)))
                    .as("held in this JVM").isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(SecondaryHold.describe(outbox)).isEmpty();
        assertThat(Files.exists(outbox.resolve(SecondaryHold.REQUEST))).isFalse();
    }
}
