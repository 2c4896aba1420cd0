package io.kpiengine.analysis;

import java.util.Objects;
import java.util.Optional;

/**
 * The lift of a treatment (B) over a control (A): absolute ({@code B - A}) and relative ({@code B / A - 1}), each
 * with its confidence interval.
 *
 * @param absolute {@code B - A}
 * @param absoluteInterval the confidence interval of the absolute lift; zero-width when neither sample varies
 * @param relative {@code B / A - 1}; absent when the control is 0
 * @param relativeInterval the delta-method confidence interval of the relative lift,
 *     {@code (B/A - 1) ± z (B/A) sqrt(var(B)/B^2 + var(A)/A^2)}; empty when the relative lift is absent
 */
public record Lift(double absolute, Interval absoluteInterval, Figure relative, Optional<Interval> relativeInterval) {

    /**
     * Checks the fields.
     *
     * @param absolute {@code B - A}
     * @param absoluteInterval the confidence interval of the absolute lift; zero-width when neither sample varies
     * @param relative {@code B / A - 1}; absent when the control is 0
     * @param relativeInterval the delta-method confidence interval of the relative lift,
     *     {@code (B/A - 1) ± z (B/A) sqrt(var(B)/B^2 + var(A)/A^2)}; empty when the relative lift is absent
     * @throws NullPointerException if a reference is null
     */
    public Lift {
        Objects.requireNonNull(absoluteInterval, "absoluteInterval");
        Objects.requireNonNull(relative, "relative");
        Objects.requireNonNull(relativeInterval, "relativeInterval");
    }

    /**
     * Builds a lift from two estimates and their variances (the squared standard errors of the estimates).
     *
     * @param a the control estimate
     * @param varA its variance
     * @param b the treatment estimate
     * @param varB its variance
     * @param absoluteHalfWidth the half-width of the absolute interval (quantile times standard error)
     * @param z the normal quantile of the relative interval
     * @param level the confidence level
     */
    static Lift of(double a, double varA, double b, double varB, double absoluteHalfWidth, double z, double level) {
        double diff = b - a;
        Interval absolute = new Interval(diff - absoluteHalfWidth, diff + absoluteHalfWidth, level);
        if (a == 0) {
            Figure none = Figure.absent("the control is 0; the relative lift is undefined");
            return new Lift(diff, absolute, none, Optional.empty());
        }
        // var(B/A) ~ var(B)/A^2 + B^2 var(A)/A^4, the first-order delta method
        double se = Math.sqrt(varB / (a * a) + b * b * varA / (a * a * a * a));
        double relative = b / a - 1;
        return new Lift(diff, absolute, Figure.of(relative),
                Optional.of(new Interval(relative - z * se, relative + z * se, level)));
    }
}
