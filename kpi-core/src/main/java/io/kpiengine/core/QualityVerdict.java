package io.kpiengine.core;

/** The verdict of the quality gate on the data behind a result table. */
public enum QualityVerdict {
    /** Every source passed its quality thresholds. */
    PASS,
    /** At least one source is below a warning threshold; results are usable with care. */
    WARN,
    /** At least one source failed its quality gate; results should not be published. */
    FAIL,
    /**
     * Nothing was read to judge: a source that a resumed evaluation received no new input for. Every source that is
     * read has a gate (its rules, or the error budget of a source without rules), so it is never NOT_CHECKED.
     */
    NOT_CHECKED;

    /**
     * The worse of two verdicts (FAIL over WARN over PASS over NOT_CHECKED).
     *
     * @param other the other verdict
     * @return the worse one
     */
    public QualityVerdict worst(QualityVerdict other) {
        return rank(this) >= rank(other) ? this : other;
    }

    private static int rank(QualityVerdict v) {
        switch (v) {
            case FAIL:
                return 3;
            case WARN:
                return 2;
            case PASS:
                return 1;
            default:
                return 0;
        }
    }
}
