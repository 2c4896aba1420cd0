package io.kpiengine.core.metric;

import io.kpiengine.data.doc.Location;
import java.util.Objects;

/**
 * One governance finding of the {@link Linter}: severity, rule id, where, which metric and what.
 *
 * <pre>
 * catalog.yaml:31:5: WARNING missing-review-cycle: KPI 'aov' has no review cycle
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param severity how serious
 * @param rule the rule id, e.g. {@code missing-owner}
 * @param location where in the catalog
 * @param metric the metric concerned
 * @param message what is wrong and what to do
 */
public record LintFinding(Severity severity, String rule, Location location, String metric, String message) {

    /**
     * Validates the components.
     *
     * @param severity how serious
     * @param rule the rule id, e.g. {@code missing-owner}
     * @param location where in the catalog
     * @param metric the metric concerned
     * @param message what is wrong and what to do
     * @throws NullPointerException if a component is null
     */
    public LintFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(metric, "metric");
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
