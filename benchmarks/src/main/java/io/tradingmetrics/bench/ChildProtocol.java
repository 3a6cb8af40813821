package io.tradingmetrics.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The child's side of {@link ChildJvm}'s line protocol. */
final class ChildProtocol {
    private static final BufferedReader INPUT = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private ChildProtocol() {}

    static void result(Map<String, ?> figures) {
        System.out.println("RESULT " + figures.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof Double d ? String.format(Locale.ROOT, "%.3f", d)
                        : e.getValue()))
                .collect(Collectors.joining(" ")));
        System.out.flush();
    }

    /** Says the child is ready for the step and waits until the parent lets it go on. */
    static void ready(String step) throws IOException {
        System.out.println("READY " + step);
        System.out.flush();
        INPUT.readLine();
    }

    /**
     * @return the sum of the peak usages of the heap's memory pools since the JVM started: an upper bound of the
     *         peak heap (the pools may peak at different times)
     */
    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
