package io.kpiengine.core.internal.result;

import io.kpiengine.core.internal.DerivedFormula;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.util.Objects;

/**
 * The periods of one grain in one business calendar, addressed by absolute index ({@link Period#index()}), and
 * where the references of a derived formula land on them: {@code lag} and {@code last_year} read one other period,
 * {@code trailing} and {@code to_date} read a window that ends at the cell's period. At the whole-range grain the
 * timeline has its one period, addressed by that period's index. Immutable.
 *
 * @param calendar the business calendar
 * @param grain the grain of every period
 * @param range the whole-range period when the grain is {@link Grain#WHOLE_RANGE}, else null
 */
public record Timeline(BusinessCalendar calendar, Grain grain, Period range) {

    /**
     * Validates the components.
     *
     * @param calendar the calendar component
     * @param grain the grain component
     * @param range the range component
     * @throws NullPointerException if the calendar or grain is null, or the range at the whole-range grain
     * @throws IllegalArgumentException if a range is given at another grain
     */
    public Timeline {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(grain, "grain");
        if ((grain == Grain.WHOLE_RANGE) != (range != null)) {
            throw new IllegalArgumentException("a timeline has a range exactly when its grain is whole_range, but"
                    + " grain " + grain.id() + " came with range " + range);
        }
    }

    /**
     * A timeline of a calendar grain (not the whole range).
     *
     * @param calendar the business calendar
     * @param grain the grain of every period
     */
    public Timeline(BusinessCalendar calendar, Grain grain) {
        this(calendar, grain, null);
    }

    /**
     * The period of an absolute index.
     *
     * @param abs the index
     * @return the period
     */
    public Period period(long abs) {
        if (range != null) {
            if (abs != range.index()) {
                throw new IllegalArgumentException("the whole range has one period, index " + range.index()
                        + ", but " + abs + " was asked for");
            }
            return range;
        }
        return calendar.period(grain, abs);
    }

    /**
     * The period an offset reference reads for the cell at {@code abs}: {@code lag(m, n)} reads {@code abs - n},
     * {@code last_year(m)} the period one year earlier.
     *
     * @param s a {@code lag} or {@code last_year} slot
     * @param abs the cell's period index
     * @return the index read
     * @throws IllegalStateException if the slot is not an offset reference
     */
    public long offsetTarget(DerivedFormula.Slot s, long abs) {
        if ("lag".equals(s.function())) {
            return abs - s.offset();
        }
        if ("last_year".equals(s.function())) {
            return period(abs).plusYears(-1).index();
        }
        throw new IllegalStateException("not an offset reference: " + s.function());
    }

    /**
     * The first period of the window a slot reads for the cell at {@code abs} (the window ends at {@code abs}):
     * {@code trailing(m, n)} starts {@code n - 1} periods earlier, {@code to_date(m, g)} at the first period of
     * the enclosing period of grain {@code g}.
     *
     * @param s a {@code trailing} or {@code to_date} slot
     * @param abs the cell's period index
     * @return the index of the window's first period
     * @throws IllegalStateException if the slot is not a window
     */
    public long windowStart(DerivedFormula.Slot s, long abs) {
        if ("trailing".equals(s.function())) {
            return abs - s.offset() + 1;
        }
        if ("to_date".equals(s.function())) {
            Period container = period(abs).containing(Grain.valueOf(s.grain()));
            return calendar.period(grain, container.start()).index();
        }
        throw new IllegalStateException("not a window: " + s.function());
    }

    /**
     * A window named for people: {@code "the trailing window of 7 periods (2025-01-01 to 2025-01-07)"}.
     *
     * @param label what the window is
     * @param from its first period index
     * @param to its last period index
     * @return the text
     */
    public String range(String label, long from, long to) {
        return label + " (" + period(from) + " to " + period(to) + ")";
    }
}
