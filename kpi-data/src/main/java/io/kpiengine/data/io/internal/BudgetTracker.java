package io.kpiengine.data.io.internal;

import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.io.ErrorBudget;
import io.kpiengine.data.io.ErrorBudgetExceededException;
import java.util.ArrayList;
import java.util.List;

/**
 * The error budget of one source, shared by all its partitions: counts records and rejections after every batch
 * and stops every partition once the budget is exceeded. Thread-safe.
 */
public final class BudgetTracker {

    private final String source;
    private final ErrorBudget budget;
    private final int partitions;
    private final List<RejectedRow> rejections = new ArrayList<>();
    private long records;
    private long rejected;
    private int finished;
    private volatile boolean stopped;

    /**
     * Creates a tracker.
     *
     * @param source the source name
     * @param budget the budget
     * @param partitions how many readers will report (the share is judged at the end when all have finished)
     */
    public BudgetTracker(String source, ErrorBudget budget, int partitions) {
        this.source = source;
        this.budget = budget;
        this.partitions = partitions;
    }

    /**
     * A tracker for more partitions of the same source (used by split before any record was read).
     *
     * @param parts the partition count
     * @return a new tracker with the same budget
     */
    public BudgetTracker forPartitions(int parts) {
        return new BudgetTracker(source, budget, parts);
    }

    /**
     * Throws if another partition has already exceeded the budget.
     *
     * @throws ErrorBudgetExceededException if the run is stopped
     */
    public void checkStopped() {
        if (stopped) {
            synchronized (this) {
                throw exceeded();
            }
        }
    }

    /**
     * Counts one batch.
     *
     * @param batchRecords records of the batch, kept and rejected
     * @param batchRejected its rejections
     * @param partitionDone whether the partition has reached its end
     * @throws ErrorBudgetExceededException if the budget is now exceeded
     */
    public void add(long batchRecords, List<RejectedRow> batchRejected, boolean partitionDone) {
        if (budget.isUnlimited()) {
            return;
        }
        synchronized (this) {
            records += batchRecords;
            rejected += batchRejected.size();
            rejections.addAll(batchRejected);
            if (partitionDone) {
                finished++;
            }
            if (stopped || budget.isExceeded(records, rejected, finished >= partitions)) {
                stopped = true;
                throw exceeded();
            }
        }
    }

    private ErrorBudgetExceededException exceeded() {
        return new ErrorBudgetExceededException(source, budget, records, rejected, rejections);
    }
}
