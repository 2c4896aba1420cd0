package io.kpiengine.quality;

/**
 * A data-quality dimension that the {@link QualityReport} scores from 0 (worst) to 1 (best).
 *
 * <p>Which rule feeds which dimension, and the exact score formulas, are listed in {@link QualityReport}.
 */
public enum Dimension {
    /** Values and periods that are present: missing cells, missing periods, expected rows per period. */
    COMPLETENESS,
    /** Rows that are not duplicates of another row. */
    UNIQUENESS,
    /** Values that are readable and within their declared domain: ranges, allowed values, patterns, outliers. */
    VALIDITY,
    /** Values that agree with each other: cross-field conditions, currencies with rates, units, time zones,
     * duplicates that disagree. */
    CONSISTENCY,
    /** Data that is recent enough: freshness. */
    TIMELINESS
}
