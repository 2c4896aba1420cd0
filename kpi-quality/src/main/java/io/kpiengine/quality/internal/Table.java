package io.kpiengine.quality.internal;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import io.kpiengine.data.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows held in working columns across batches: the buffered input of a run, or the rows a date spine inserts.
 */
final class Table {

    final Col[] cols;
    final long[] rowNumbers;
    final int size;

    Table(Col[] cols, long[] rowNumbers, int size) {
        for (Col c : cols) {
            c.compactable = false;
        }
        this.cols = cols;
        this.rowNumbers = rowNumbers;
        this.size = size;
    }

    /** Empty loaded columns of a schema, missing everywhere. */
    static Table empty(Schema schema, int size) {
        Col[] cols = new Col[schema.size()];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = Col.empty(schema.column(c).type(), schema.column(c).scale(), size, null);
        }
        return new Table(cols, new long[size], size);
    }

    /** The rows of batches (of one schema) and of extra tables, in ascending row number, stable. */
    static Table concat(Schema schema, List<RecordBatch> batches, Table extra) {
        int n = extra == null ? 0 : extra.size;
        for (RecordBatch b : batches) {
            n += b.size();
        }
        long[][] keys = new long[n][];
        int k = 0;
        for (int bi = 0; bi < batches.size(); bi++) {
            RecordBatch b = batches.get(bi);
            for (int r = 0; r < b.size(); r++) {
                keys[k++] = new long[] {b.rowNumber(r), bi, r};
            }
        }
        Arrays.sort(keys, 0, k, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0])
                : x[1] != y[1] ? Long.compare(x[1], y[1]) : Long.compare(x[2], y[2]));
        Table t = empty(schema, n);
        List<Col[]> sources = new ArrayList<>();
        for (RecordBatch b : batches) {
            Col[] cs = new Col[schema.size()];
            for (int c = 0; c < cs.length; c++) {
                cs[c] = Col.of(b.column(c), schema.column(c).scale()).load();
            }
            sources.add(cs);
        }
        for (int c = 0; c < schema.size(); c++) {
            if (!sources.isEmpty() && sources.get(0)[c].dict != null) {
                t.cols[c].dict = sources.get(0)[c].dict;
            }
        }
        for (int i = 0; i < k; i++) {
            Col[] src = sources.get((int) keys[i][1]);
            int r = (int) keys[i][2];
            for (int c = 0; c < schema.size(); c++) {
                t.cols[c].copyFrom(src[c], r, i);
            }
            t.rowNumbers[i] = keys[i][0];
        }
        for (int i = 0; extra != null && i < extra.size; i++) {
            for (int c = 0; c < schema.size(); c++) {
                t.cols[c].copyFrom(extra.cols[c], i, k + i);
            }
            t.rowNumbers[k + i] = extra.rowNumbers[i];
        }
        return t;
    }

    /** Rows {@code [from, to)} that are not removed, as a batch. */
    RecordBatch batch(Schema schema, String source, int from, int to, List<RejectedRow> rejected, long[] removed) {
        int[] keep = new int[to - from];
        int count = 0;
        for (int r = from; r < to; r++) {
            if (removed == null || (removed[r >>> 6] & (1L << r)) == 0) {
                keep[count++] = r;
            }
        }
        List<Vector> vectors = new ArrayList<>();
        for (Col c : cols) {
            vectors.add(c.toVector(keep, count));
        }
        long[] numbers = new long[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = rowNumbers[keep[i]];
        }
        return RecordBatch.of(schema, source, vectors, numbers, count, rejected);
    }

    /** All rows as a batch. */
    RecordBatch batch(Schema schema, String source, int from, int to, List<RejectedRow> rejected) {
        return batch(schema, source, from, to, rejected, null);
    }

    /** The rows of {@code a} that are not removed, then the rows of {@code b} (may be null). */
    static Table compactAppend(Schema schema, Table a, long[] removed, Table b) {
        int n = 0;
        for (int r = 0; r < a.size; r++) {
            if (removed == null || (removed[r >>> 6] & (1L << r)) == 0) {
                n++;
            }
        }
        int total = n + (b == null ? 0 : b.size);
        Table t = empty(schema, total);
        for (int c = 0; c < schema.size(); c++) {
            if (a.cols[c].dict != null) {
                t.cols[c].dict = a.cols[c].dict;
            }
        }
        int k = 0;
        for (int r = 0; r < a.size; r++) {
            if (removed == null || (removed[r >>> 6] & (1L << r)) == 0) {
                for (int c = 0; c < schema.size(); c++) {
                    t.cols[c].copyFrom(a.cols[c], r, k);
                }
                t.rowNumbers[k++] = a.rowNumbers[r];
            }
        }
        for (int r = 0; b != null && r < b.size; r++) {
            for (int c = 0; c < schema.size(); c++) {
                t.cols[c].copyFrom(b.cols[c], r, k);
            }
            t.rowNumbers[k++] = b.rowNumbers[r];
        }
        return t;
    }
}
