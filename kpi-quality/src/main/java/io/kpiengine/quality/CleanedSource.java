package io.kpiengine.quality;

import io.kpiengine.data.RecordSource;
import java.util.List;

/**
 * A source of clean batches with the account of the run: what {@link Cleaner#clean} returns.
 *
 * <p>Each batch holds clean rows; its {@link io.kpiengine.data.RecordBatch#rejected()} holds the records
 * the reader could not read and the rows the rules quarantined, each with its line and reason. Merged
 * duplicates appear only in the report.
 *
 * <p><b>Parallel cleaning.</b> {@link #split(int)} splits the underlying source and returns partitions that
 * share the run's state (the exact-duplicate fingerprints, the buffered rows); each partition keeps its own
 * counts, and the report adds them up. The report is the same for any split and any batch size: counts are
 * sums, detail lists keep the entries with the smallest row numbers, and a removed duplicate is always reported
 * as merged into the row that was kept: an exact duplicate into the copy with the smallest row number, a key
 * duplicate into the row its {@link DuplicateRule.Keep} policy keeps ({@code keep: last} reports earlier rows as
 * merged into a later one). (In a split run the surviving copy of an exact duplicate
 * in the clean output may carry the row number of another copy; its values are identical.) Rows that need the
 * whole input (key duplicates, group fills, outliers) and the rows a date spine inserts are emitted by whichever
 * partition finishes last, after every partition's input is read.
 *
 * <p>Not thread-safe: read each partition from one thread.
 */
public interface CleanedSource extends RecordSource {

    /**
     * The account of the run.
     *
     * @return the complete report
     * @throws IllegalStateException if some partition has not been read to its end
     */
    QualityReport report();

    /**
     * Whether every partition has been read to its end, so that {@link #report()} is available.
     *
     * @return true when complete
     */
    boolean isComplete();

    /**
     * Splits this unread run into at most {@code parts} partitions that share its state.
     *
     * @param parts the wanted number of partitions, at least 1
     * @return the partitions; afterwards only they are read, never this source
     */
    @Override
    List<RecordSource> split(int parts);
}
