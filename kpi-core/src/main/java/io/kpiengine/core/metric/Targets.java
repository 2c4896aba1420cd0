package io.kpiengine.core.metric;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The target slots of a KPI: short-term, long-term and stretch. Each is optional; their order is checked against
 * the KPI's {@link Direction} when the metric is built (for higher-is-better, short-term &lt;= long-term &lt;=
 * stretch; reversed for lower-is-better), and a short-term target is due no later than a long-term one.
 *
 * <pre>{@code
 * Targets t = new Targets(Target.of(new BigDecimal("3.0")), Target.of(new BigDecimal("3.5")), null);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param shortTerm the next target, or null
 * @param longTerm the target for the planning horizon, or null
 * @param stretch the ambitious target, or null
 */
public record Targets(@Nullable Target shortTerm, @Nullable Target longTerm, @Nullable Target stretch) {

    /** No targets at all. */
    public static final Targets NONE = new Targets(null, null, null);

    /**
     * The short-term target.
     *
     * @return the target, if set
     */
    public Optional<Target> shortTermTarget() {
        return Optional.ofNullable(shortTerm);
    }

    /**
     * The long-term target.
     *
     * @return the target, if set
     */
    public Optional<Target> longTermTarget() {
        return Optional.ofNullable(longTerm);
    }

    /**
     * The stretch target.
     *
     * @return the target, if set
     */
    public Optional<Target> stretchTarget() {
        return Optional.ofNullable(stretch);
    }

    /**
     * The target a status is measured against ({@link TargetStatus}): the short-term target, else the long-term
     * one, else the stretch target.
     *
     * @return the nearest target, or empty when no slot is filled
     */
    public Optional<Target> nearest() {
        return Optional.ofNullable(shortTerm != null ? shortTerm : longTerm != null ? longTerm : stretch);
    }

    /**
     * Whether no slot is filled.
     *
     * @return true if all three are null
     */
    public boolean isEmpty() {
        return shortTerm == null && longTerm == null && stretch == null;
    }
}
