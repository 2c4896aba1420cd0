package io.kpiengine.core.time.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Precomputed offsets and hour boundaries of one time zone, for mapping an instant to its local day or hour
 * without allocating.
 *
 * <p><b>Segments.</b> The zone's offset transitions, from the earliest one in the tz database up to the first
 * transition at or after {@link #HORIZON_EPOCH_SECOND} (year 2300), split the time line into segments of constant
 * offset: segment {@code k} starts at {@code starts[k]} (segment 0 starts at minus infinity) and has offset
 * {@code offsets[k]}. The offset at an instant is found with one bucket look-up plus a short forward scan: the
 * time line is cut into buckets of 2^22 seconds (about 48.5 days) and {@code bucketFirst[b]} names the segment in
 * force at the start of bucket {@code b}; zones change offset at most a few times per bucket.
 *
 * <p><b>Hours.</b> An hour period is a maximal run of instants with the same local hour and the same offset, so a
 * 25-hour day has 25 hour periods (its repeated hour appears twice, once per offset), a 23-hour day 23, and an
 * offset change in the middle of a local hour starts a new period. Hour periods are numbered densely in time
 * order: within segment {@code k} the hour index of instant {@code t} is
 * {@code hourBase[k] + floorDiv(t + offsets[k], 3600)}. The bases are chosen so that the segment holding the epoch
 * numbers its hours as {@code floorDiv(t + floorMod(offset, 3600), 3600)}: in every zone whose offsets are whole
 * hours since 1970 the hour index is the number of whole hours since the epoch.
 *
 * <p><b>Beyond the horizon.</b> After the table ends the offset comes from {@link ZoneRules} (correct, but it
 * allocates). When the zone's recurring rules change offsets only by whole hours at whole local hours (every zone
 * in the tz database except Australia/Lord_Howe), hour periods there are aligned hours and the index is plain
 * arithmetic; otherwise the segments from the horizon on are walked one transition at a time.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ZoneTable {

    /** 2300-01-01T00:00:00Z: transitions are tabulated up to the first one at or after this instant. */
    public static final long HORIZON_EPOCH_SECOND = 10_413_792_000L;

    private static final int BUCKET_SHIFT = 22;
    private static final int MAX_BUCKETS = 1 << 16;
    private static final long HOUR = 3600;

    private final ZoneRules rules;
    private final long[] starts;
    private final int[] offsets;
    private final long[] hourBase;
    private final long[] firstHour;
    private final long tableEnd;
    private final long firstHourAfterTable;
    private final boolean alignedBeyond;
    private final long bucketOrigin;
    private final int[] bucketFirst;

    private ZoneTable(ZoneRules rules) {
        this.rules = rules;
        List<ZoneOffsetTransition> transitions = new ArrayList<>();
        ZoneOffsetTransition t = rules.nextTransition(Instant.MIN);
        while (t != null && t.toEpochSecond() < HORIZON_EPOCH_SECOND) {
            transitions.add(t);
            t = rules.nextTransition(t.getInstant());
        }
        this.tableEnd = t == null ? Long.MAX_VALUE : t.toEpochSecond();
        int n = transitions.size() + 1;
        this.starts = new long[n];
        this.offsets = new int[n];
        starts[0] = Long.MIN_VALUE;
        offsets[0] = transitions.isEmpty() ? rules.getOffset(Instant.EPOCH).getTotalSeconds()
                : transitions.get(0).getOffsetBefore().getTotalSeconds();
        for (int k = 1; k < n; k++) {
            starts[k] = transitions.get(k - 1).toEpochSecond();
            offsets[k] = transitions.get(k - 1).getOffsetAfter().getTotalSeconds();
        }
        this.hourBase = new long[n];
        this.firstHour = new long[n];
        int anchor = segmentByBinarySearch(0);
        hourBase[anchor] = -Math.floorDiv(offsets[anchor], HOUR);
        for (int k = anchor + 1; k < n; k++) {
            long lastOfPrevious = hourBase[k - 1] + Math.floorDiv(starts[k] - 1 + offsets[k - 1], HOUR);
            hourBase[k] = lastOfPrevious + 1 - Math.floorDiv(starts[k] + offsets[k], HOUR);
        }
        for (int k = anchor - 1; k >= 0; k--) {
            long firstOfNext = hourBase[k + 1] + Math.floorDiv(starts[k + 1] + offsets[k + 1], HOUR);
            hourBase[k] = firstOfNext - 1 - Math.floorDiv(starts[k + 1] - 1 + offsets[k], HOUR);
        }
        firstHour[0] = Long.MIN_VALUE;
        for (int k = 1; k < n; k++) {
            firstHour[k] = hourBase[k] + Math.floorDiv(starts[k] + offsets[k], HOUR);
        }
        this.firstHourAfterTable = tableEnd == Long.MAX_VALUE ? Long.MAX_VALUE
                : hourBase[n - 1] + Math.floorDiv(tableEnd - 1 + offsets[n - 1], HOUR) + 1;
        this.alignedBeyond = tableEnd != Long.MAX_VALUE && rulesAligned(rules, t, offsets[n - 1]);
        long span = n > 1 ? starts[n - 1] - starts[1] : 0;
        if (n > 2 && (span >>> BUCKET_SHIFT) < MAX_BUCKETS) {
            this.bucketOrigin = starts[1];
            int buckets = (int) (span >>> BUCKET_SHIFT) + 1;
            this.bucketFirst = new int[buckets];
            for (int b = 0; b < buckets; b++) {
                bucketFirst[b] = segmentByBinarySearch(bucketOrigin + ((long) b << BUCKET_SHIFT));
            }
        } else {
            this.bucketOrigin = Long.MAX_VALUE;
            this.bucketFirst = null;
        }
    }

    /**
     * Builds the table of a zone.
     *
     * @param zone the zone
     * @return the table
     */
    public static ZoneTable of(ZoneId zone) {
        return new ZoneTable(zone.getRules());
    }

    private static boolean rulesAligned(ZoneRules rules, ZoneOffsetTransition first, int lastOffset) {
        long fraction = Math.floorMod(lastOffset, HOUR);
        ZoneOffsetTransition t = first;
        for (int i = 0; i < 64 && t != null; i++) {
            long before = t.getOffsetBefore().getTotalSeconds();
            long after = t.getOffsetAfter().getTotalSeconds();
            if (Math.floorMod(before, HOUR) != fraction || Math.floorMod(after, HOUR) != fraction
                    || Math.floorMod(t.toEpochSecond() + fraction, HOUR) != 0) {
                return false;
            }
            t = rules.nextTransition(t.getInstant());
        }
        return true;
    }

    private int segmentByBinarySearch(long epochSecond) {
        int i = Arrays.binarySearch(starts, 1, starts.length, epochSecond);
        return i >= 0 ? i : -i - 2;
    }

    private int segment(long epochSecond) {
        int last = starts.length - 1;
        if (epochSecond >= starts[last]) {
            return last;
        }
        if (epochSecond < bucketOrigin) {
            return segmentByBinarySearch(epochSecond);
        }
        int i = bucketFirst[(int) ((epochSecond - bucketOrigin) >>> BUCKET_SHIFT)];
        while (starts[i + 1] <= epochSecond) {
            i++;
        }
        return i;
    }

    /**
     * The offset from UTC in force at an instant.
     *
     * @param epochSecond seconds since the epoch
     * @return the offset in seconds
     */
    public int offsetSeconds(long epochSecond) {
        if (epochSecond >= tableEnd) {
            return rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        }
        return offsets[segment(epochSecond)];
    }

    /**
     * The local date of an instant, as days since 1970-01-01.
     *
     * @param epochSecond seconds since the epoch
     * @return the local epoch day
     */
    public long epochDay(long epochSecond) {
        return Math.floorDiv(epochSecond + offsetSeconds(epochSecond), 86_400L);
    }

    /**
     * The dense index of the hour period holding an instant (see the class comment).
     *
     * @param epochSecond seconds since the epoch
     * @return the hour index
     */
    public long hourIndex(long epochSecond) {
        if (epochSecond >= tableEnd) {
            return hourIndexBeyond(epochSecond);
        }
        int k = segment(epochSecond);
        return hourBase[k] + Math.floorDiv(epochSecond + offsets[k], HOUR);
    }

    /**
     * The first instant of an hour period.
     *
     * @param hourIndex the hour index
     * @return seconds since the epoch
     */
    public long hourStart(long hourIndex) {
        if (hourIndex >= firstHourAfterTable) {
            return hourStartBeyond(hourIndex);
        }
        int k = segmentOfHour(hourIndex);
        long local = Math.multiplyExact(hourIndex - hourBase[k], HOUR);
        return Math.max(starts[k], local - offsets[k]);
    }

    private int segmentOfHour(long hourIndex) {
        int i = Arrays.binarySearch(firstHour, 1, firstHour.length, hourIndex);
        return i >= 0 ? i : -i - 2;
    }

    private long hourIndexBeyond(long epochSecond) {
        int last = offsets.length - 1;
        if (alignedBeyond) {
            long fraction = Math.floorMod(offsets[last], HOUR);
            return hourBase[last] + Math.floorDiv(offsets[last], HOUR) + Math.floorDiv(epochSecond + fraction, HOUR);
        }
        return walkBeyond(epochSecond, false);
    }

    private long hourStartBeyond(long hourIndex) {
        int last = offsets.length - 1;
        if (alignedBeyond) {
            long fraction = Math.floorMod(offsets[last], HOUR);
            long aligned = hourIndex - hourBase[last] - Math.floorDiv(offsets[last], HOUR);
            return Math.multiplyExact(aligned, HOUR) - fraction;
        }
        return walkBeyond(hourIndex, true);
    }

    /**
     * Walks the segments after the table one transition at a time: maps an instant to its hour index, or (when
     * {@code fromHourIndex}) an hour index to its first instant. Used only for zones whose recurring rules change
     * offsets by part of an hour, beyond the year 2300.
     */
    private long walkBeyond(long value, boolean fromHourIndex) {
        long base = firstHourAfterTable;
        long from = tableEnd;
        while (true) {
            ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(from));
            long to = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            long offset = rules.getOffset(Instant.ofEpochSecond(from)).getTotalSeconds();
            long first = Math.floorDiv(from + offset, HOUR);
            long count = to == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(to - 1 + offset, HOUR) - first + 1;
            if (fromHourIndex && value - base < count) {
                return Math.max(from, Math.multiplyExact(first + value - base, HOUR) - offset);
            }
            if (!fromHourIndex && value < to) {
                return base + Math.floorDiv(value + offset, HOUR) - first;
            }
            base += count;
            from = to;
        }
    }
}
