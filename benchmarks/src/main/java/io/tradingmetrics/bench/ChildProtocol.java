package io.tradingmetrics.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
     * Watches the heap from now on: the most it held right after a garbage collection (the live data: what the work
     * needs) and the most it held at all, sampled every few milliseconds (garbage included, so up to -Xmx).
     */
    static HeapWatch watchHeap() {
        HeapWatch watch = new HeapWatch();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(watch::afterCollection, null, null);
            }
        }
        Thread sampler = new Thread(watch::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return watch;
    }

    /** The heap's peaks since {@link #watchHeap}. */
    static final class HeapWatch {
        private final AtomicLong peakAfterCollection = new AtomicLong();
        private final AtomicLong peakUsed = new AtomicLong();

        long peakLiveBytes() {
            return peakAfterCollection.get();
        }

        long peakUsedBytes() {
            return Math.max(peakUsed.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        private void afterCollection(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (HEAP_POOLS.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            peakAfterCollection.accumulateAndGet(used, Math::max);
        }

        private void sample() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
}
