package io.kpiengine.quality.internal;

import io.kpiengine.data.Bits;
import io.kpiengine.quality.CleaningException;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.quality.QualityReport;

/**
 * The per-batch stages of a partition: accounting of the input, the row steps, the row fingerprints (taken
 * after normalisation and before missing values are filled), the row-level missing-value rules, and exact
 * duplicate detection against the run's shared {@link DuplicateIndex}.
 */
final class Stages {

    private Stages() {
    }

    /**
     * Runs the row stages on a batch.
     *
     * @param w the batch
     * @param fingerprints the partition's fingerprint calculator
     * @param table the run's fingerprint table, or null without exact duplicates
     * @param observe the account that streaming checks observe the clean rows into, or null in buffered mode
     */
    static void rowStages(Work w, Fingerprints fingerprints, DuplicateIndex table, Account observe) {
        Account a = w.account;
        Plan plan = w.plan;
        int rejects = w.input.rejected().size();
        a.input += w.size + rejects;
        a.readerRejects += rejects;
        a.quarantined += rejects;
        for (RejectedRow rr : w.input.rejected()) {
            if (a.quarantinedRows.count(rr.line())) {
                a.quarantinedRows.add(rr.line(), 0, new QualityReport.Quarantined(rr.line(), "read", rr.reason()));
            }
        }
        a.cells += (long) w.size * w.cols.length;
        for (Col c : w.cols) {
            a.missingCells += c.nullCount();
        }
        for (Step s : plan.rowSteps) {
            s.apply(w);
        }
        long[] hi = null;
        long[] lo = null;
        if (table != null) {
            hi = fingerprints.scratchHi(w.size);
            lo = fingerprints.scratchLo(w.size);
            fingerprints.compute(w.cols, w.size, hi, lo);
            w.fpHi = hi;
            w.fpLo = lo;
        }
        for (Step s : plan.missingSteps) {
            s.apply(w);
        }
        if (table != null) {
            dedupe(w, hi, lo, table, fingerprints.duplicates(), fingerprints.live(w.size));
        }
        a.invalidRows += Bits.count(w.invalid, w.size);
        a.inconsistentRows += Bits.count(w.inconsistent, w.size);
        if (observe != null) {
            Observe.rows(plan, w.cols, w.size, w.removed, observe);
            a.clean += w.size - Bits.count(w.removed, w.size);
        }
    }

    private static void dedupe(Work w, long[] hi, long[] lo, DuplicateIndex index, DuplicateStage stage,
            int[] live) {
        int n = w.size;
        int rule = w.plan.exactRule;
        Account a = w.account;
        // the rows still in the batch, found a word of the removed mask at a time
        int kept = Bits.clearRows(w.removed, n, live);
        long[] rows = w.rowNumbers;
        for (int k = 0; k < kept; k++) {
            long row = rows[live[k]];
            if (row < 1 || row > DuplicateIndex.MAX_ROW) {
                throw new CleaningException(w.input.source(), "source '" + w.input.source() + "': row number " + row
                        + " is outside 1.." + DuplicateIndex.MAX_ROW + ", which exact duplicate detection needs");
            }
        }
        int first = n == 0 ? 0 : (int) ((w.rowNumbers[0] * 0x9E3779B97F4A7C15L) >>> 58);
        long[] outcomes = stage.offer(index, hi, lo, rows, live, kept, first);
        int[] order = stage.order();
        long[] gRows = stage.gatheredRows();
        // the outcomes in segment order: which rows go, the merge entries (a capped list that keeps the smallest
        // rows whatever the order) and the counts do not depend on the order
        a.dedupeRows += kept;
        for (int p = 0; p < kept; p++) {
            long result = outcomes[p];
            if (result == -1) {
                continue;
            }
            int i = order[p];
            Bits.set(w.removed, i);
            a.merged++;
            a.counts[rule][Account.MERGED]++;
            long removedRow = result >= 0 ? gRows[p] : -result - 2;
            if (a.pendingMerges.count(removedRow)) {
                a.pendingMerges.add(removedRow, 0, new Account.PendingMerge(removedRow, hi[i], lo[i], rule));
            }
        }
    }
}
