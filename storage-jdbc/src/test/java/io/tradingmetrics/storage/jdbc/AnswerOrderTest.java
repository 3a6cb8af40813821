package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.AggregatedBucket;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerOrderTest {
    @Test
    void symbolsSortByCodePointAsTheDatabasesSortThem() {
        // U+FFFD is one UTF-16 unit above the surrogates of U+1F300; by code point (and in UTF-8) it comes first.
        assertThat("\uFFFD".compareTo("\uD83C\uDF00")).as("String.compareTo gets it wrong").isPositive();
        assertThat(AnswerOrder.compareCodePoints("\uFFFD", "\uD83C\uDF00")).isNegative();

        Random random = new Random(7);
        String[] alphabet = {"a", "B", "\u00E9", "\uE000", "\uFFFD", "\uD83C\uDF00", "\uD800\uDC00", "~"};
        for (int round = 0; round < 1_000; round++) {
            String left = text(random, alphabet);
            String right = text(random, alphabet);
            assertThat(Integer.signum(AnswerOrder.compareCodePoints(left, right)))
                    .as("%s against %s", left, right)
                    .isEqualTo(Integer.signum(Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8),
                            right.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void bucketsWithoutSymbolComeFirstThenBySymbolAndBucket() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Instant t1 = t0.plusSeconds(60);
        List<AggregatedBucket> expected = List.of(bucket(t0, Optional.empty()), bucket(t1, Optional.empty()),
                bucket(t0, Optional.of("")), bucket(t1, Optional.of("")), bucket(t0, Optional.of("BTC")),
                bucket(t1, Optional.of("BTC")), bucket(t0, Optional.of("ETH")));
        List<AggregatedBucket> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(3));

        assertThat(AnswerOrder.sorted(shuffled)).containsExactlyElementsOf(expected);
    }

    private static AggregatedBucket bucket(Instant start, Optional<String> symbol) {
        return new AggregatedBucket(start, symbol, OptionalDouble.of(1), 1);
    }

    private static String text(Random random, String[] alphabet) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }
}
