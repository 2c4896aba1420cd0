package io.kpiengine.core.track;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rule that raises {@link Alert}s for a metric: a signal per period (the value or achievement, a change, or an
 * anomaly score) is compared with an enter level; the alert opens after the condition has held for
 * {@code periods} consecutive periods, stays open until the signal crosses the exit level (hysteresis: a separate,
 * easier level), and after it resolves no new alert opens for {@code cooldown} periods.
 *
 * <table>
 *   <caption>Signals</caption>
 *   <tr><th>kind</th><th>signal</th></tr>
 *   <tr><td>{@code threshold}</td><td>the value, or the achievement in percent ({@code input})</td></tr>
 *   <tr><td>{@code change}</td><td>value minus the previous period's value, the baseline or last year's value
 *       ({@code basis}); in percent of it with {@code percent}</td></tr>
 *   <tr><td>{@code anomaly}</td><td>a z-score ({@code method}): {@code sigma}: (value - baseline) / s, s the sample
 *       standard deviation of the {@code window} periods before; {@code robust}: (value - median) / (1.4826 MAD) of
 *       the window; {@code ewma}: (z - mu0) / sigma_z(t) of an EWMA control chart with weight {@code lambda}, mean and
 *       standard deviation calibrated on the series' first {@code window} periods</td></tr>
 * </table>
 *
 * <p>Levels: {@code above(x)} opens when the signal is greater than x, {@code below(x)} when it is less,
 * {@code beyond(x)} when its absolute value is greater (the default of anomalies: {@code beyond(3)}). The exit level
 * (default: the enter level) closes the alert when the signal is at or below it (above), at or above it (below), or
 * its absolute value at or below it (beyond).
 *
 * <pre>{@code
 * AlertRule low = AlertRule.threshold("leads-below-plan", "leads").input(AlertRule.Input.ACHIEVEMENT)
 *         .below(90).exitAt(95).periods(2).cooldown(3).severity(AlertSeverity.CRITICAL).build();
 * AlertRule jump = AlertRule.change("cpl-jump", "cost_per_lead").percent().above(20).build();
 * AlertRule odd = AlertRule.anomaly("leads-anomaly", "leads").method(AlertRule.Method.ROBUST).window(12)
 *         .beyond(3.5).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the rule's id, unique in a plan
 * @param metric the metric id
 * @param segment dimension values the rule watches; empty for every segment
 * @param kind threshold, change or anomaly
 * @param input what a threshold watches
 * @param basis what a change is measured against
 * @param percent whether a change is in percent of its basis
 * @param method the anomaly score
 * @param window the trailing window (sigma, robust) or calibration window (ewma), in periods
 * @param lambda the EWMA weight, 0 &lt; lambda &lt;= 1
 * @param side how the signal is compared with the levels
 * @param enter the level that opens an alert
 * @param exit the level that closes it
 * @param periods how many consecutive periods the condition must hold before the alert opens
 * @param cooldown how many periods after an alert resolves no new one opens
 * @param severity the severity of its alerts
 */
public record AlertRule(String id, String metric, Map<String, String> segment, Kind kind, Input input, Basis basis,
        boolean percent, Method method, int window, double lambda, Side side, double enter, double exit, int periods,
        int cooldown, AlertSeverity severity) {

    /** The default anomaly window. */
    public static final int DEFAULT_WINDOW = 12;
    /** The default EWMA weight. */
    public static final double DEFAULT_LAMBDA = 0.2;
    /** The default anomaly level: 3 standard deviations. */
    public static final double DEFAULT_K = 3;

    /** The kind of signal. */
    public enum Kind {
        /** The value or achievement against fixed levels. */
        THRESHOLD,
        /** A change against the previous period, the baseline or last year. */
        CHANGE,
        /** An anomaly score. */
        ANOMALY;

        /**
         * The kind as written in documents.
         *
         * @return {@code threshold}, {@code change} or {@code anomaly}
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a threshold rule watches. */
    public enum Input {
        /** The KPI's value, in its unit. */
        VALUE,
        /** The achievement in percent of the target (direction-aware). */
        ACHIEVEMENT
    }

    /** What a change is measured against. */
    public enum Basis {
        /** The previous period. */
        PREVIOUS,
        /** The period's baseline. */
        BASELINE,
        /** The same period last year. */
        LAST_YEAR
    }

    /** The anomaly score. */
    public enum Method {
        /** (value - baseline) / sample standard deviation of the trailing window. */
        SIGMA,
        /** (value - median) / (1.4826 * median absolute deviation) of the trailing window. */
        ROBUST,
        /** EWMA control chart statistic in units of its standard deviation. */
        EWMA
    }

    /** How the signal is compared with the levels. */
    public enum Side {
        /** Opens above the enter level. */
        ABOVE,
        /** Opens below the enter level. */
        BELOW,
        /** Opens when the absolute signal exceeds the enter level. */
        BEYOND
    }

    /**
     * Validates the rule.
     *
     * @param id the rule's id
     * @param metric the metric id
     * @param segment dimension values the rule watches
     * @param kind the kind
     * @param input what a threshold watches
     * @param basis what a change is measured against
     * @param percent whether a change is in percent
     * @param method the anomaly score
     * @param window the window in periods, 2..1000
     * @param lambda the EWMA weight
     * @param side the comparison
     * @param enter the enter level
     * @param exit the exit level
     * @param periods consecutive periods, 1..1000
     * @param cooldown periods of cooldown, 0..1000
     * @param severity the severity
     * @throws NullPointerException if a reference component is null
     * @throws IllegalArgumentException if a number is out of range or not finite, or the exit level is on the wrong
     *     side of the enter level
     */
    public AlertRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(severity, "severity");
        segment = Segments.copy(segment);
        if (id.isBlank() || metric.isBlank()) {
            throw new IllegalArgumentException("id and metric of an alert rule must not be blank, but were '" + id
                    + "' and '" + metric + "'");
        }
        finite(enter, "enter level");
        finite(exit, "exit level");
        if (side == Side.ABOVE && exit > enter || side == Side.BELOW && exit < enter
                || side == Side.BEYOND && (exit > enter || enter < 0 || exit < 0)) {
            throw new IllegalArgumentException("alert rule '" + id + "': exit level must be " + (side == Side.BELOW
                    ? "at or above" : "at or below") + " the enter level " + enter + (side == Side.BEYOND
                    ? " and both at least 0" : "") + ", but was " + exit);
        }
        if (window < 2 || window > 1000) {
            throw new IllegalArgumentException("alert rule '" + id + "': window must be between 2 and 1000, but was "
                    + window);
        }
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException("alert rule '" + id + "': lambda must be in (0, 1], but was " + lambda);
        }
        if (periods < 1 || periods > 1000 || cooldown < 0 || cooldown > 1000) {
            throw new IllegalArgumentException("alert rule '" + id + "': periods must be between 1 and 1000 and"
                    + " cooldown between 0 and 1000, but were " + periods + " and " + cooldown);
        }
    }

    private static void finite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, but was " + v);
        }
    }

    /**
     * A builder of a threshold rule (the value by default; {@code input(ACHIEVEMENT)} for the achievement).
     *
     * <pre>{@code
     * AlertRule r = AlertRule.threshold("cpl-high", "cost_per_lead").above(40).exitAt(35).build();
     * }</pre>
     *
     * @param id the rule's id
     * @param metric the metric id
     * @return a new builder
     */
    public static Builder threshold(String id, String metric) {
        return new Builder(id, metric, Kind.THRESHOLD);
    }

    /**
     * A builder of a change rule (absolute change from the previous period by default).
     *
     * <pre>{@code
     * AlertRule r = AlertRule.change("leads-drop", "leads").basis(AlertRule.Basis.LAST_YEAR).percent().below(-20)
     *         .build();
     * }</pre>
     *
     * @param id the rule's id
     * @param metric the metric id
     * @return a new builder
     */
    public static Builder change(String id, String metric) {
        return new Builder(id, metric, Kind.CHANGE);
    }

    /**
     * A builder of an anomaly rule (sigma over 12 periods, beyond 3, by default).
     *
     * <pre>{@code
     * AlertRule r = AlertRule.anomaly("leads-odd", "leads").method(AlertRule.Method.EWMA).lambda(0.2).build();
     * }</pre>
     *
     * @param id the rule's id
     * @param metric the metric id
     * @return a new builder
     */
    public static Builder anomaly(String id, String metric) {
        return new Builder(id, metric, Kind.ANOMALY);
    }

    /** Whether the signal opens an alert, by the side and the enter level. */
    boolean enters(double signal) {
        return side == Side.ABOVE ? signal > enter : side == Side.BELOW ? signal < enter : Math.abs(signal) > enter;
    }

    /** Whether the signal closes an open alert, by the side and the exit level. */
    boolean exits(double signal) {
        return side == Side.ABOVE ? signal <= exit : side == Side.BELOW ? signal >= exit : Math.abs(signal) <= exit;
    }

    /**
     * The rule as one line: {@code leads-low: threshold achievement below 90 (exit 95) for 2 periods}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String signal = switch (kind) {
            case THRESHOLD -> input == Input.VALUE ? "value" : "achievement";
            case CHANGE -> (percent ? "percent change" : "change") + " from " + basis.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ');
            case ANOMALY -> method.name().toLowerCase(Locale.ROOT) + " score over " + window + " periods";
        };
        return id + ": " + kind.id() + " " + signal + " " + side.name().toLowerCase(Locale.ROOT) + " " + num(enter)
                + (exit != enter ? " (exit " + num(exit) + ")" : "") + (periods > 1 ? " for " + periods + " periods" : "")
                + (cooldown > 0 ? ", cooldown " + cooldown : "") + ", " + severity.id();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Builds an {@link AlertRule}; each option may be set once. Not thread-safe.
     */
    public static final class Builder {
        private final String id;
        private final String metric;
        private final Kind kind;
        private Map<String, String> segment;
        private Input input;
        private Basis basis;
        private Boolean percent;
        private Method method;
        private Integer window;
        private Double lambda;
        private Side side;
        private Double enter;
        private Double exit;
        private Integer periods;
        private Integer cooldown;
        private AlertSeverity severity;

        @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
        private Builder(String id, String metric, Kind kind) {
            this.id = Objects.requireNonNull(id, "id");
            this.metric = Objects.requireNonNull(metric, "metric");
            this.kind = kind;
        }

        private static <T> T once(@Nullable T current, T value, String what) {
            Objects.requireNonNull(value, what);
            if (current != null) {
                throw new IllegalStateException(what + " was already set to " + current);
            }
            return value;
        }

        private void only(Kind k, String what) {
            if (kind != k) {
                throw new IllegalStateException(what + " applies to " + k.id() + " rules, but this rule is "
                        + kind.id());
            }
        }

        /**
         * Watches one segment only.
         *
         * @param dimensions dimension values
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder segment(Map<String, String> dimensions) {
            this.segment = once(this.segment, Map.copyOf(dimensions), "segment");
            return this;
        }

        /**
         * What a threshold rule watches (default VALUE).
         *
         * @param what the input
         * @return this builder
         * @throws IllegalStateException if already set, or the rule is no threshold rule
         */
        public Builder input(Input what) {
            only(Kind.THRESHOLD, "input");
            this.input = once(this.input, what, "input");
            return this;
        }

        /**
         * What a change rule measures against (default PREVIOUS).
         *
         * @param against the basis
         * @return this builder
         * @throws IllegalStateException if already set, or the rule is no change rule
         */
        public Builder basis(Basis against) {
            only(Kind.CHANGE, "basis");
            this.basis = once(this.basis, against, "basis");
            return this;
        }

        /**
         * Measures a change in percent of its basis.
         *
         * @return this builder
         * @throws IllegalStateException if already set, or the rule is no change rule
         */
        public Builder percent() {
            only(Kind.CHANGE, "percent");
            this.percent = once(this.percent, Boolean.TRUE, "percent");
            return this;
        }

        /**
         * The anomaly score (default SIGMA).
         *
         * @param score the method
         * @return this builder
         * @throws IllegalStateException if already set, or the rule is no anomaly rule
         */
        public Builder method(Method score) {
            only(Kind.ANOMALY, "method");
            this.method = once(this.method, score, "method");
            return this;
        }

        /**
         * The trailing (or EWMA calibration) window in periods (default {@value AlertRule#DEFAULT_WINDOW}).
         *
         * @param n 2..1000
         * @return this builder
         * @throws IllegalStateException if already set, or the rule is no anomaly rule
         */
        public Builder window(int n) {
            only(Kind.ANOMALY, "window");
            this.window = once(this.window, n, "window");
            return this;
        }

        /**
         * The EWMA weight of the newest value (default {@value AlertRule#DEFAULT_LAMBDA}).
         *
         * @param weight in (0, 1]
         * @return this builder
         * @throws IllegalStateException if already set, or the rule is no anomaly rule
         */
        public Builder lambda(double weight) {
            only(Kind.ANOMALY, "lambda");
            this.lambda = once(this.lambda, weight, "lambda");
            return this;
        }

        private Builder level(Side s, double level) {
            if (side != null) {
                throw new IllegalStateException("the enter level was already set: " + side.name()
                        .toLowerCase(Locale.ROOT) + " " + enter);
            }
            finite(level, "level");
            this.side = s;
            this.enter = level;
            return this;
        }

        /**
         * Opens an alert when the signal is greater than the level.
         *
         * @param level the enter level
         * @return this builder
         * @throws IllegalArgumentException if level is NaN or infinite
         * @throws IllegalStateException if a level was already set
         */
        public Builder above(double level) {
            return level(Side.ABOVE, level);
        }

        /**
         * Opens an alert when the signal is less than the level.
         *
         * @param level the enter level
         * @return this builder
         * @throws IllegalArgumentException if level is NaN or infinite
         * @throws IllegalStateException if a level was already set
         */
        public Builder below(double level) {
            return level(Side.BELOW, level);
        }

        /**
         * Opens an alert when the absolute signal is greater than the level.
         *
         * @param level the enter level, at least 0
         * @return this builder
         * @throws IllegalArgumentException if level is NaN or infinite
         * @throws IllegalStateException if a level was already set
         */
        public Builder beyond(double level) {
            return level(Side.BEYOND, level);
        }

        /**
         * The exit level of the hysteresis (default: the enter level).
         *
         * @param level the level at which an open alert resolves
         * @return this builder
         * @throws IllegalArgumentException if level is NaN or infinite
         * @throws IllegalStateException if already set
         */
        public Builder exitAt(double level) {
            finite(level, "exit level");
            this.exit = once(this.exit, level, "exit level");
            return this;
        }

        /**
         * How many consecutive periods the condition must hold before the alert opens (default 1).
         *
         * @param n 1..1000
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder periods(int n) {
            this.periods = once(this.periods, n, "periods");
            return this;
        }

        /**
         * How many periods after an alert resolves no new alert of this rule opens for the segment (default 0).
         *
         * @param n 0..1000
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder cooldown(int n) {
            this.cooldown = once(this.cooldown, n, "cooldown");
            return this;
        }

        /**
         * The severity (default WARNING).
         *
         * @param level the severity
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder severity(AlertSeverity level) {
            this.severity = once(this.severity, level, "severity");
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws IllegalStateException if a threshold or change rule has no enter level
         * @throws IllegalArgumentException if the options do not fit together (see {@link AlertRule})
         */
        public AlertRule build() {
            if (side == null && kind != Kind.ANOMALY) {
                throw new IllegalStateException("alert rule '" + id + "' needs an enter level: above(x), below(x) or"
                        + " beyond(x)");
            }
            Side s = side == null ? Side.BEYOND : side;
            double in = enter == null ? DEFAULT_K : enter;
            return new AlertRule(id, metric, segment == null ? Map.of() : segment, kind,
                    input == null ? Input.VALUE : input, basis == null ? Basis.PREVIOUS : basis, percent != null,
                    method == null ? Method.SIGMA : method, window == null ? DEFAULT_WINDOW : window,
                    lambda == null ? DEFAULT_LAMBDA : lambda, s, in, exit == null ? in : exit,
                    periods == null ? 1 : periods, cooldown == null ? 0 : cooldown,
                    severity == null ? AlertSeverity.WARNING : severity);
        }
    }
}
