package io.kpiengine.formula;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in functions of the formula language: the one table of their names and argument counts. Every
 * function is strict (an argument without value gives a result without value) except {@link #IF} and
 * {@link #COALESCE}; a result outside the function's domain or too large for a double is "no value" with a
 * {@link NoValue reason}, never NaN or infinity.
 *
 * <pre>{@code
 * FormulaFunction.of("atan2").orElseThrow().minArgs();   // 2
 * FormulaFunction.of("sine");                             // empty
 * }</pre>
 *
 * <p>Angles are in radians. {@code log} is the natural logarithm (as in exp4j), like {@code ln}.
 */
public enum FormulaFunction {
    /** {@code abs(x)}: the absolute value. */
    ABS(1, 1),
    /** {@code sqrt(x)}: the square root; no value below 0. */
    SQRT(1, 1),
    /** {@code cbrt(x)}: the cube root, of any sign. */
    CBRT(1, 1),
    /** {@code exp(x)}: e to the power x; no value on overflow (x above about 709.78). */
    EXP(1, 1),
    /** {@code expm1(x)}: {@code exp(x) - 1}, accurate near 0. */
    EXPM1(1, 1),
    /** {@code ln(x)}: the natural logarithm; no value at or below 0. */
    LN(1, 1),
    /** {@code log(x)}: the natural logarithm, the same as {@code ln} (exp4j's {@code log}). */
    LOG(1, 1),
    /** {@code log2(x)}: the base-2 logarithm, exact for powers of two; no value at or below 0. */
    LOG2(1, 1),
    /** {@code log10(x)}: the base-10 logarithm; no value at or below 0. */
    LOG10(1, 1),
    /** {@code log1p(x)}: {@code ln(1 + x)}, accurate near 0; no value at or below -1. */
    LOG1P(1, 1),
    /** {@code sin(x)}: the sine. */
    SIN(1, 1),
    /** {@code cos(x)}: the cosine. */
    COS(1, 1),
    /** {@code tan(x)}: the tangent. */
    TAN(1, 1),
    /** {@code cot(x)}: the cotangent {@code 1 / tan(x)}; no value (division by zero) at 0. */
    COT(1, 1),
    /** {@code asin(x)}: the arc sine in [-pi/2, pi/2]; no value outside [-1, 1]. */
    ASIN(1, 1),
    /** {@code acos(x)}: the arc cosine in [0, pi]; no value outside [-1, 1]. */
    ACOS(1, 1),
    /** {@code atan(x)}: the arc tangent in (-pi/2, pi/2). */
    ATAN(1, 1),
    /** {@code atan2(y, x)}: the angle of the point (x, y) in [-pi, pi]. */
    ATAN2(2, 2),
    /** {@code sinh(x)}: the hyperbolic sine. */
    SINH(1, 1),
    /** {@code cosh(x)}: the hyperbolic cosine. */
    COSH(1, 1),
    /** {@code tanh(x)}: the hyperbolic tangent. */
    TANH(1, 1),
    /** {@code hypot(x, y)}: {@code sqrt(x^2 + y^2)} without intermediate overflow. */
    HYPOT(2, 2),
    /** {@code signum(x)}: -1, 0 or 1 by the sign of x. */
    SIGNUM(1, 1),
    /** {@code floor(x)}: the largest integer not above x. */
    FLOOR(1, 1),
    /** {@code ceil(x)}: the smallest integer not below x. */
    CEIL(1, 1),
    /** {@code round(x)} or {@code round(x, digits)}: half away from zero, like Excel's ROUND. */
    ROUND(1, 2),
    /** {@code pow(x, y)}: the same as {@code x ^ y}. */
    POW(2, 2),
    /** {@code min(a, b, ...)}: the least argument. */
    MIN(2, Integer.MAX_VALUE),
    /** {@code max(a, b, ...)}: the greatest argument. */
    MAX(2, Integer.MAX_VALUE),
    /** {@code if(condition, then, else)}: evaluates only the branch it takes. */
    IF(3, 3),
    /** {@code coalesce(x, fallback, ...)}: the first argument that has a value. */
    COALESCE(2, Integer.MAX_VALUE),
    /**
     * {@code unitless(x)}: x itself; tells a unit checker (such as kpi-core's for derived metrics) that the
     * result is a pure number, so that a weighted composite of quantities in different units can be formed.
     */
    UNITLESS(1, 1);

    /** The {@link #maxArgs()} of a function that takes any number of arguments. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final int minArgs;
    private final int maxArgs;
    private final String text;

    FormulaFunction(int minArgs, int maxArgs) {
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.text = name().toLowerCase(Locale.ROOT);
    }

    /**
     * The name as written in formulas (lower case; names are case-sensitive).
     *
     * @return for example {@code "atan2"}
     */
    public String text() {
        return text;
    }

    /**
     * The least number of arguments.
     *
     * @return at least 1
     */
    public int minArgs() {
        return minArgs;
    }

    /**
     * The largest number of arguments.
     *
     * @return the count, or {@link #UNBOUNDED}
     */
    public int maxArgs() {
        return maxArgs;
    }

    /**
     * The function of a name as written.
     *
     * @param text a name, case-sensitive
     * @return the function, or empty if no built-in function has that name
     * @throws NullPointerException if {@code text} is null
     */
    public static Optional<FormulaFunction> of(String text) {
        Objects.requireNonNull(text, "text");
        for (FormulaFunction f : values()) {
            if (f.text.equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
