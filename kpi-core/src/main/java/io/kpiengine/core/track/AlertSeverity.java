package io.kpiengine.core.track;

import java.util.Locale;

/**
 * How urgent an {@link Alert} is. {@code kpi track} exits with 1 when an alert of severity {@link #CRITICAL} is
 * open at the end of the run. (The severity of lint findings is {@link io.kpiengine.core.metric.Severity}.)
 */
public enum AlertSeverity {
    /** Worth knowing; no action expected. */
    INFO,
    /** Needs attention from the KPI's owner. */
    WARNING,
    /** Needs action now. */
    CRITICAL;

    /**
     * The severity as written in documents and outputs: {@code info}, {@code warning}, {@code critical}.
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
