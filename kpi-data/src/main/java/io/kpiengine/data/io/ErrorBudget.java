package io.kpiengine.data.io;

import java.util.Locale;

/**
 * How many unreadable records a source may meet before the run stops: a maximum share of rejected records
 * (judged once a minimum number of records has been read, and again at the end of the input) and/or a maximum
 * count.
 *
 * <pre>{@code
 * ErrorBudget budget = ErrorBudget.maxFraction(0.05, 1_000);          // stop when more than 5% fail
 * ErrorBudget strict = ErrorBudget.maxCount(0);                       // stop at the first bad record
 * ErrorBudget both = ErrorBudget.maxFraction(0.05, 1_000).andMaxCount(10_000);
 * }</pre>
 *
 * <p>Readers check the budget after every batch, over all partitions of a source together, so the run stops
 * at the end of the batch in which the budget was exceeded, with {@link ErrorBudgetExceededException}.
 *
 * <p>Immutable and thread-safe: one budget may serve many sources; each source counts its own records.
 *
 * @param maxFraction the largest allowed share of rejected records among all records read, 0..1; 1 means no
 *     limit on the share
 * @param minRecords the number of records read before the share is judged (it is also judged at the end of the
 *     input)
 * @param maxCount the largest allowed number of rejected records; {@code Long.MAX_VALUE} means no limit
 */
public record ErrorBudget(double maxFraction, long minRecords, long maxCount) {

    /** No limit: every bad record is quarantined and reading goes on. The default of every reader. */
    public static final ErrorBudget UNLIMITED = new ErrorBudget(1.0, 0, Long.MAX_VALUE);

    /**
     * Validates the components.
     *
     * @param maxFraction the largest allowed share of rejected records among all records read, 0..1; 1 means no limit
     *     on the share
     * @param minRecords the number of records read before the share is judged (it is also judged at the end of the
     *     input)
     * @param maxCount the largest allowed number of rejected records; {@code Long.MAX_VALUE} means no limit
     * @throws IllegalArgumentException if maxFraction is outside 0..1, or a count is negative
     */
    public ErrorBudget {
        if (!(maxFraction >= 0 && maxFraction <= 1)) {
            throw new IllegalArgumentException("maxFraction must be in 0..1, but was " + maxFraction);
        }
        if (minRecords < 0) {
            throw new IllegalArgumentException("minRecords must be >= 0, but was " + minRecords);
        }
        if (maxCount < 0) {
            throw new IllegalArgumentException("maxCount must be >= 0, but was " + maxCount);
        }
    }

    /**
     * A budget of a maximum share of rejected records.
     *
     * @param maxFraction the largest allowed share, 0..1 (0.05 for 5%)
     * @param minRecords records to read before the share is first judged
     * @return the budget
     */
    public static ErrorBudget maxFraction(double maxFraction, long minRecords) {
        return new ErrorBudget(maxFraction, minRecords, Long.MAX_VALUE);
    }

    /**
     * A budget of a maximum number of rejected records.
     *
     * @param maxCount the largest allowed number; 0 stops at the first bad record
     * @return the budget
     */
    public static ErrorBudget maxCount(long maxCount) {
        return new ErrorBudget(1.0, 0, maxCount);
    }

    /**
     * This budget with a maximum count as well.
     *
     * @param count the largest allowed number of rejected records
     * @return a new budget
     */
    public ErrorBudget andMaxCount(long count) {
        return new ErrorBudget(maxFraction, minRecords, count);
    }

    /**
     * Whether this budget can never be exceeded.
     *
     * @return true for {@link #UNLIMITED} and equivalents
     */
    public boolean isUnlimited() {
        return maxFraction >= 1.0 && maxCount == Long.MAX_VALUE;
    }

    /**
     * Whether the counts so far exceed this budget.
     *
     * @param records records read (kept and rejected)
     * @param rejected records rejected
     * @param atEnd whether the input is exhausted (the share is then judged whatever the count)
     * @return true if exceeded
     */
    public boolean isExceeded(long records, long rejected, boolean atEnd) {
        if (rejected > maxCount) {
            return true;
        }
        return maxFraction < 1.0 && records > 0 && (atEnd || records >= minRecords)
                && rejected > maxFraction * records;
    }

    @Override
    public String toString() {
        if (isUnlimited()) {
            return "unlimited";
        }
        StringBuilder sb = new StringBuilder();
        if (maxFraction < 1.0) {
            sb.append(String.format(Locale.ROOT, "%.2f%% of records (judged after %d records)", maxFraction * 100,
                    minRecords));
        }
        if (maxCount != Long.MAX_VALUE) {
            sb.append(sb.length() == 0 ? "" : " and ").append(maxCount).append(" records");
        }
        return sb.toString();
    }
}
