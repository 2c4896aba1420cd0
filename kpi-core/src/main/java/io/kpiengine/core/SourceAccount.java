package io.kpiengine.core;

import io.kpiengine.quality.QualityReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The account of one data source in a run: how many records were read, aggregated, rejected, and the verdict of
 * its quality rules.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the data source name
 * @param rowsAggregated clean rows fed to the aggregation
 * @param rowsRejected records that could not be read or were quarantined
 * @param rowsMerged duplicate records merged into their twin by the quality rules
 * @param rowsWithoutPeriod aggregated rows whose time value was missing, so that they count in no period
 * @param verdict the verdict of the source's quality rules
 * @param findings the quality findings behind a WARN or FAIL verdict, one sentence each
 * @param report the full quality report of the source's rules, or null when it has none
 */
public record SourceAccount(String source, long rowsAggregated, long rowsRejected, long rowsMerged,
        long rowsWithoutPeriod, QualityVerdict verdict, List<String> findings, @Nullable QualityReport report) {

    /**
     * Validates and copies the components.
     *
     * @param source the data source name
     * @param rowsAggregated clean rows fed to the aggregation
     * @param rowsRejected records that could not be read or were quarantined
     * @param rowsMerged duplicate records merged into their twin by the quality rules
     * @param rowsWithoutPeriod aggregated rows whose time value was missing, so that they count in no period
     * @param verdict the verdict of the source's quality rules
     * @param findings the quality findings behind a WARN or FAIL verdict, one sentence each
     * @param report the full quality report of the source's rules, or null when it has none
     * @throws NullPointerException if a component is null
     */
    public SourceAccount {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
    }

    /**
     * The quality report of the source's rules.
     *
     * @return the report, or empty when the source declares no rules
     */
    public Optional<QualityReport> qualityReport() {
        return Optional.ofNullable(report);
    }
}
