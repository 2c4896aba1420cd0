package io.kpiengine.benchmarks.read;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.samples.SampleEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reading tasks the read benchmarks compare, and the workload file they read. */
final class ReadTasks {

    private ReadTasks() {
    }

    /**
     * The generated workload file of {@code rows} rows (seed 42) in {@code java.io.tmpdir/kpi-bench/} (or the
     * folder of the system property {@code kpi.bench.dir}), written unless a complete one is already there.
     */
    static Path workload(long rows) {
        try {
            Path dir = Path.of(System.getProperty("kpi.bench.dir", System.getProperty("java.io.tmpdir")),
                    "kpi-bench");
            Files.createDirectories(dir);
            Path file = dir.resolve("events-" + rows + "-seed42.csv");
            Path done = dir.resolve("events-" + rows + "-seed42.size");
            if (!Files.exists(file) || !Files.exists(done)
                    || Long.parseLong(Files.readString(done).trim()) != Files.size(file)) {
                SampleEvents.Summary s = SampleEvents.builder().rows(rows).seed(42).build().writeCsv(file);
                Files.writeString(done, Long.toString(s.bytes()));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FastCSV's raw parse: every record as strings; returns the field count. */
    static long fastCsvFields(Path file) {
        long fields = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord r : reader) {
                fields += r.getFieldCount();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    /** Our reader on the calling thread; returns the row count. */
    static long kpiRows(Path file) {
        try (CsvSource source = CsvSource.builder(file).schema(SampleEvents.schema()).build()) {
            return count(source);
        }
    }

    /** Reads a source to its end; returns the row count. */
    static long count(RecordSource source) {
        long n = 0;
        for (RecordBatch b = source.next(); b != null; b = source.next()) {
            n += b.size();
        }
        return n;
    }
}
