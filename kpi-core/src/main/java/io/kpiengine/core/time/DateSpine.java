package io.kpiengine.core.time;

import java.time.Clock;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every period of one grain from a first to a last period, inclusive, so that periods without rows still appear
 * in results (with the metric's empty-input policy); the period holding "now" is flagged partial.
 *
 * <pre>{@code
 * DateSpine spine = calendar.spine(calendar.parse("2025-03-01"), calendar.parse("2025-03-31"),
 *         Clock.systemUTC());
 * for (Period day : spine.periods()) {
 *     PeriodStatus s = spine.status(day);  // COMPLETE, PARTIAL or FUTURE
 * }
 * }</pre>
 *
 * <p>The periods are computed on demand, so a spine of millions of hours costs no memory. Instances are immutable
 * and thread-safe.
 */
public final class DateSpine {

    private final Period first;
    private final Period last;
    private final Instant asOf;
    private final List<Period> periods;

    private DateSpine(Period first, Period last, Instant asOf) {
        this.first = first;
        this.last = last;
        this.asOf = asOf;
        long count = first.until(last) + 1;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("last must be at most " + Integer.MAX_VALUE
                    + " periods after first, but was " + count + " periods from " + first + " to " + last);
        }
        int size = (int) count;
        this.periods = new AbstractList<>() {
            @Override
            public Period get(int i) {
                Objects.checkIndex(i, size);
                return first.plus(i);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /**
     * The spine from {@code first} to {@code last} inclusive, as of the clock's current instant.
     *
     * @param first the first period
     * @param last the last period, of the same grain and calendar, not before first
     * @param clock the clock that says what "now" is
     * @return the spine
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the periods differ in grain or calendar, or last is before first
     */
    public static DateSpine between(Period first, Period last, Clock clock) {
        Objects.requireNonNull(first, "first");
        first.requireSameKind(last, "last");
        Objects.requireNonNull(clock, "clock");
        if (last.index() < first.index()) {
            throw new IllegalArgumentException("last must not be before first " + first + ", but was " + last);
        }
        return new DateSpine(first, last, clock.instant());
    }

    /**
     * The first period.
     *
     * @return the first period
     */
    public Period first() {
        return first;
    }

    /**
     * The last period.
     *
     * @return the last period
     */
    public Period last() {
        return last;
    }

    /**
     * The instant taken as "now" when the spine was made.
     *
     * @return the clock's instant
     */
    public Instant asOf() {
        return asOf;
    }

    /**
     * The periods in order, computed on demand.
     *
     * @return an unmodifiable list
     */
    public List<Period> periods() {
        return periods;
    }

    /**
     * The number of periods.
     *
     * @return the size
     */
    public int size() {
        return periods.size();
    }

    /**
     * The period of the spine that holds "now", if any: its data is incomplete.
     *
     * @return the partial period, or empty when now lies outside the spine
     */
    public Optional<Period> partialPeriod() {
        if (first.grain() == Grain.WHOLE_RANGE) {
            return first.status(asOf) == PeriodStatus.PARTIAL ? Optional.of(first) : Optional.empty();
        }
        Period now = first.calendar().period(first.grain(), asOf);
        return now.index() >= first.index() && now.index() <= last.index() ? Optional.of(now) : Optional.empty();
    }

    /**
     * Where a period stands relative to {@link #asOf()}.
     *
     * @param period a period of the spine's grain and calendar
     * @return COMPLETE, PARTIAL or FUTURE
     * @throws NullPointerException if period is null
     * @throws IllegalArgumentException if the grain or calendar differs
     */
    public PeriodStatus status(Period period) {
        first.requireSameKind(period, "period");
        return period.status(asOf);
    }

    @Override
    public String toString() {
        return first + ".." + last + " (" + size() + " " + first.grain().id() + " periods, as of " + asOf + ")";
    }
}
