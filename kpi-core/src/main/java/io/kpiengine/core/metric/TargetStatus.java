package io.kpiengine.core.metric;

import java.util.Optional;

/**
 * Where a KPI value stands against its target: a traffic light (green, amber, red) for scorecards, from the
 * metric's {@link Direction}, {@link TargetBand} and {@link Targets}. Obtained with
 * {@link MetricMetadata#targetStatus(double)}.
 *
 * <p>The rule, with a margin {@code m} (default {@value #DEFAULT_MARGIN}, i.e. 5%) and the target {@code t}
 * that {@link Targets#nearest()} picks (short-term, else long-term, else stretch):
 * <table>
 *   <caption>Status by direction</caption>
 *   <tr><th>direction</th><th>ON_TRACK</th><th>AT_RISK</th><th>OFF_TRACK</th></tr>
 *   <tr><td>higher-is-better</td><td>{@code v >= t}</td><td>{@code t - m|t| <= v < t}</td>
 *       <td>{@code v < t - m|t|}</td></tr>
 *   <tr><td>lower-is-better</td><td>{@code v <= t}</td><td>{@code t < v <= t + m|t|}</td>
 *       <td>{@code v > t + m|t|}</td></tr>
 *   <tr><td>target-band {@code [low, high]}</td><td>{@code low <= v <= high}</td>
 *       <td>{@code low - m|low| <= v < low} or {@code high < v <= high + m|high|}</td><td>further out</td></tr>
 * </table>
 * The margin is relative to the target it misses, so a target of 0 has no at-risk zone. Due dates are not
 * considered: the status compares a value with the target, whenever that is due. A metric without a direction,
 * or with a higher- or lower-is-better direction but no target, has no status.
 *
 * <pre>{@code
 * MetricMetadata md = catalog.metric("response_time").orElseThrow().metadata();   // lower is better, target 30
 * md.targetStatus(29.0);   // Optional[ON_TRACK]
 * md.targetStatus(31.0);   // Optional[AT_RISK]   (within 5% of 30)
 * md.targetStatus(40.0);   // Optional[OFF_TRACK]
 * }</pre>
 */
public enum TargetStatus {
    /** The value meets the target or lies in the band. */
    ON_TRACK,
    /** The value misses the target (or band) by at most the margin. */
    AT_RISK,
    /** The value misses the target (or band) by more than the margin. */
    OFF_TRACK;

    /** The default at-risk margin: 5% of the target. */
    public static final double DEFAULT_MARGIN = 0.05;

    /** The status of a value by the rule of the class comment, or empty without direction or target. */
    static Optional<TargetStatus> of(Direction direction, TargetBand band, Targets targets, double value,
            double margin) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, but was " + value);
        }
        if (!(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException("margin must be between 0 and 1, but was " + margin);
        }
        if (direction == null) {
            return Optional.empty();
        }
        if (direction == Direction.TARGET_BAND) {
            double low = band.low().doubleValue();
            double high = band.high().doubleValue();
            if (value < low) {
                return Optional.of(value >= low - margin * Math.abs(low) ? AT_RISK : OFF_TRACK);
            }
            if (value > high) {
                return Optional.of(value <= high + margin * Math.abs(high) ? AT_RISK : OFF_TRACK);
            }
            return Optional.of(ON_TRACK);
        }
        Optional<Target> target = targets.nearest();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        double goal = target.get().value().doubleValue();
        double miss = direction == Direction.HIGHER_IS_BETTER ? goal - value : value - goal;
        return Optional.of(miss <= 0 ? ON_TRACK : miss <= margin * Math.abs(goal) ? AT_RISK : OFF_TRACK);
    }
}
