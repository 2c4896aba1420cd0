package io.kpiengine.core.metric;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The target slots of a KPI: short-term, long-term and stretch. Each is optional; their order is checked against
 * the KPI's {@link Direction} when the metric is built (for higher-is-better, short-term &lt;= long-term &lt;=
 * stretch; reversed for lower-is-better), and a short-term target is due no later than a long-term one.
 *
 * <pre>{@code
 * Targets t = Targets.of(12).stretch(15);                           // short-term 12, stretch 15
 * Targets u = Targets.of(3.0).longTerm(3.5).stretch(Target.of(4).by(LocalDate.of(2026, 12, 31)));
 * Targets v = new Targets(Target.of(new BigDecimal("3.0")), Target.of(new BigDecimal("3.5")), null);
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
     * Targets with a short-term target; add the others with {@link #longTerm(double)} and {@link #stretch(double)}.
     *
     * <pre>{@code
     * Targets t = Targets.of(12).stretch(15);
     * }</pre>
     *
     * @param shortTerm the short-term target value, finite
     * @return the targets
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public static Targets of(double shortTerm) {
        return of(Target.of(shortTerm));
    }

    /**
     * Targets with a short-term target given exactly.
     *
     * @param shortTerm the short-term target value
     * @return the targets
     * @throws NullPointerException if the value is null
     */
    public static Targets of(BigDecimal shortTerm) {
        return of(Target.of(shortTerm));
    }

    /**
     * Targets with a short-term target that may carry a due date.
     *
     * <pre>{@code
     * Targets t = Targets.of(Target.of(12).by(LocalDate.of(2025, 12, 31))).stretch(15);
     * }</pre>
     *
     * @param shortTerm the short-term target
     * @return the targets
     * @throws NullPointerException if the target is null
     */
    public static Targets of(Target shortTerm) {
        return new Targets(Objects.requireNonNull(shortTerm, "shortTerm"), null, null);
    }

    /**
     * These targets with another short-term target.
     *
     * @param value the short-term target value, finite
     * @return new targets
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public Targets shortTerm(double value) {
        return shortTerm(Target.of(value));
    }

    /**
     * These targets with another short-term target.
     *
     * @param target the short-term target
     * @return new targets
     * @throws NullPointerException if the target is null
     */
    public Targets shortTerm(Target target) {
        return new Targets(Objects.requireNonNull(target, "target"), longTerm, stretch);
    }

    /**
     * These targets with a long-term target.
     *
     * <pre>{@code
     * Targets t = Targets.of(12).longTerm(14).stretch(15);
     * }</pre>
     *
     * @param value the long-term target value, finite
     * @return new targets
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public Targets longTerm(double value) {
        return longTerm(Target.of(value));
    }

    /**
     * These targets with a long-term target.
     *
     * @param target the long-term target
     * @return new targets
     * @throws NullPointerException if the target is null
     */
    public Targets longTerm(Target target) {
        return new Targets(shortTerm, Objects.requireNonNull(target, "target"), stretch);
    }

    /**
     * These targets with a stretch target.
     *
     * <pre>{@code
     * Targets t = Targets.of(12).stretch(15);
     * }</pre>
     *
     * @param value the stretch target value, finite
     * @return new targets
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public Targets stretch(double value) {
        return stretch(Target.of(value));
    }

    /**
     * These targets with a stretch target.
     *
     * @param target the stretch target
     * @return new targets
     * @throws NullPointerException if the target is null
     */
    public Targets stretch(Target target) {
        return new Targets(shortTerm, longTerm, Objects.requireNonNull(target, "target"));
    }

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
