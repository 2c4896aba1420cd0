package io.kpiengine.quality.internal;

import io.kpiengine.quality.QualityReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one partition of a run has seen and done: exact counts, capped details and the mergeable state of
 * streaming checks. Partitions never share an account; {@link #mergeFrom} sums them at the end, and because
 * every part is a sum, a maximum or a set of smallest-row entries, the result does not depend on the split.
 */
final class Account {

    static final int CHANGED = 0;
    static final int QUARANTINED = 1;
    static final int FLAGGED = 2;
    static final int MERGED = 3;

    /** An exact-duplicate merge whose target row is known only when the fingerprint table is final. */
    record PendingMerge(long row, long fpHi, long fpLo, int rule) {
    }

    final long[][] counts;
    final List<Map<String, Long>> details;
    long input;
    long readerRejects;
    long clean;
    long quarantined;
    long merged;
    long inserted;
    long cells;
    long missingCells;
    long invalidRows;
    long inconsistentRows;
    long dedupeRows;
    final Capped<QualityReport.Change> changes;
    final Capped<QualityReport.Quarantined> quarantinedRows;
    final Capped<PendingMerge> pendingMerges;
    final Capped<QualityReport.Merge> merges;
    final Capped<QualityReport.Conflict> conflicts;
    final Capped<QualityReport.Flag> flags;
    final long[] newest;
    final PeriodCounts[] periods;
    /** Filled at the end by {@link Periods#evaluate}: the short or missing periods of each period rule. */
    final List<List<Periods.Finding>> periodFindings = new ArrayList<>();
    long periodsChecked;
    long periodsOk;

    Account(int rules, int limit, int freshness, int periodRules) {
        counts = new long[rules][4];
        details = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            details.add(new TreeMap<>());
        }
        changes = new Capped<>(limit);
        quarantinedRows = new Capped<>(limit);
        pendingMerges = new Capped<>(limit);
        merges = new Capped<>(limit);
        conflicts = new Capped<>(limit);
        flags = new Capped<>(limit);
        newest = new long[freshness];
        Arrays.fill(newest, Long.MIN_VALUE);
        periods = new PeriodCounts[periodRules];
        for (int i = 0; i < periodRules; i++) {
            periods[i] = new PeriodCounts();
        }
    }

    void detail(int rule, String name, long delta) {
        if (delta != 0) {
            details.get(rule).merge(name, delta, Long::sum);
        }
    }

    /** Records a change; {@code oldText} and {@code newText} are computed only if the entry is kept. */
    boolean wantsChange(long row) {
        return changes.count(row);
    }

    void change(int rule, long row, int column, String columnName, String oldText, String newText, String ruleId) {
        changes.add(row, (long) rule << 20 | column, new QualityReport.Change(row, columnName, oldText, newText,
                ruleId));
    }

    void mergeFrom(Account o) {
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < 4; j++) {
                counts[i][j] += o.counts[i][j];
            }
            for (Map.Entry<String, Long> e : o.details.get(i).entrySet()) {
                detail(i, e.getKey(), e.getValue());
            }
        }
        input += o.input;
        readerRejects += o.readerRejects;
        clean += o.clean;
        quarantined += o.quarantined;
        merged += o.merged;
        inserted += o.inserted;
        cells += o.cells;
        missingCells += o.missingCells;
        invalidRows += o.invalidRows;
        inconsistentRows += o.inconsistentRows;
        dedupeRows += o.dedupeRows;
        changes.mergeFrom(o.changes);
        quarantinedRows.mergeFrom(o.quarantinedRows);
        pendingMerges.mergeFrom(o.pendingMerges);
        merges.mergeFrom(o.merges);
        conflicts.mergeFrom(o.conflicts);
        flags.mergeFrom(o.flags);
        for (int i = 0; i < newest.length; i++) {
            newest[i] = Math.max(newest[i], o.newest[i]);
        }
        for (int i = 0; i < periods.length; i++) {
            periods[i].mergeFrom(o.periods[i]);
        }
    }
}
