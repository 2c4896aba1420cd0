package io.kpiengine.analysis;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A number computed by a statistic, or the reason it has none: the correlation of a constant series, the relative
 * change from a base of zero, the trend at the ends of a centred moving average. A figure is never NaN; an absent
 * figure always says why.
 *
 * <pre>{@code
 * Figure r = ccf.correlation(2);
 * if (r.isPresent()) {
 *     System.out.println(r.value());
 * } else {
 *     System.out.println("no correlation: " + r.reason().orElseThrow());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Figure {

    private final double value;
    private final @Nullable String reason;

    private Figure(double value, @Nullable String reason) {
        this.value = value;
        this.reason = reason;
    }

    /**
     * Returns a present figure.
     *
     * @param value the number, finite
     * @return the figure
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static Figure of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, but was " + value);
        }
        return new Figure(value, null);
    }

    /**
     * Returns an absent figure with the reason it has no value.
     *
     * @param reason why there is no value, for instance {@code "series 'visits' is constant (every point is 3.0)"}
     * @return the figure
     * @throws NullPointerException if {@code reason} is null
     */
    public static Figure absent(String reason) {
        return new Figure(Double.NaN, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Tells whether the figure has a value.
     *
     * @return true if the figure has a value
     */
    public boolean isPresent() {
        return reason == null;
    }

    /**
     * Returns the value.
     *
     * @return the value, finite
     * @throws IllegalStateException if the figure is absent; the message carries its reason
     */
    public double value() {
        if (reason != null) {
            throw new IllegalStateException("no value: " + reason);
        }
        return value;
    }

    /**
     * Returns the value, or a fallback when the figure is absent.
     *
     * @param fallback the number to return when the figure is absent
     * @return the value or {@code fallback}
     */
    public double orElse(double fallback) {
        return reason == null ? value : fallback;
    }

    /**
     * Returns the value as an optional.
     *
     * @return the value, or empty when the figure is absent
     */
    public OptionalDouble asOptional() {
        return reason == null ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /**
     * Returns why the figure has no value.
     *
     * @return the reason, or empty when the figure is present
     */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Figure f
                && Double.compare(value, f.value) == 0
                && Objects.equals(reason, f.reason);
    }

    @Override
    public int hashCode() {
        return reason == null ? Double.hashCode(value) : reason.hashCode();
    }

    @Override
    public String toString() {
        return reason == null ? Double.toString(value) : "absent (" + reason + ")";
    }
}
