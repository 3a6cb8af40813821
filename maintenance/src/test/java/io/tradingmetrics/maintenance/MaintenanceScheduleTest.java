package io.tradingmetrics.maintenance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaintenanceScheduleTest {
    private static final Instant START = Instant.parse("2026-12-02T14:20:00Z");

    @Test
    void dailyRunsAreAtTheUtcTimeOfDayStrictlyAfterNow() {
        MaintenanceSchedule daily = MaintenanceSchedule.DAILY;

        assertThat(daily.nextAfter(Instant.parse("2026-12-02T02:59:59Z"), START))
                .isEqualTo(Instant.parse("2026-12-02T03:00:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-12-02T03:00:00Z"), START))
                .isEqualTo(Instant.parse("2026-12-03T03:00:00Z"));
        assertThat(daily.nextAfter(START, START)).isEqualTo(Instant.parse("2026-12-03T03:00:00Z"));
    }

    @Test
    void anAlignedPeriodShorterThanADayRunsAtTheSameMinuteOfEveryPeriod() {
        MaintenanceSchedule hourly = new MaintenanceSchedule(Optional.of(LocalTime.of(0, 15)), Duration.ofHours(1));

        assertThat(hourly.nextAfter(START, START)).isEqualTo(Instant.parse("2026-12-02T15:15:00Z"));
        assertThat(hourly.nextAfter(Instant.parse("2026-12-02T00:05:00Z"), START))
                .isEqualTo(Instant.parse("2026-12-02T00:15:00Z"));
    }

    @Test
    void withoutATimeOfDayRunsCountFromTheStart() {
        MaintenanceSchedule every6h = new MaintenanceSchedule(Optional.empty(), Duration.ofHours(6));

        assertThat(every6h.nextAfter(START, START)).isEqualTo(START.plus(Duration.ofHours(6)));
        assertThat(every6h.nextAfter(START.plus(Duration.ofHours(13)), START)).isEqualTo(START.plus(Duration.ofHours(18)));
    }

    @Test
    void aPeriodUnderAMinuteIsRefused() {
        assertThatThrownBy(() -> new MaintenanceSchedule(Optional.empty(), Duration.ofSeconds(5)))
                .hasMessage("maintenance runs at most every minute, not every PT5S; give a period such as 24h");
    }
}
