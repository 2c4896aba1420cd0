package io.kpiengine.core;

import java.util.List;
import java.util.Objects;

/**
 * The account of one data source in a run: how many records were read, aggregated, rejected, and the verdict of
 * its quality rules.
 *
 * @param source the data source name
 * @param rowsAggregated clean rows fed to the aggregation
 * @param rowsRejected records that could not be read or were quarantined
 * @param rowsMerged duplicate records merged into their twin by the quality rules
 * @param rowsWithoutPeriod aggregated rows whose time value was missing, so that they count in no period
 * @param verdict the verdict of the source's quality rules
 * @param findings the quality findings behind a WARN or FAIL verdict, one sentence each
 */
public record SourceAccount(String source, long rowsAggregated, long rowsRejected, long rowsMerged,
        long rowsWithoutPeriod, QualityVerdict verdict, List<String> findings) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public SourceAccount {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
    }
}
