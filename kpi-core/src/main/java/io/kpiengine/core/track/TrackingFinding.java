package io.kpiengine.core.track;

import io.kpiengine.core.metric.Severity;
import io.kpiengine.data.doc.Location;
import java.util.Map;
import java.util.Objects;

/**
 * A governance finding of a {@link Scorecard}: something an owner should act on that is not an alert about a
 * number. Rules:
 *
 * <table>
 *   <caption>Findings</caption>
 *   <tr><th>rule</th><th>severity</th><th>finding</th></tr>
 *   <tr><td>{@code off-track-without-plan}</td><td>WARNING</td><td>a KPI segment has been off track for
 *       {@link TrackingPlan#offTrackPeriods()} consecutive periods up to its current period, and no open action
 *       plan covers it</td></tr>
 *   <tr><td>{@code overdue-action-plan}</td><td>WARNING</td><td>an open or in-progress plan is past its due date
 *       at the as-of date</td></tr>
 *   <tr><td>{@code overdue-review}</td><td>WARNING</td><td>a metric with a review cycle was last reviewed more than
 *       one cycle before the as-of date, or never</td></tr>
 *   <tr><td>{@code target-beyond-baseline}</td><td>WARNING</td><td>the current target lies more than
 *       {@link TrackingPlan#realismSigmas()} standard deviations of the trailing window beyond the baseline, on the
 *       good side: unlikely to be reached</td></tr>
 *   <tr><td>{@code target-not-an-improvement}</td><td>WARNING</td><td>the current target is on the bad side of the
 *       baseline (a lower-is-better KPI whose target is above its baseline, or the reverse)</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the rule id
 * @param severity how serious
 * @param metric the metric concerned
 * @param segment the segment concerned; empty when the finding is about the whole metric
 * @param location where the metric, target or plan is declared
 * @param message what is wrong and what to do
 */
public record TrackingFinding(String rule, Severity severity, String metric, Map<String, String> segment,
        Location location, String message) {

    /**
     * Validates the finding.
     *
     * @param rule the rule id
     * @param severity how serious
     * @param metric the metric
     * @param segment the segment
     * @param location where declared
     * @param message what is wrong
     * @throws NullPointerException if a component is null
     */
    public TrackingFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(metric, "metric");
        segment = Segments.copy(segment);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The finding as one line: {@code file:line:col: SEVERITY rule: message}.
     *
     * @return the line
     */
    @Override
    public String toString() {
        return location + ": " + severity + " " + rule + ": " + message;
    }
}
