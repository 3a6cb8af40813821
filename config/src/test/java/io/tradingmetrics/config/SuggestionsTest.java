package io.tradingmetrics.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("path", "threads", "memory-limit", "read-only", "migrate-on-start");

    @Test
    void findsTyposSwapsAndCaseSlips() {
        assertThat(Suggestions.closest("treads", KEYS)).contains("threads");
        assertThat(Suggestions.closest("thraeds", KEYS)).contains("threads");
        assertThat(Suggestions.closest("Path", KEYS)).contains("path");
        assertThat(Suggestions.closest("memory_limit", KEYS)).contains("memory-limit");
        assertThat(Suggestions.closest("duckbd", List.of("duckdb", "timescale"))).contains("duckdb");
    }

    @Test
    void suggestsNothingForUnrelatedNames() {
        assertThat(Suggestions.closest("colour", KEYS)).isEmpty();
        assertThat(Suggestions.closest("mysql", List.of("duckdb", "timescale"))).isEmpty();
    }

    @Test
    void countsATranspositionAsOneEdit() {
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
