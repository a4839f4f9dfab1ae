package dev.lanyard.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttendanceTest {
    private static final LocalDate SAT1 = LocalDate.of(2026, 11, 21);
    private static final LocalDate SUN1 = LocalDate.of(2026, 11, 22);
    private static final LocalDate SAT2 = LocalDate.of(2026, 11, 28);
    private static final LocalDate SUN2 = LocalDate.of(2026, 11, 29);
    private static final List<LocalDate> TWO_WEEKENDS = List.of(SAT1, SUN1, SAT2, SUN2);

    @Test
    void streakCountsConsecutiveEventDaysNotCalendarDays() {
        Attendance attendance = Attendance.of(TWO_WEEKENDS, Set.of(SAT1, SUN1, SAT2, SUN2));

        assertThat(attendance.attendedDays()).isEqualTo(4);
        assertThat(attendance.streak()).isEqualTo(4);
        assertThat(attendance.longestStreak()).isEqualTo(4);
    }

    @Test
    void aMissedDayRestartsTheStreak() {
        Attendance attendance = Attendance.of(TWO_WEEKENDS, Set.of(SAT1, SUN1, SUN2));

        assertThat(attendance.attendedDays()).isEqualTo(3);
        assertThat(attendance.streak()).isEqualTo(1);
        assertThat(attendance.longestStreak()).isEqualTo(2);
        assertThat(attendance.perDay().get(SUN1)).isEqualTo(new Attendance.DayAttendance(2, 2));
        assertThat(attendance.perDay().get(SUN2)).isEqualTo(new Attendance.DayAttendance(3, 1));
        assertThat(attendance.perDay()).doesNotContainKey(SAT2);
    }

    @Test
    void daysOutsideTheEventDoNotCount() {
        Attendance attendance = Attendance.of(TWO_WEEKENDS, Set.of(LocalDate.of(2026, 11, 23)));

        assertThat(attendance.attendedDays()).isZero();
        assertThat(attendance.streak()).isZero();
    }
}
