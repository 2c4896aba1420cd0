package io.kpiengine.core.track;

import io.kpiengine.core.time.Period;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

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
 * CRITICAL NEW leads-below-plan: leads {channel=social} 2025-06: achievement % 84.20 below 90 for 2 periods; value 2,210, expected 2,625
 * </pre>
 *
 * <p>The message is composed when first asked for. Instances are immutable and thread-safe.
 */
public final class Alert {

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

    private final String rule;
    private final AlertRule.Kind kind;
    private final AlertSeverity severity;
    private final State state;
    private final String metric;
    private final Map<String, String> segment;
    private final Period period;
    private final Period since;
    private final double value;
    private final double expected;
    private final double low;
    private final double high;
    private final double signal;
    private final double pValue;
    private final Supplier<String> text;
    private volatile @Nullable String message;

    /** An alert; {@code segment} must be unmodifiable, {@code text} composes the message. */
    Alert(String rule, AlertRule.Kind kind, AlertSeverity severity, State state, String metric,
            Map<String, String> segment, Period period, Period since, double value, double expected, double low,
            double high, double signal, double pValue, Supplier<String> text) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.state = Objects.requireNonNull(state, "state");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.segment = Objects.requireNonNull(segment, "segment");
        this.period = Objects.requireNonNull(period, "period");
        this.since = Objects.requireNonNull(since, "since");
        this.value = value;
        this.expected = expected;
        this.low = low;
        this.high = high;
        this.signal = signal;
        this.pValue = pValue;
        this.text = Objects.requireNonNull(text, "text");
    }

    private static OptionalDouble of(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * The id of the alert rule.
     *
     * @return the rule id
     */
    public String rule() {
        return rule;
    }

    /**
     * The kind of rule.
     *
     * @return threshold, change or anomaly
     */
    public AlertRule.Kind kind() {
        return kind;
    }

    /**
     * How urgent.
     *
     * @return the severity
     */
    public AlertSeverity severity() {
        return severity;
    }

    /**
     * New, continuing or resolved.
     *
     * @return the state
     */
    public State state() {
        return state;
    }

    /**
     * The metric id.
     *
     * @return the id
     */
    public String metric() {
        return metric;
    }

    /**
     * The segment's dimension values.
     *
     * @return an unmodifiable map, empty for a metric without dimensions
     */
    public Map<String, String> segment() {
        return segment;
    }

    /**
     * The period of this state: where the alert opened, the latest period it is open, or where it closed.
     *
     * @return the period
     */
    public Period period() {
        return period;
    }

    /**
     * The period in which the alert opened.
     *
     * @return the period
     */
    public Period since() {
        return since;
    }

    /**
     * The KPI's value in {@link #period()}.
     *
     * @return the value, NaN when the period has none
     */
    public double value() {
        return value;
    }

    /**
     * The expected value: the target (achievement thresholds), the basis of a change, the baseline, median or chart
     * centre of an anomaly.
     *
     * @return the expected value, if any
     */
    public OptionalDouble expected() {
        return of(expected);
    }

    /**
     * The lower end of the expected band (for an EWMA rule, of the chart statistic).
     *
     * @return the low end, if any
     */
    public OptionalDouble low() {
        return of(low);
    }

    /**
     * The upper end of the expected band (for an EWMA rule, of the chart statistic).
     *
     * @return the high end, if any
     */
    public OptionalDouble high() {
        return of(high);
    }

    /**
     * The signal compared with the levels: the value or achievement, the change, or the anomaly score.
     *
     * @return the signal, NaN when the period had none (an alert kept open)
     */
    public double signal() {
        return signal;
    }

    /**
     * The normal p-value of an anomaly score; BH-adjusted when false-alarm control is on.
     *
     * @return the p-value, empty for threshold and change alerts
     */
    public OptionalDouble pValue() {
        return of(pValue);
    }

    /**
     * The alert in words, such as {@code signups 2023-05: value 85 below 90 for 2 periods}.
     *
     * @return the message
     */
    public String message() {
        String m = message;
        if (m == null) {
            m = text.get();
            message = m;
        }
        return m;
    }

    /**
     * Whether the alert is open: NEW or CONTINUING.
     *
     * @return true unless resolved
     */
    public boolean isOpen() {
        return state != State.RESOLVED;
    }

    /** The same alert in another state and period. */
    Alert with(State newState, Period at) {
        return new Alert(rule, kind, severity, newState, metric, segment, at, since, value, expected, low, high, signal,
                pValue, text);
    }

    /**
     * Equal when every field and the message are equal.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Alert a && a.rule.equals(rule) && a.kind == kind && a.severity == severity
                && a.state == state && a.metric.equals(metric) && a.segment.equals(segment) && a.period.equals(period)
                && a.since.equals(since) && Double.compare(a.value, value) == 0
                && Double.compare(a.expected, expected) == 0 && Double.compare(a.low, low) == 0
                && Double.compare(a.high, high) == 0 && Double.compare(a.signal, signal) == 0
                && Double.compare(a.pValue, pValue) == 0 && a.message().equals(message());
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, state, metric, segment, period, since);
    }

    /**
     * The alert as one line: {@code SEVERITY STATE rule: message}.
     *
     * @return the line
     */
    @Override
    public String toString() {
        return severity + " " + state + " " + rule + ": " + message();
    }
}
