package io.tradingmetrics.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * An instrument of the synthetic market and the figures its data is drawn around.
 *
 * @param name the symbol, for example {@code BTC-USD}
 * @param startPrice the price at the start of the window
 * @param annualVolatility the yearly volatility of the price walk, for example 0.6 for 60 %
 * @param baseVolume the typical volume traded per 5 seconds
 * @param spreadBps the typical bid/ask spread in basis points
 * @param venues where it trades; names the {@code venue} label
 */
public record DemoSymbol(String name, double startPrice, double annualVolatility, double baseVolume, double spreadBps,
                         List<String> venues) {
    private static final List<String> CRYPTO = List.of("binance", "coinbase", "kraken");
    private static final List<String> EQUITY = List.of("nasdaq", "nyse", "iex");
    private static final List<String> FX = List.of("lmax", "ebs");

    private static final List<DemoSymbol> CATALOG = List.of(
            new DemoSymbol("BTC-USD", 64_000, 0.60, 2.5, 1.2, CRYPTO),
            new DemoSymbol("ETH-USD", 3_400, 0.70, 30, 1.8, CRYPTO),
            new DemoSymbol("SOL-USD", 150, 0.90, 800, 4.0, CRYPTO),
            new DemoSymbol("AAPL", 190, 0.25, 5_000, 1.0, EQUITY),
            new DemoSymbol("MSFT", 420, 0.24, 3_000, 0.9, EQUITY),
            new DemoSymbol("NVDA", 120, 0.50, 20_000, 1.1, EQUITY),
            new DemoSymbol("AMZN", 185, 0.30, 4_000, 1.0, EQUITY),
            new DemoSymbol("TSLA", 250, 0.55, 9_000, 1.5, EQUITY),
            new DemoSymbol("EUR-USD", 1.08, 0.07, 1_000_000, 0.3, FX),
            new DemoSymbol("GOOGL", 170, 0.28, 3_500, 1.1, EQUITY),
            new DemoSymbol("XRP-USD", 0.55, 0.85, 200_000, 6.0, CRYPTO),
            new DemoSymbol("DOGE-USD", 0.12, 1.00, 1_500_000, 8.0, CRYPTO));

    public DemoSymbol {
        requireNonNull(name, "name is null");
        venues = List.copyOf(requireNonNull(venues, "venues is null"));
    }

    /** @return the first {@code count} symbols of the catalog, then made-up ones ({@code SYN-013}, ...) */
    public static List<DemoSymbol> first(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("symbol count " + count + " is not positive");
        }
        List<DemoSymbol> symbols = new ArrayList<>(CATALOG.subList(0, Math.min(count, CATALOG.size())));
        for (int i = CATALOG.size() + 1; i <= count; i++) {
            symbols.add(new DemoSymbol(String.format(Locale.ROOT, "SYN-%03d", i), 50 + i, 0.4, 1_000, 2.5, EQUITY));
        }
        return symbols;
    }
}
