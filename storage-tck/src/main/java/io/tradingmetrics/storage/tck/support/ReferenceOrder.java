package io.tradingmetrics.storage.tck.support;

import java.util.Comparator;
import java.util.Optional;

/**
 * The orders the SPI promises. Strings compare by their natural order; the kit only checks the order of names whose
 * order every collation agrees on (plain letters), so this matches engines whatever their collation.
 */
public final class ReferenceOrder {
    private ReferenceOrder() {}

    /** Points without symbol first, then symbols in order. */
    public static final Comparator<Optional<String>> SYMBOLS =
            Comparator.comparing((Optional<String> s) -> s.isPresent()).thenComparing(s -> s.orElse(""));
}
