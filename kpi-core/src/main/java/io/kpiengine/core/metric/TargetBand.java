package io.kpiengine.core.metric;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The range of good values of a {@link Direction#TARGET_BAND} KPI, both ends inclusive.
 *
 * <pre>{@code
 * TargetBand band = new TargetBand(new BigDecimal("20"), new BigDecimal("40")); // 20..40 days of inventory
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param low the smallest good value
 * @param high the largest good value, not below low
 */
public record TargetBand(BigDecimal low, BigDecimal high) {

    /**
     * Validates the band.
     *
     * @param low the smallest good value
     * @param high the largest good value, not below low
     * @throws NullPointerException if an end is null
     * @throws IllegalArgumentException if high is below low
     */
    public TargetBand {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("high must be >= low " + low.toPlainString() + ", but was "
                    + high.toPlainString());
        }
    }

    /**
     * Whether a value lies in the band.
     *
     * @param value the value
     * @return true if {@code low <= value <= high}
     */
    public boolean contains(BigDecimal value) {
        return value.compareTo(low) >= 0 && value.compareTo(high) <= 0;
    }

    @Override
    public String toString() {
        return low.toPlainString() + ".." + high.toPlainString();
    }
}
