package io.kpiengine.core.internal;

import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Explains a date spine that is too long by the rows that stretch it: a few rows with a mistyped year far from
 * the rest ("3 rows dated 0205-03-01 are 1,820 years before the other 1,997 rows (2025-01-01 to 2025-03-02)").
 *
 * <p>Algorithm: over the periods with rows, in order, cut at the widest gap between two neighbouring periods; the
 * side with fewer rows is the outlier group, named with its row count, its periods and the distance to the rest.
 * Repeat on the rest while its span is still over the limit (at most three groups are named), then give the span
 * of what remains. Linear in the number of periods with rows per cut.
 */
public final class SpineOutliers {

    private static final int MAX_GROUPS = 3;

    private SpineOutliers() {
    }

    /**
     * The explanation.
     *
     * @param rowsByPeriod rows per absolute period index, at least one entry
     * @param calendar the calendar of the indexes
     * @param grain their grain
     * @param maxPeriods the limit the spine exceeds
     * @return one or more sentences joined by "; "
     */
    public static String explain(NavigableMap<Long, Long> rowsByPeriod, BusinessCalendar calendar, Grain grain,
            int maxPeriods) {
        long[] periods = new long[rowsByPeriod.size()];
        long[] rows = new long[periods.length];
        int k = 0;
        for (Map.Entry<Long, Long> e : rowsByPeriod.entrySet()) {
            periods[k] = e.getKey();
            rows[k++] = e.getValue();
        }
        List<String> sentences = new ArrayList<>();
        int lo = 0;
        int hi = periods.length - 1;
        while (hi > lo && periods[hi] - periods[lo] + 1 > maxPeriods && sentences.size() < MAX_GROUPS) {
            int gap = lo;
            for (int i = lo; i < hi; i++) {
                if (periods[i + 1] - periods[i] > periods[gap + 1] - periods[gap]) {
                    gap = i;
                }
            }
            long left = sum(rows, lo, gap);
            long right = sum(rows, gap + 1, hi);
            if (left <= right) {
                sentences.add(group(calendar, grain, periods, left, lo, gap) + " " + distance(calendar, grain,
                        periods[gap], periods[gap + 1]) + " before the other " + count(right, "row") + " ("
                        + span(calendar, grain, periods, gap + 1, hi) + ")");
                lo = gap + 1;
            } else {
                sentences.add(group(calendar, grain, periods, right, gap + 1, hi) + " " + distance(calendar, grain,
                        periods[gap], periods[gap + 1]) + " after the other " + count(left, "row") + " ("
                        + span(calendar, grain, periods, lo, gap) + ")");
                hi = gap;
            }
        }
        if (periods[hi] - periods[lo] + 1 > maxPeriods) {
            sentences.add("the " + (sentences.isEmpty() ? "" : "other ") + "rows span "
                    + span(calendar, grain, periods, lo, hi));
        }
        return String.join("; ", sentences);
    }

    private static long sum(long[] rows, int from, int to) {
        long n = 0;
        for (int i = from; i <= to; i++) {
            n += rows[i];
        }
        return n;
    }

    private static String group(BusinessCalendar calendar, Grain grain, long[] periods, long rows, int from,
            int to) {
        String when = from == to ? "dated " + calendar.period(grain, periods[from])
                : "dated " + span(calendar, grain, periods, from, to);
        return count(rows, "row") + " " + when + (rows == 1 ? " is" : " are");
    }

    private static String span(BusinessCalendar calendar, Grain grain, long[] periods, int from, int to) {
        Period a = calendar.period(grain, periods[from]);
        Period b = calendar.period(grain, periods[to]);
        return from == to ? a.toString() : a + " to " + b;
    }

    /** The distance between the starts of two periods: years when at least two, else days, else hours. */
    private static String distance(BusinessCalendar calendar, Grain grain, long a, long b) {
        Duration d = Duration.between(calendar.period(grain, a).start(), calendar.period(grain, b).start());
        long days = d.toDays();
        if (days >= 730) {
            return count(Math.round(days / 365.2425), "year");
        }
        return days >= 2 ? count(days, "day") : count(d.toHours(), "hour");
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
