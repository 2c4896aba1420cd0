package io.kpiengine.quality;

/**
 * What a validity rule does with a row whose value breaks the rule.
 */
public enum OnInvalid {
    /** Remove the row from the clean output and record it, with the reason, as quarantined (the default). */
    QUARANTINE,
    /** Keep the row unchanged and record the finding in the report. */
    FLAG,
    /** Replace the offending value by a missing value (so that a missing-value rule can treat it) and record
     * the change. Only for rules about one column. */
    NULLIFY
}
