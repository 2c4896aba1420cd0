package io.kpiengine.core.score;

import java.util.Locale;
import java.util.Objects;

/**
 * An incentive payout curve: the share of the target incentive paid for a measure (a node's score or a KPI's
 * achievement in percent), defined by a threshold, a target and a maximum.
 *
 * <table>
 *   <caption>Payout as a multiple of the target incentive, for a measure m</caption>
 *   <tr><th>m</th><th>linear</th><th>stepped</th></tr>
 *   <tr><td>{@code m < threshold}</td><td>0</td><td>0</td></tr>
 *   <tr><td>{@code threshold <= m < target}</td><td>from the threshold payout to the target payout, linearly</td>
 *       <td>the threshold payout</td></tr>
 *   <tr><td>{@code target <= m < maximum}</td><td>from the target payout to the maximum payout, linearly</td>
 *       <td>the target payout</td></tr>
 *   <tr><td>{@code m >= maximum}</td><td>the maximum payout: the cap</td><td>the maximum payout</td></tr>
 * </table>
 *
 * <p>Without a maximum the payout stays at the target payout from the target on (capped at 100% of the target
 * incentive, say). Points must increase ({@code threshold < target < maximum}) and payouts must not decrease.
 *
 * <pre>{@code
 * PayoutCurve curve = PayoutCurve.builder()
 *         .threshold(80, 0.5)       // 80 points pay half the target incentive
 *         .target(100, 1.0)         // 100 points pay it in full
 *         .maximum(120, 1.5)        // 120 points or more pay 150%, never more
 *         .build();
 * curve.payout(90);                 // 0.75
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PayoutCurve {

    /** How the payout moves between the points. */
    public enum Interpolation {
        /** Linearly between the points. */
        LINEAR,
        /** In steps: the payout of the highest point reached. */
        STEPPED
    }

    private final double threshold;
    private final double thresholdPayout;
    private final double target;
    private final double targetPayout;
    private final double maximum;
    private final double maximumPayout;
    private final Interpolation interpolation;

    private PayoutCurve(Builder b) {
        this.threshold = b.threshold;
        this.thresholdPayout = b.thresholdPayout;
        this.target = b.target;
        this.targetPayout = b.targetPayout;
        this.maximum = Double.isNaN(b.maximum) ? Double.POSITIVE_INFINITY : b.maximum;
        this.maximumPayout = Double.isNaN(b.maximum) ? b.targetPayout : b.maximumPayout;
        this.interpolation = b.interpolation == null ? Interpolation.LINEAR : b.interpolation;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The payout for a measure, as a multiple of the target incentive.
     *
     * @param measure the score or achievement
     * @return the multiple, 0 below the threshold and for NaN, at most the maximum payout
     */
    public double payout(double measure) {
        if (Double.isNaN(measure) || measure < threshold) {
            return 0;
        }
        if (measure >= maximum) {
            return maximumPayout;
        }
        boolean stepped = interpolation == Interpolation.STEPPED;
        if (measure < target) {
            return stepped ? thresholdPayout
                    : thresholdPayout + (targetPayout - thresholdPayout) * (measure - threshold) / (target - threshold);
        }
        if (Double.isInfinite(maximum)) {
            return targetPayout;
        }
        return stepped ? targetPayout
                : targetPayout + (maximumPayout - targetPayout) * (measure - target) / (maximum - target);
    }

    /**
     * The largest payout: the cap.
     *
     * @return the maximum payout, or the target payout without a maximum
     */
    public double cap() {
        return maximumPayout;
    }

    /**
     * The interpolation.
     *
     * @return linear or stepped
     */
    public Interpolation interpolation() {
        return interpolation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayoutCurve c && c.threshold == threshold && c.thresholdPayout == thresholdPayout
                && c.target == target && c.targetPayout == targetPayout && c.maximum == maximum
                && c.maximumPayout == maximumPayout && c.interpolation == interpolation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(threshold, thresholdPayout, target, targetPayout, maximum, maximumPayout, interpolation);
    }

    /**
     * The curve as text: {@code linear 80 -> 0.5, 100 -> 1, 120 -> 1.5 (cap)}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return interpolation.name().toLowerCase(Locale.ROOT) + " " + Normalization.num(threshold) + " -> "
                + Normalization.num(thresholdPayout) + ", " + Normalization.num(target) + " -> "
                + Normalization.num(targetPayout) + (Double.isInfinite(maximum) ? " (cap)" : ", "
                + Normalization.num(maximum) + " -> " + Normalization.num(maximumPayout) + " (cap)");
    }

    /**
     * Builds a {@link PayoutCurve}: threshold and target are required. Not thread-safe; {@link #build()} leaves
     * the builder reusable.
     */
    public static final class Builder {

        private double threshold = Double.NaN;
        private double thresholdPayout;
        private double target = Double.NaN;
        private double targetPayout;
        private double maximum = Double.NaN;
        private double maximumPayout;
        private Interpolation interpolation;

        @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
        private Builder() {
        }

        private static void check(double current, double at, double payout, String what) {
            if (!Double.isNaN(current)) {
                throw new IllegalStateException(what + " was already set to " + current);
            }
            if (!Double.isFinite(at) || !(payout >= 0) || !Double.isFinite(payout)) {
                throw new IllegalArgumentException(what + " must be a finite point with a non-negative finite"
                        + " payout, but was " + at + " -> " + payout);
            }
        }

        /**
         * Sets the threshold: below it nothing is paid.
         *
         * @param at the measure
         * @param payout the multiple of the target incentive paid at the threshold
         * @return this builder
         * @throws IllegalArgumentException if a value is not finite or the payout is negative
         * @throws IllegalStateException if already set
         */
        public Builder threshold(double at, double payout) {
            check(threshold, at, payout, "threshold");
            threshold = at;
            thresholdPayout = payout;
            return this;
        }

        /**
         * Sets the target point.
         *
         * @param at the measure
         * @param payout the multiple paid at the target, usually 1
         * @return this builder
         * @throws IllegalArgumentException if a value is not finite or the payout is negative
         * @throws IllegalStateException if already set
         */
        public Builder target(double at, double payout) {
            check(target, at, payout, "target");
            target = at;
            targetPayout = payout;
            return this;
        }

        /**
         * Sets the maximum point: from it on the payout stays at its payout, the cap.
         *
         * @param at the measure
         * @param payout the largest multiple paid
         * @return this builder
         * @throws IllegalArgumentException if a value is not finite or the payout is negative
         * @throws IllegalStateException if already set
         */
        public Builder maximum(double at, double payout) {
            check(maximum, at, payout, "maximum");
            maximum = at;
            maximumPayout = payout;
            return this;
        }

        /**
         * Sets the interpolation (default linear).
         *
         * @param interpolation linear or stepped
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder interpolation(Interpolation interpolation) {
            this.interpolation = Once.set(this.interpolation, interpolation, "interpolation");
            return this;
        }

        /**
         * Builds the curve.
         *
         * @return the curve
         * @throws IllegalStateException if threshold or target is missing, the points do not increase, or the
         *     payouts decrease
         */
        public PayoutCurve build() {
            if (Double.isNaN(threshold) || Double.isNaN(target)) {
                throw new IllegalStateException("a payout curve needs a threshold and a target");
            }
            if (!(target > threshold) || (!Double.isNaN(maximum) && !(maximum > target))) {
                throw new IllegalStateException("the points of a payout curve must increase (threshold < target <"
                        + " maximum), but were " + threshold + ", " + target + ", " + maximum);
            }
            if (targetPayout < thresholdPayout || (!Double.isNaN(maximum) && maximumPayout < targetPayout)) {
                throw new IllegalStateException("the payouts of a payout curve must not decrease, but were "
                        + thresholdPayout + ", " + targetPayout + ", " + maximumPayout);
            }
            return new PayoutCurve(this);
        }
    }
}
