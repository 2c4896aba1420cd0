package io.kpiengine.quality;

import io.kpiengine.data.Column;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import java.util.ArrayList;
import java.util.List;

/** A tiny in-memory source for tests: rows cut into batches; splits into contiguous runs of batches. */
final class ListSource implements RecordSource {

    private final Schema schema;
    private final List<RecordBatch> batches;
    private int next;

    ListSource(Schema schema, List<RecordBatch> batches) {
        this.schema = schema;
        this.batches = batches;
    }

    /** Rows (one Object[] per row, row numbers 1..n) in batches of the given size. */
    static ListSource of(Schema schema, List<Object[]> rows, int batchSize) {
        List<RecordBatch> out = new ArrayList<>();
        for (int from = 0; from < rows.size() || from == 0; from += batchSize) {
            RecordBatch.Builder b = RecordBatch.builder(schema, "test.csv");
            for (int i = from; i < Math.min(rows.size(), from + batchSize); i++) {
                b.addRowAt(i + 1, rows.get(i));
            }
            out.add(b.build());
            if (rows.isEmpty()) {
                break;
            }
        }
        return new ListSource(schema, out);
    }

    static Schema schema(Column... columns) {
        return Schema.of(columns);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String name() {
        return "test.csv";
    }

    @Override
    public RecordBatch next() {
        return next < batches.size() ? batches.get(next++) : null;
    }

    @Override
    public List<RecordSource> split(int parts) {
        List<RecordSource> out = new ArrayList<>();
        int n = batches.size();
        for (int p = 0; p < parts; p++) {
            int from = n * p / parts;
            int to = n * (p + 1) / parts;
            if (from < to) {
                out.add(new ListSource(schema, batches.subList(from, to)));
            }
        }
        return out.isEmpty() ? List.of(this) : out;
    }

    @Override
    public void close() {
    }
}
