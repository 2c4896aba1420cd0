package io.kpiengine.core.metric;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of a metric's change history: a version label, the date from which the definition applies and why
 * it changed.
 *
 * <pre>{@code
 * new MetricVersion("2", LocalDate.of(2025, 4, 1), "count only paid orders")
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param version the version label, e.g. {@code "2"} or {@code "2.1"}: not blank
 * @param effective the first date on which this definition applies
 * @param reason why the definition changed (for the first version, why it was introduced): not blank
 */
public record MetricVersion(String version, LocalDate effective, String reason) {

    /**
     * Validates the entry.
     *
     * @param version the version label, e.g. {@code "2"} or {@code "2.1"}: not blank
     * @param effective the first date on which this definition applies
     * @param reason why the definition changed (for the first version, why it was introduced): not blank
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if version or reason is blank
     */
    public MetricVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(effective, "effective");
        Objects.requireNonNull(reason, "reason");
        if (version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank, but was '" + version + "'");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason of version " + version + " must not be blank, but was '"
                    + reason + "'");
        }
    }
}
