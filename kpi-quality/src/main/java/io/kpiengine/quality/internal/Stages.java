package io.kpiengine.quality.internal;

import io.kpiengine.data.Bits;
import io.kpiengine.quality.CleaningException;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.quality.QualityReport;
import java.util.Arrays;

/**
 * The per-batch stages of a partition: accounting of the input, the row steps, the row fingerprints (taken
 * after normalisation and before missing values are filled), the row-level missing-value rules, and exact
 * duplicate detection against the run's shared {@link FingerprintTable}.
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
    static void rowStages(Work w, Fingerprints fingerprints, FingerprintTable table, Account observe) {
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
            dedupe(w, hi, lo, table, fingerprints);
        }
        a.invalidRows += Bits.count(w.invalid, w.size);
        a.inconsistentRows += Bits.count(w.inconsistent, w.size);
        if (observe != null) {
            Observe.rows(plan, w.cols, w.size, w.removed, observe);
            a.clean += w.size - Bits.count(w.removed, w.size);
        }
    }

    /** Buckets of the exact-duplicate stage: the segment's 4 bits of a fingerprint and the next 8. */
    static final int BUCKETS = 1 << 12;

    static int bucketOf(long hi) {
        return (int) (hi >>> 52);
    }

    private static void dedupe(Work w, long[] hi, long[] lo, FingerprintTable table, Fingerprints scratch) {
        int n = w.size;
        int rule = w.plan.exactRule;
        Account a = w.account;
        int segments = FingerprintTable.SEGMENTS;
        int[] start = scratch.segmentStarts();
        // rows are grouped by segment and, within a segment, by the top bits of their home slot, so that the
        // offers walk each segment's index upwards, page after page, instead of jumping across it (fewer
        // translation misses)
        int[] buckets = scratch.buckets();
        Arrays.fill(buckets, 0);
        // the rows still in the batch, found a word of the removed mask at a time
        int[] live = scratch.live(n);
        int kept = Bits.clearRows(w.removed, n, live);
        long[] rows = w.rowNumbers;
        for (int k = 0; k < kept; k++) {
            int r = live[k];
            long row = rows[r];
            if (row < 1 || row > FingerprintTable.MAX_ROW) {
                throw new CleaningException(w.input.source(), "source '" + w.input.source() + "': row number " + row
                        + " is outside 1.." + FingerprintTable.MAX_ROW + ", which exact duplicate detection needs");
            }
            buckets[bucketOf(hi[r]) + 1]++;
        }
        for (int b = 0; b < BUCKETS; b++) {
            buckets[b + 1] += buckets[b];
        }
        for (int s = 0; s <= segments; s++) {
            start[s] = buckets[s * (BUCKETS / segments)];
        }
        // the rows' fingerprints and numbers, gathered by segment (order[p] is the batch row of position p)
        int[] order = scratch.order(kept);
        long[] gHi = scratch.gatheredHi(kept);
        long[] gLo = scratch.gatheredLo(kept);
        long[] gRows = scratch.gatheredRows(kept);
        long[] gResult = scratch.gatheredResults(kept);
        for (int k = 0; k < kept; k++) {
            int r = live[k];
            long h = hi[r];
            int p = buckets[bucketOf(h)]++;
            order[p] = r;
            gHi[p] = h;
            gLo[p] = lo[r];
            gRows[p] = rows[r];
        }
        int[] homes = scratch.homes(kept);
        // partitions start at different segments and skip a segment another partition holds, coming back to it
        // at the end, so that two threads rarely wait for each other; the outcome does not depend on the order
        // (the smallest row wins)
        int first = n == 0 ? 0 : (int) ((w.rowNumbers[0] * 0x9E3779B97F4A7C15L) >>> 58);
        int[] skipped = scratch.skipped();
        int skippedCount = 0;
        for (int k = 0; k < segments; k++) {
            int s = (first + k) % segments;
            if (start[s] == start[s + 1]) {
                continue;
            }
            FingerprintTable.Segment seg = table.segment(s);
            if (seg.lock.tryLock()) {
                try {
                    scratch.sink += seg.offerAll(start[s], start[s + 1], gHi, gLo, gRows, gResult, homes);
                } finally {
                    seg.lock.unlock();
                }
            } else {
                skipped[skippedCount++] = s;
            }
        }
        for (int k = 0; k < skippedCount; k++) {
            int s = skipped[k];
            FingerprintTable.Segment seg = table.segment(s);
            seg.lock.lock();
            try {
                scratch.sink += seg.offerAll(start[s], start[s + 1], gHi, gLo, gRows, gResult, homes);
            } finally {
                seg.lock.unlock();
            }
        }
        // the outcomes in segment order: which rows go, the merge entries (a capped list that keeps the smallest
        // rows whatever the order) and the counts do not depend on the order
        a.dedupeRows += kept;
        for (int p = 0; p < kept; p++) {
            long result = gResult[p];
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
