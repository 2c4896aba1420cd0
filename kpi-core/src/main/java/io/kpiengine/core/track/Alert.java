package io.kpiengine.core.track;

import io.kpiengine.core.time.Period;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An alert of a {@link Scorecard}: which rule fired for which metric, segment and period, the value, what was
 * expected (a value or a band), the signal that crossed the level, the severity and where it stands.
 *
 * <p>On a row ({@link ScorecardRow#alerts()}) the state is {@link State#NEW} in the period the alert opened,
 * {@link State#CONTINUING} while it stays open and {@link State#RESOLVED} in the period it closed. In
 * {@link Scorecard#alerts()} it is relative to the previous run, whose alert state was given to the tracker: NEW
 * (open now, not open then), CONTINUING (the same episode open then and now) or RESOLVED (open then, closed now).
 *
 * <pre>
 * CRITICAL NEW leads-below-plan: leads {channel=social} 2025-06: achievement 84.2 below 90 for 2 periods; value 2,210, expected 2,625
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the id of the alert rule
 * @param kind threshold, change or anomaly
 * @param severity how urgent
 * @param state new, continuing or resolved
 * @param metric the metric id
 * @param segment the segment's dimension values
 * @param period the period of this state: where it opened, the latest period it is open, or where it closed
 * @param since the period in which the alert opened
 * @param value the KPI's value in {@code period}
 * @param expected the expected value (target, baseline, previous value, chart centre), if any
 * @param low the lower end of the expected band, if any
 * @param high the upper end of the expected band, if any
 * @param signal the signal compared with the levels (value, achievement, change or score)
 * @param pValue the anomaly p-value (BH-adjusted when false-alarm control is on), for anomaly alerts
 * @param message the alert in words
 */
public record Alert(String rule, AlertRule.Kind kind, AlertSeverity severity, State state, String metric,
        Map<String, String> segment, Period period, Period since, double value, OptionalDouble expected,
        OptionalDouble low, OptionalDouble high, double signal, OptionalDouble pValue, String message) {

    /** Where an alert stands. */
    public enum State {
        /** Opened (in this period, or since the previous run). */
        NEW,
        /** Still open. */
        CONTINUING,
        /** Closed (in this period, or since the previous run). */
        RESOLVED;

        /**
         * The state as written in outputs: {@code new}, {@code continuing}, {@code resolved}.
         *
         * @return the identifier
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Validates the alert.
     *
     * @param rule the rule id
     * @param kind the kind
     * @param severity the severity
     * @param state the state
     * @param metric the metric id
     * @param segment the segment
     * @param period the period of this state
     * @param since the period it opened
     * @param value the value
     * @param expected the expected value
     * @param low the lower end of the expected band
     * @param high the upper end of the expected band
     * @param signal the signal
     * @param pValue the anomaly p-value
     * @param message the alert in words
     * @throws NullPointerException if a component is null
     */
    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(metric, "metric");
        segment = Segments.copy(segment);
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(pValue, "pValue");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Whether the alert is open: NEW or CONTINUING.
     *
     * @return true unless resolved
     */
    public boolean isOpen() {
        return state != State.RESOLVED;
    }

    /**
     * The same alert in another state and period.
     *
     * @param newState the state
     * @param at the period of that state
     * @return a new alert
     */
    Alert with(State newState, Period at) {
        return new Alert(rule, kind, severity, newState, metric, segment, at, since, value, expected, low, high, signal,
                pValue, message);
    }

    /**
     * The alert as one line: {@code SEVERITY STATE rule: message}.
     *
     * @return the line
     */
    @Override
    public String toString() {
        return severity + " " + state + " " + rule + ": " + message;
    }
}
