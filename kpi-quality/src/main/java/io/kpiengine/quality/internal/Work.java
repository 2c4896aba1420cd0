package io.kpiengine.quality.internal;

import io.kpiengine.data.Bits;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import io.kpiengine.data.Vector;
import io.kpiengine.quality.Dimension;
import io.kpiengine.quality.QualityReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One batch being cleaned: working columns, the rows removed so far and why, and per-row finding masks for the
 * scores. Rules skip removed rows, so a quarantined row carries the reason of the first rule that removed it.
 */
final class Work {

    final RecordBatch input;
    final int size;
    final Col[] cols;
    final long[] rowNumbers;
    final long[] removed;
    final long[] invalid;
    final long[] inconsistent;
    final List<RejectedRow> rejects = new ArrayList<>();
    final Account account;
    final Plan plan;
    /** The row fingerprints when exact duplicates are detected, else null. */
    long[] fpHi;
    long[] fpLo;
    private final Map<Object, Object> caches;
    private final Scratch scratch;

    /**
     * A batch being cleaned.
     *
     * @param scratch the partition's reusable arrays; they back the row numbers, the masks and the kept positions,
     *     none of which leaves the Work (the output batch shares the input's row numbers)
     */
    Work(RecordBatch input, Plan plan, Account account, Map<Object, Object> caches, Scratch scratch) {
        this.caches = caches;
        this.input = input;
        this.plan = plan;
        this.account = account;
        this.size = input.size();
        this.scratch = scratch;
        Schema s = input.schema();
        this.cols = new Col[s.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = Col.of(input.column(i), s.column(i).scale());
        }
        Scratch x = this.scratch;
        int words = Bits.words(size);
        if (x.rowNumbers.length < size) {
            x.rowNumbers = new long[size];
            x.removed = new long[words];
            x.invalid = new long[words];
            x.inconsistent = new long[words];
        } else {
            Arrays.fill(x.removed, 0, words, 0L);
            Arrays.fill(x.invalid, 0, words, 0L);
            Arrays.fill(x.inconsistent, 0, words, 0L);
        }
        this.rowNumbers = x.rowNumbers;
        input.copyRowNumbers(0, rowNumbers, 0, size);
        this.removed = x.removed;
        this.invalid = x.invalid;
        this.inconsistent = x.inconsistent;
    }

    /** Arrays a partition reuses from batch to batch; see {@link Work#Work}. */
    static final class Scratch {
        long[] rowNumbers = new long[0];
        long[] removed = new long[0];
        long[] invalid = new long[0];
        long[] inconsistent = new long[0];
        int[] keep = new int[0];
    }

    boolean isRemoved(int r) {
        return (removed[r >>> 6] & (1L << r)) != 0;
    }

    /** Marks a row as having a finding of the rule's dimension (validity or consistency), for the scores. */
    void mark(int r, int rule) {
        Dimension d = plan.ruleList.get(rule).dimension();
        if (d == Dimension.VALIDITY) {
            Bits.set(invalid, r);
        } else if (d == Dimension.CONSISTENCY) {
            Bits.set(inconsistent, r);
        }
    }

    /** Quarantines a row with a reason naming the rule. */
    void quarantine(int r, int rule, String reason) {
        mark(r, rule);
        Bits.set(removed, r);
        long row = rowNumbers[r];
        String id = plan.ruleIds.get(rule);
        String text = "rule '" + id + "': " + reason;
        rejects.add(new RejectedRow(input.source(), row, raw(r), text));
        account.counts[rule][Account.QUARANTINED]++;
        account.quarantined++;
        if (account.quarantinedRows.count(row)) {
            account.quarantinedRows.add(row, 0, new QualityReport.Quarantined(row, id, text));
        }
    }

    /** Records a finding that keeps the row. */
    void flag(int r, int rule, int column, String value, String reason) {
        mark(r, rule);
        long row = rowNumbers[r];
        account.counts[rule][Account.FLAGGED]++;
        if (account.flags.count(row)) {
            account.flags.add(row, (long) rule << 20 | (column + 1), new QualityReport.Flag(row,
                    column < 0 ? null : plan.output.column(column).name(), value, plan.ruleIds.get(rule), reason));
        }
    }

    /**
     * Counts a changed value and tells whether its entry is kept; if so, call {@link #change} with the texts.
     */
    boolean countChange(int r, int rule) {
        account.counts[rule][Account.CHANGED]++;
        return account.wantsChange(rowNumbers[r]);
    }

    /**
     * The largest row number whose change entry the report keeps now; it only falls as entries are added. A step
     * that asks this counts its changes itself and adds them with {@link #addChanges}.
     */
    long changeKeepLimit() {
        return account.changes.keepLimit();
    }

    /** Counts n changes of a rule whose entries were offered through {@link #changeKeepLimit}. */
    void addChanges(int rule, long n) {
        account.counts[rule][Account.CHANGED] += n;
        account.changes.addTotal(n);
    }

    /** Adds the entry of a change counted by {@link #countChange}. */
    void change(int r, int rule, int column, String oldText, String newText) {
        account.change(rule, rowNumbers[r], column, plan.output.column(column).name(), oldText, newText,
                plan.ruleIds.get(rule));
    }

    /** Partition-local state of a step (caches), made on first use. */
    @SuppressWarnings("unchecked")
    <T> T local(Object step, java.util.function.Supplier<T> make) {
        return (T) caches.computeIfAbsent(step, k -> make.get());
    }

    /** The input record as comma-separated text, for the quarantine. */
    String raw(int r) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < input.schema().size(); c++) {
            Vector v = input.column(c);
            Object o = v.getObject(r);
            if (c > 0) {
                sb.append(',');
            }
            if (o != null) {
                String s = o.toString();
                if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                    sb.append('"').append(s.replace("\"", "\"\"")).append('"');
                } else {
                    sb.append(s);
                }
            }
        }
        return sb.toString();
    }

    /** The fingerprints of the rows kept by {@link #output()}, in the same order, as {hi..., lo...}; or null. */
    long[][] keptFingerprints() {
        if (fpHi == null) {
            return null;
        }
        int kept = size - Bits.count(removed, size);
        long[] hi = new long[kept];
        long[] lo = new long[kept];
        int k = 0;
        for (int r = 0; r < size; r++) {
            if (!isRemoved(r)) {
                hi[k] = fpHi[r];
                lo[k++] = fpLo[r];
            }
        }
        return new long[][] {hi, lo};
    }

    /** The clean rows as a batch of the output schema, with reader rejects and quarantined rows attached. */
    RecordBatch output() {
        int kept = size - Bits.count(removed, size);
        int[] keep = null;
        if (kept != size) {
            if (scratch.keep.length < kept) {
                scratch.keep = new int[Math.max(kept, size)];
            }
            keep = scratch.keep;
            Bits.clearRows(removed, size, keep);
        }
        // columns no rule changed are selected views of the input (no values copied, one shared array of row
        // positions, the input's row numbers gathered once); changed columns are compacted in their own arrays
        RecordBatch selected = keep == null ? input : input.select(keep, kept);
        List<Vector> vectors = new ArrayList<>(cols.length);
        for (int c = 0; c < cols.length; c++) {
            Col col = cols[c];
            vectors.add(col.dirty || col.origin() != input.column(c) ? col.toVector(keep, kept) : selected.column(c));
        }
        List<RejectedRow> all = rejects.isEmpty() ? input.rejected() : new ArrayList<>(input.rejected());
        if (!rejects.isEmpty()) {
            all.addAll(rejects);
            if (!input.rejected().isEmpty()) {
                all.sort(Comparator.comparingLong(RejectedRow::line));
            }
        }
        return selected.withColumns(plan.output, vectors, all);
    }
}
