package io.kpiengine.core.track;

import java.util.Locale;

/** Which slot a {@link PlannedTarget} fills. */
public enum TargetKind {
    /** The target of each period (month, quarter): what the team works to now. */
    SHORT_TERM,
    /** The target for the planning horizon (a year): a level by a due date, or a total phased over the horizon. */
    LONG_TERM,
    /** The ambitious target above the long-term one; meeting it gives the status EXCEEDED. */
    STRETCH,
    /** The acceptable range of a target-band KPI, where both too high and too low are bad. */
    BAND;

    /**
     * The kind as written in documents: {@code short-term}, {@code long-term}, {@code stretch}, {@code band}.
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
