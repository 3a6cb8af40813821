package io.tradingmetrics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds spent by the whole machine and by the PostgreSQL server's processes between two readings of /proc,
 * to show whether a run was bound by the 2 cores rather than by either engine. Linux counts in ticks of 1/100 s.
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100;

    private final long machineBusy;
    private final long postgres;

    private CpuMeter(long machineBusy, long postgres) {
        this.machineBusy = machineBusy;
        this.postgres = postgres;
    }

    static CpuMeter read() {
        return new CpuMeter(machineBusyTicks(), postgresTicks());
    }

    /** @return CPU seconds of the machine (all processes, all users) since this reading */
    double machineSecondsSince() {
        return (machineBusyTicks() - machineBusy) / TICKS_PER_SECOND;
    }

    /** @return CPU seconds of the PostgreSQL server's processes since this reading */
    double postgresSecondsSince() {
        return (postgresTicks() - postgres) / TICKS_PER_SECOND;
    }

    private static long machineBusyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.findFirst().orElse("cpu").trim().split("\\s+");
            // user, nice, system, irq, softirq (idle, iowait and steal are not ours; guest is inside user)
            return Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                    + Long.parseLong(fields[6]) + Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * utime + stime of every process named postgres (the server runs as local processes here), with their reaped
     * children's (cutime + cstime): a backend that ended is counted in the postmaster that reaped it.
     */
    private static long postgresTicks() {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                            + Long.parseLong(fields[14]);
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }
}
