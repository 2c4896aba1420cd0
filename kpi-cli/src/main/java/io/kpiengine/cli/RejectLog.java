package io.kpiengine.cli;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The records the readers of a run reject on their way to the engine: counted per data source, the first few
 * (smallest line numbers) kept for the console, and, when a file is given, every one written to it as CSV
 * ({@code source,line,reason,record}, in the order the readers meet them). Thread-safe: the partitions of a split
 * source report to the same log.
 */
final class RejectLog implements AutoCloseable {

    /** How many rejected records of a source the console shows. */
    static final int SHOWN = 3;

    private final @Nullable Path path;
    private final @Nullable CsvOut file;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, TreeMap<Long, RejectedRow>> first = new LinkedHashMap<>();

    /**
     * Creates a log.
     *
     * @param files the command's outputs
     * @param path the file to write every rejected record to, or null to only count and keep the first ones
     */
    RejectLog(OutputFiles files, @Nullable Path path) {
        this.path = path;
        this.file = path == null ? null : CsvOut.rejects(files, path);
    }

    /** The file every rejected record is written to, or null. */
    @Nullable Path path() {
        return path;
    }

    /** The source, reporting what its reader (and the readers of its partitions) rejects under the given name. */
    RecordSource watch(String source, RecordSource reader) {
        synchronized (this) {
            counts.putIfAbsent(source, 0L);
            first.putIfAbsent(source, new TreeMap<>());
        }
        return new Watched(source, reader);
    }

    /** Records rejected by the reader of a source. */
    synchronized long count(String source) {
        return counts.getOrDefault(source, 0L);
    }

    /** The rejected records of a source with the smallest line numbers, at most {@link #SHOWN}. */
    synchronized List<RejectedRow> first(String source) {
        return new ArrayList<>(first.getOrDefault(source, new TreeMap<>()).values());
    }

    private synchronized void record(String source, List<RejectedRow> rows) {
        counts.merge(source, (long) rows.size(), Long::sum);
        TreeMap<Long, RejectedRow> kept = first.computeIfAbsent(source, k -> new TreeMap<>());
        for (RejectedRow r : rows) {
            if (kept.size() < SHOWN || r.line() < kept.lastKey()) {
                kept.put(r.line(), r);
                if (kept.size() > SHOWN) {
                    kept.pollLastEntry();
                }
            }
            if (file != null) {
                file.write(r);
            }
        }
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }

    /** A reader whose rejected records go to the log; its partitions too. */
    private final class Watched implements RecordSource {
        private final String source;
        private final RecordSource reader;

        Watched(String source, RecordSource reader) {
            this.source = source;
            this.reader = reader;
        }

        @Override
        public Schema schema() {
            return reader.schema();
        }

        @Override
        public String name() {
            return reader.name();
        }

        @Override
        public long estimatedRows() {
            return reader.estimatedRows();
        }

        @Override
        public @Nullable RecordBatch next() {
            RecordBatch b = reader.next();
            if (b != null && !b.rejected().isEmpty()) {
                record(source, b.rejected());
            }
            return b;
        }

        @Override
        public List<RecordSource> split(int parts) {
            List<RecordSource> split = reader.split(parts);
            if (split.size() == 1 && split.get(0) == reader) {
                return List.of(this);
            }
            List<RecordSource> out = new ArrayList<>(split.size());
            for (RecordSource part : split) {
                out.add(new Watched(source, part));
            }
            return List.copyOf(out);
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
