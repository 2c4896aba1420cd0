package io.kpiengine.quality.internal;

import io.kpiengine.base.internal.Pow10;
import io.kpiengine.data.Bits;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.OutlierRule;
import io.kpiengine.quality.QualityReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a buffered run, on the rows of every partition in ascending row number: key duplicates, the
 * streaming checks, date-spine rows, group fills (forward fill, interpolation, mean, median) and outliers, then
 * the clean rows in batches of {@value #BATCH} rows.
 *
 * <p>Memory: the buffered rows in working columns (8 bytes per numeric cell, 4 per category cell, a reference per
 * text cell) plus, while the table is assembled, the batches it is assembled from, so about twice the columnar
 * size of the rows that survive the row stages; per group rule, one list of row indexes per group.
 */
final class Flush {

    static final int BATCH = 8192;
    private static final double MAD_TO_SD = 1.482602218505602;

    private final Plan plan;
    private final String source;
    private final Account account;
    private final List<RejectedRow> rejects = new ArrayList<>();

    Flush(Plan plan, String source, Account account) {
        this.plan = plan;
        this.source = source;
        this.account = account;
    }

    /**
     * A batch held until the end, with the fingerprints of its rows when exact duplicates are detected.
     *
     * @param batch the clean rows of one input batch
     * @param fingerprints {hi, lo} per row, or null
     */
    record Buffered(RecordBatch batch, long[][] fingerprints) {
    }

    /**
     * Cleans the buffered rows. Each row first takes the smallest row number of its exact-duplicate group (the
     * copy that survived may have been read first by another partition), so that every later decision is the
     * same for any split.
     */
    List<RecordBatch> run(List<Buffered> buffer, DuplicateIndex table) {
        List<RecordBatch> batches = new ArrayList<>();
        for (Buffered b : buffer) {
            RecordBatch batch = b.batch();
            if (b.fingerprints() != null) {
                long[] rows = new long[batch.size()];
                boolean changed = false;
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = table.minRow(b.fingerprints()[0][i], b.fingerprints()[1][i]);
                    changed |= rows[i] != batch.rowNumber(i);
                }
                if (changed) {
                    batch = RecordBatch.of(batch.schema(), batch.source(), batch.columns(), rows, batch.size(),
                            batch.rejected());
                }
            }
            batches.add(batch);
        }
        Table t = Table.concat(plan.output, batches, null);
        long[] removed = Bits.newMask(t.size);
        if (plan.exactRule < 0 && plan.key != null) {
            account.dedupeRows += t.size;
        }
        if (plan.key != null) {
            keyDuplicates(t, removed);
        }
        Observe.rows(plan, t.cols, t.size, removed, account);
        Periods.evaluate(plan, account, source);
        Table inserted = Periods.insert(plan, account);
        t = Table.compactAppend(plan.output, t, removed, inserted);
        for (Plan.GroupFill g : plan.groupFills) {
            fill(t, g);
        }
        removed = Bits.newMask(t.size);
        for (Plan.OutlierSpec o : plan.outliers) {
            outliers(t, o, removed);
        }
        List<RecordBatch> out = new ArrayList<>();
        for (int from = 0; from < t.size || from == 0; from += BATCH) {
            int to = Math.min(t.size, from + BATCH);
            RecordBatch b = t.batch(plan.output, source, from, to, from == 0 ? rejects : List.of(), removed);
            account.clean += b.size();
            out.add(b);
            if (t.size == 0) {
                break;
            }
        }
        return out;
    }

    private List<Object> key(Table t, int[] cols, int r) {
        List<Object> k = new ArrayList<>(cols.length);
        for (int c : cols) {
            k.add(t.cols[c].object(r));
        }
        return k;
    }

    private Map<List<Object>, List<Integer>> groups(Table t, int[] cols, long[] removed) {
        Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < t.size; r++) {
            if (removed == null || !Bits.get(removed, r)) {
                groups.computeIfAbsent(key(t, cols, r), k -> new ArrayList<>()).add(r);
            }
        }
        return groups;
    }

    private void keyDuplicates(Table t, long[] removed) {
        Plan.KeySpec spec = plan.key;
        String id = plan.ruleIds.get(spec.rule());
        long conflicts = 0;
        for (List<Integer> rows : groups(t, spec.key(), null).values()) {
            if (rows.size() < 2) {
                continue;
            }
            int winner = rows.get(0);
            for (int i = 1; i < rows.size(); i++) {
                int r = rows.get(i);
                if (spec.keep() == DuplicateRule.Keep.LAST) {
                    winner = r;
                } else if (spec.keep() != DuplicateRule.Keep.FIRST && compare(t.cols[spec.by()], r, winner) >= 0) {
                    winner = r;
                }
            }
            for (int r : rows) {
                if (r == winner) {
                    continue;
                }
                Bits.set(removed, r);
                boolean conflict = differs(t, r, winner, spec.key());
                account.merged++;
                account.counts[spec.rule()][Account.MERGED]++;
                long row = t.rowNumbers[r];
                long into = t.rowNumbers[winner];
                if (account.merges.count(row)) {
                    account.merges.add(row, spec.rule(), new QualityReport.Merge(row, into, id, conflict));
                }
                if (conflict) {
                    conflicts++;
                    account.inconsistentRows++;
                    if (account.conflicts.count(row)) {
                        account.conflicts.add(row, 0, new QualityReport.Conflict(id, into, row, values(t, winner),
                                values(t, r)));
                    }
                }
            }
        }
        account.detail(spec.rule(), "conflicts", conflicts);
    }

    /** Orders two values of a column, missing first. */
    private static int compare(Col c, int a, int b) {
        boolean na = c.isNull(a);
        boolean nb = c.isNull(b);
        if (na || nb) {
            return Boolean.compare(!na, !nb);
        }
        if (c.type == ColumnType.DECIMAL && c.scale < 0) {
            return Double.compare(c.doubles[a], c.doubles[b]);
        }
        return Long.compare(c.longs[a], c.longs[b]);
    }

    private static boolean differs(Table t, int a, int b, int[] key) {
        for (int c = 0; c < t.cols.length; c++) {
            if (Arrays.binarySearch(sorted(key), c) < 0 && !Objects.equals(t.cols[c].text(a), t.cols[c].text(b))) {
                return true;
            }
        }
        return false;
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private Map<String, String> values(Table t, int r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int c = 0; c < t.cols.length; c++) {
            m.put(plan.output.column(c).name(), t.cols[c].text(r));
        }
        return m;
    }

    private void fill(Table t, Plan.GroupFill g) {
        Col col = t.cols[g.column()];
        long unfilled = 0;
        long missing = 0;
        for (List<Integer> rows : groups(t, g.groupBy(), null).values()) {
            if (g.orderBy() >= 0) {
                Col o = t.cols[g.orderBy()];
                rows.sort((a, b) -> {
                    boolean na = o.isNull(a);
                    boolean nb = o.isNull(b);
                    if (na || nb) {
                        return Boolean.compare(na, nb);
                    }
                    return compare(o, a, b);
                });
            }
            int n = rows.size();
            boolean[] was = new boolean[n];
            for (int i = 0; i < n; i++) {
                was[i] = col.isNull(rows.get(i));
                if (was[i]) {
                    missing++;
                }
            }
            switch (g.strategy()) {
                case FORWARD_FILL:
                    forwardFill(col, rows, g);
                    break;
                case INTERPOLATE:
                    interpolate(t, col, rows, g);
                    break;
                default:
                    centre(col, rows, g.strategy());
                    break;
            }
            for (int i = 0; i < n; i++) {
                int r = rows.get(i);
                if (!was[i]) {
                    continue;
                }
                if (col.isNull(r)) {
                    unfilled++;
                } else {
                    account.counts[g.rule()][Account.CHANGED]++;
                    long row = t.rowNumbers[r];
                    if (row > 0 && account.wantsChange(row)) {
                        account.change(g.rule(), row, g.column(), plan.output.column(g.column()).name(), null,
                                col.text(r), plan.ruleIds.get(g.rule()));
                    }
                }
            }
        }
        account.detail(g.rule(), "missing", missing);
        account.detail(g.rule(), "unfilled", unfilled);
    }

    /** pandas {@code ffill(limit)} over rows in order. */
    private static void forwardFill(Col col, List<Integer> rows, Plan.GroupFill g) {
        int last = -1;
        int run = 0;
        for (int r : rows) {
            if (!col.isNull(r)) {
                last = r;
                run = 0;
            } else if (last >= 0) {
                run++;
                if (g.limit() == 0 || run <= g.limit()) {
                    col.copyFrom(col, last, r);
                }
            }
        }
    }

    /** pandas {@code interpolate(method='linear'|'time', limit_area='inside'|None)} over rows in order. */
    private static void interpolate(Table t, Col col, List<Integer> rows, Plan.GroupFill g) {
        int n = rows.size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = g.timeWeighted() ? t.cols[g.orderBy()].number(rows.get(i)) : i;
        }
        int prev = -1;
        for (int i = 0; i < n; i++) {
            int r = rows.get(i);
            if (col.isNull(r)) {
                continue;
            }
            if (prev >= 0 && i - prev > 1) {
                double y0 = col.number(rows.get(prev));
                double y1 = col.number(r);
                for (int j = prev + 1; j < i; j++) {
                    double y = y0 + (y1 - y0) * (x[j] - x[prev]) / (x[i] - x[prev]);
                    setNumber(col, rows.get(j), y);
                }
            }
            prev = i;
        }
        if (!g.insideOnly() && prev >= 0) {
            for (int j = prev + 1; j < n; j++) {
                col.copyFrom(col, rows.get(prev), rows.get(j));
            }
        }
    }

    /** pandas {@code fillna(transform('mean'|'median'))} over a group. */
    private static void centre(Col col, List<Integer> rows, MissingValueRule.Strategy s) {
        double[] v = new double[rows.size()];
        int n = 0;
        for (int r : rows) {
            if (!col.isNull(r)) {
                v[n++] = col.number(r);
            }
        }
        if (n == 0) {
            return;
        }
        double fill;
        if (s == MissingValueRule.Strategy.MEAN) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += v[i];
            }
            fill = sum / n;
        } else {
            fill = Stats.quantile(Stats.sorted(v, n), 0.5);
        }
        for (int r : rows) {
            if (col.isNull(r)) {
                setNumber(col, r, fill);
            }
        }
    }

    /** Writes a computed number, rounding half-even for integers and exact decimals. */
    private static void setNumber(Col col, int r, double y) {
        col.clearNull(r);
        if (col.type == ColumnType.DECIMAL && col.scale < 0) {
            col.doubles[r] = y;
        } else {
            int scale = col.type == ColumnType.DECIMAL ? col.scale : 0;
            col.longs[r] = (long) Math.rint(y * Pow10.asDouble(scale));
        }
    }

    private void outliers(Table t, Plan.OutlierSpec o, long[] removed) {
        Col col = t.cols[o.column()];
        String name = plan.output.column(o.column()).name();
        for (List<Integer> rows : groups(t, o.groupBy(), removed).values()) {
            double[] v = new double[rows.size()];
            int n = 0;
            for (int r : rows) {
                if (!col.isNull(r)) {
                    v[n++] = col.number(r);
                }
            }
            double[] fence = fences(o, v, n);
            if (fence == null) {
                continue;
            }
            for (int r : rows) {
                if (col.isNull(r)) {
                    continue;
                }
                double x = col.number(r);
                boolean low = x < fence[0];
                if (!low && !(x > fence[1])) {
                    continue;
                }
                String value = col.text(r);
                String reason = "column '" + name + "': " + value + " is " + (low ? "below the lower" : "above the upper")
                        + " fence " + Fmt.number(low ? fence[0] : fence[1]) + " (" + o.method() + ", k=" + Fmt.number(o.k())
                        + ")";
                account.invalidRows++;
                long row = t.rowNumbers[r];
                String id = plan.ruleIds.get(o.rule());
                switch (o.action()) {
                    case FLAG:
                        account.counts[o.rule()][Account.FLAGGED]++;
                        if (account.flags.count(row)) {
                            account.flags.add(row, (long) o.rule() << 20 | (o.column() + 1),
                                    new QualityReport.Flag(row, name, value, id, reason));
                        }
                        break;
                    case QUARANTINE:
                        Bits.set(removed, r);
                        account.counts[o.rule()][Account.QUARANTINED]++;
                        account.quarantined++;
                        String text = "rule '" + id + "': " + reason;
                        rejects.add(new RejectedRow(source, row, raw(t, r), text));
                        if (account.quarantinedRows.count(row)) {
                            account.quarantinedRows.add(row, 0, new QualityReport.Quarantined(row, id, text));
                        }
                        break;
                    default:
                        winsorize(col, r, low ? fence[0] : fence[1], low);
                        account.counts[o.rule()][Account.CHANGED]++;
                        if (account.wantsChange(row)) {
                            account.change(o.rule(), row, o.column(), name, value, col.text(r), id);
                        }
                        break;
                }
            }
        }
    }

    /** The fences [low, high] of the n values, or null when there are none (fewer than 3 values, no spread). */
    static double[] fences(Plan.OutlierSpec o, double[] values, int n) {
        if (n < 3) {
            return null;
        }
        double lo;
        double hi;
        if (o.method() == OutlierRule.Method.Z_SCORE) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += values[i];
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (values[i] - mean) * (values[i] - mean);
            }
            double sd = Math.sqrt(ss / (n - 1));
            if (sd == 0) {
                return null;
            }
            lo = mean - o.k() * sd;
            hi = mean + o.k() * sd;
        } else if (o.method() == OutlierRule.Method.ROBUST) {
            double[] s = Stats.sorted(values, n);
            double median = Stats.quantile(s, 0.5);
            double[] dev = new double[n];
            for (int i = 0; i < n; i++) {
                dev[i] = Math.abs(values[i] - median);
            }
            double mad = Stats.quantile(Stats.sorted(dev, n), 0.5);
            if (mad == 0) {
                return null;
            }
            lo = median - o.k() * MAD_TO_SD * mad;
            hi = median + o.k() * MAD_TO_SD * mad;
        } else {
            double[] s = Stats.sorted(values, n);
            double q1 = Stats.quantile(s, 0.25);
            double q3 = Stats.quantile(s, 0.75);
            double iqr = q3 - q1;
            if (iqr == 0) {
                return null;
            }
            lo = q1 - o.k() * iqr;
            hi = q3 + o.k() * iqr;
        }
        return new double[] {lo, hi};
    }

    private static void winsorize(Col col, int r, double fence, boolean low) {
        if (col.type == ColumnType.DECIMAL && col.scale < 0) {
            col.doubles[r] = fence;
        } else {
            int scale = col.type == ColumnType.DECIMAL ? col.scale : 0;
            double scaled = fence * Pow10.asDouble(scale);
            col.longs[r] = (long) (low ? Math.ceil(scaled) : Math.floor(scaled));
        }
    }

    private String raw(Table t, int r) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < t.cols.length; c++) {
            String s = t.cols[c].text(r);
            sb.append(c == 0 ? "" : ",").append(s == null ? "" : s);
        }
        return sb.toString();
    }
}
