package io.kpiengine.data.io;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.RejectedRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers shared by the reader tests: write a file, read every batch of a source into plain lists. */
final class CsvTesting {

    private CsvTesting() {
    }

    /** Everything a source yielded. */
    record Result(List<Long> lines, List<Map<String, Object>> rows, List<RejectedRow> rejected, int batches) {
    }

    static Path write(Path dir, String name, String content) {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result readAll(RecordSource source) {
        List<Long> lines = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        int batches = 0;
        try (source) {
            for (RecordBatch b = source.next(); b != null; b = source.next()) {
                batches++;
                for (int i = 0; i < b.size(); i++) {
                    lines.add(b.rowNumber(i));
                    rows.add(b.row(i).toMap());
                }
                rejected.addAll(b.rejected());
            }
        }
        return new Result(lines, rows, rejected, batches);
    }

    static Result readAll(List<RecordSource> partitions) {
        List<Long> lines = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        int batches = 0;
        for (RecordSource p : partitions) {
            Result r = readAll(p);
            lines.addAll(r.lines());
            rows.addAll(r.rows());
            rejected.addAll(r.rejected());
            batches += r.batches();
        }
        return new Result(lines, rows, rejected, batches);
    }
}
