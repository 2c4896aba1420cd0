package io.kpiengine.data;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stream of {@link RecordBatch}es that share one {@link Schema}: a CSV file, a JDBC query, rows in memory.
 *
 * <p>A source is read once, by one thread, batch by batch, and never holds the whole input in memory. Sources
 * that can be read in parallel return independent partitions from {@link #split(int)}; together the partitions
 * yield exactly the records of the source, each once.
 *
 * <pre>{@code
 * try (RecordSource source = ...) {
 *     for (RecordBatch batch = source.next(); batch != null; batch = source.next()) {
 *         // batch.size() records, plus batch.rejected() records that could not be read
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations are not thread-safe; use one partition per thread.
 */
public interface RecordSource extends AutoCloseable {

    /**
     * The schema of every batch.
     *
     * @return the schema
     */
    Schema schema();

    /**
     * A name for messages and reports: a file name, a table, "memory".
     *
     * @return the name
     */
    String name();

    /**
     * Reads the next batch.
     *
     * @return the next batch, or null when the source is exhausted
     * @throws io.kpiengine.base.KpiException if reading fails (I/O error, error budget exceeded)
     */
    @Nullable RecordBatch next();

    /**
     * Splits this unread source into at most {@code parts} partitions that can be read concurrently, each by
     * its own thread. Sources that cannot split return a list holding only themselves.
     *
     * @param parts the wanted number of partitions, at least 1
     * @return the partitions; after this call only the partitions are read, never this source
     */
    default List<RecordSource> split(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, but was " + parts);
        }
        return List.of(this);
    }

    /**
     * An estimate of how many records this source yields in all (read and rejected), for sizing state before the
     * first batch, such as the exact-duplicate table of {@code kpi-quality}'s rules; -1 when unknown. It is only a
     * hint: it may be wrong in either direction, and nothing may depend on it being exact.
     *
     * <pre>{@code
     * long hint = source.estimatedRows();   // e.g. a CSV file: its size over the bytes per line of its start
     * }</pre>
     *
     * @return the estimated record count, or -1
     */
    default long estimatedRows() {
        return -1;
    }

    /**
     * Asks the source to attach 128-bit text digest values to the {@link TextVector}s it returns from now on (see
     * {@link TextVector#wrap(String[], long[], int)}), for a consumer that hashes text, as exact duplicate detection
     * does. A source that can hash more cheaply than its consumer (a CSV reader hashes the bytes it has just parsed)
     * does so and returns true; the default ignores the request and returns false. Either way the batches hold the
     * same values, and {@link TextVector#hashTo} the same hashes.
     *
     * <pre>{@code
     * boolean cheaper = source.attachTextHashes();
     * }</pre>
     *
     * @return true if the source attaches the hashes
     */
    default boolean attachTextHashes() {
        return false;
    }

    /** Releases files, connections and buffers. */
    @Override
    void close();
}
