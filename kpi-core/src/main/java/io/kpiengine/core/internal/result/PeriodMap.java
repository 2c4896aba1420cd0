package io.kpiengine.core.internal.result;

import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * The map from the periods of an aggregation state to the periods of the results: the identity when both have
 * one grain, otherwise each state period to the coarser period that contains it (re-graining: days into ISO weeks,
 * months, quarters, fiscal years), or to the one whole-range period when it starts inside the range.
 *
 * <p>Design note. Re-graining is exact because it happens before any value is finished: the result cell of a
 * coarser period merges the states of all the finer slots the map sends to it ({@link SlotIndex} gathers them,
 * {@link StateCells} merges them), exactly as if the rows had been aggregated at the coarser grain. It needs the
 * finer periods to nest in the coarser ones ({@link BusinessCalendar#nests}); a week does not nest in a month, so a
 * weekly state cannot answer months. Mapped indexes are cached in an array window over the state's indexes
 * (state periods are dense), so a map costs one {@link Period#containing} per distinct state period. Not
 * thread-safe: one instance per result.
 */
public final class PeriodMap implements LongUnaryOperator {

    /** The mapped index of a state period that lies outside the results (outside a whole range). */
    public static final long EXCLUDED = Long.MIN_VALUE;

    private static final long UNKNOWN = Long.MAX_VALUE;

    private final BusinessCalendar calendar;
    private final Grain from;
    private final Grain to;
    private final Period range;
    private long base;
    private long[] cache = new long[0];

    private PeriodMap(BusinessCalendar calendar, Grain from, Grain to, Period range) {
        this.calendar = calendar;
        this.from = from;
        this.to = to;
        this.range = range;
    }

    /**
     * The identity: state and results have the same grain.
     *
     * @param calendar the calendar
     * @param grain the grain of both
     * @return the map
     */
    public static PeriodMap identity(BusinessCalendar calendar, Grain grain) {
        return new PeriodMap(calendar, grain, grain, null);
    }

    /**
     * State periods of a finer grain into the periods of a coarser one.
     *
     * @param calendar the calendar
     * @param from the state's grain
     * @param to the results' grain, not WHOLE_RANGE
     * @return the map
     * @throws IllegalArgumentException if {@code from} does not nest in {@code to}
     */
    public static PeriodMap regrain(BusinessCalendar calendar, Grain from, Grain to) {
        if (to == Grain.WHOLE_RANGE || !calendar.nests(from, to)) {
            throw new IllegalArgumentException("a state kept at grain " + from.id() + " cannot answer grain " + to.id()
                    + ": " + from.id() + " periods do not nest in " + to.id() + " periods");
        }
        return new PeriodMap(calendar, from, to, null);
    }

    /**
     * State periods into one whole-range period: those that start inside it map to it, the others are
     * {@link #EXCLUDED}.
     *
     * @param calendar the calendar
     * @param from the state's grain
     * @param range the whole-range period
     * @return the map
     */
    public static PeriodMap toRange(BusinessCalendar calendar, Grain from, Period range) {
        Objects.requireNonNull(range, "range");
        return new PeriodMap(calendar, from, Grain.WHOLE_RANGE, range);
    }

    /**
     * Whether every state period is its own result period.
     *
     * @return true for the identity
     */
    public boolean isIdentity() {
        return from == to;
    }

    /**
     * The grain of the state periods.
     *
     * @return the grain
     */
    public Grain from() {
        return from;
    }

    /**
     * The state periods that map into the result periods {@code resultLo..resultHi}: the first and last state
     * period index, so that a result over a short range visits only their slots.
     *
     * @param resultLo the first result period index
     * @param resultHi the last result period index
     * @return {@code {stateLo, stateHi}}
     */
    public long[] stateRange(long resultLo, long resultHi) {
        if (from == to) {
            return new long[] {resultLo, resultHi};
        }
        Period first = range != null ? range : calendar.period(to, resultLo);
        Period last = range != null ? range : calendar.period(to, resultHi);
        long lo = calendar.period(from, first.start()).index();
        long hi = calendar.period(from, last.end().minusNanos(1)).index();
        return new long[] {lo, hi};
    }

    /**
     * The result period of a state period.
     *
     * @param stateIndex the state period's index
     * @return the result period's index, or {@link #EXCLUDED}
     */
    @Override
    public long applyAsLong(long stateIndex) {
        if (from == to) {
            return stateIndex;
        }
        long offset = stateIndex - base;
        if (cache.length == 0 || offset < 0 || offset >= cache.length) {
            grow(stateIndex);
            offset = stateIndex - base;
        }
        long v = cache[(int) offset];
        if (v == UNKNOWN) {
            v = compute(stateIndex);
            cache[(int) offset] = v;
        }
        return v;
    }

    private long compute(long stateIndex) {
        Period p = calendar.period(from, stateIndex);
        if (range == null) {
            return p.containing(to).index();
        }
        long day = p.firstDate().toEpochDay();
        return day >= range.firstDate().toEpochDay() && day <= range.lastDate().toEpochDay() ? range.index()
                : EXCLUDED;
    }

    /** Widens the cache window to hold an index (state indexes are dense; a window of 2^20 is plenty). */
    private void grow(long index) {
        if (cache.length == 0) {
            base = index;
            cache = new long[64];
            Arrays.fill(cache, UNKNOWN);
            return;
        }
        long lo = Math.min(base, index);
        long hi = Math.max(base + cache.length - 1, index);
        long size = hi - lo + 1;
        if (size > (1 << 24)) {
            // far apart indexes: start a new window rather than allocate a huge one
            base = index;
            cache = new long[64];
            Arrays.fill(cache, UNKNOWN);
            return;
        }
        int cap = (int) Math.max(size, Math.min(1 << 24, 2L * cache.length));
        long[] next = new long[cap];
        Arrays.fill(next, UNKNOWN);
        long newBase = index < base ? hi - cap + 1 : lo;
        System.arraycopy(cache, 0, next, (int) (base - newBase), cache.length);
        cache = next;
        base = newBase;
    }
}
