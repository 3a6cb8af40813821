package io.tradingmetrics.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchesTest {
    @Test
    @DisplayName("a key repeated in a batch keeps its last element, in first-seen order")
    void lastWins() {
        List<String> deduped = Batches.lastWins(List.of("a1", "b1", "a2", "c1", "b2"), s -> s.charAt(0));
        assertThat(deduped).containsExactly("a2", "b2", "c1");
    }
}
