package io.kpiengine.quality;

/**
 * The verdict of a {@link QualityReport} under its thresholds: a gate that later stages respect.
 */
public enum GateStatus {
    /** Every measured score is at or above its warning threshold. */
    PASS,
    /** Some score is below its warning threshold, none below its failure threshold. */
    WARN,
    /** Some score is below its failure threshold. */
    FAIL
}
