package io.kpiengine.data.io;

import io.kpiengine.base.KpiException;

import io.kpiengine.data.RejectedRow;
import java.util.List;
import java.util.Locale;

/**
 * Thrown by a reader when more records were rejected than its {@link ErrorBudget} allows. It carries the
 * rejections met so far (over all partitions of the source), so that the run can still report them.
 */
public final class ErrorBudgetExceededException extends KpiException {

    private static final long serialVersionUID = 1L;

    /** The source name. */
    private final String source;
    private final transient ErrorBudget budget;
    /** Records read before the run stopped, kept and rejected. */
    private final long records;
    /** Records rejected before the run stopped. */
    private final long rejectedCount;
    private final transient List<RejectedRow> rejected;

    /**
     * Creates the exception.
     *
     * @param source the source name
     * @param budget the budget that was exceeded
     * @param records records read so far (kept and rejected)
     * @param rejectedCount records rejected so far
     * @param rejected the rejections so far, in the order they were met
     */
    public ErrorBudgetExceededException(String source, ErrorBudget budget, long records, long rejectedCount,
            List<RejectedRow> rejected) {
        super(message(source, budget, records, rejectedCount, rejected));
        this.source = source;
        this.budget = budget;
        this.records = records;
        this.rejectedCount = rejectedCount;
        this.rejected = List.copyOf(rejected);
    }

    private static String message(String source, ErrorBudget budget, long records, long rejectedCount,
            List<RejectedRow> rejected) {
        String share = records == 0 ? "" : String.format(Locale.ROOT, " (%.2f%%)", 100.0 * rejectedCount / records);
        return source + ": " + rejectedCount + " of " + records + " records" + share
                + " were rejected, more than the error budget of " + budget
                + (rejected.isEmpty() ? "" : "; first rejection: " + rejected.get(0));
    }

    /**
     * The source name.
     *
     * @return the name
     */
    public String source() {
        return source;
    }

    /**
     * The budget that was exceeded.
     *
     * @return the budget
     */
    public ErrorBudget budget() {
        return budget;
    }

    /**
     * Records read before the run stopped, kept and rejected.
     *
     * @return the count
     */
    public long records() {
        return records;
    }

    /**
     * Records rejected before the run stopped.
     *
     * @return the count
     */
    public long rejectedCount() {
        return rejectedCount;
    }

    /**
     * The rejections met before the run stopped.
     *
     * @return an immutable list
     */
    public List<RejectedRow> rejected() {
        return rejected;
    }
}
