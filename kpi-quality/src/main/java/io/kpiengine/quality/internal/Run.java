package io.kpiengine.quality.internal;

import io.kpiengine.quality.CleaningException;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.quality.CleanedSource;
import io.kpiengine.quality.QualityReport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cleaning run over one source: the state its partitions share and the partitions themselves.
 *
 * <p>Each partition runs the row steps and exact-duplicate detection on its own batches with its own
 * {@link Account}; only the {@link DuplicateIndex} (segment locks) and, in buffered mode, the list of buffered
 * batches are shared. The partition that finishes last (a counter reaching zero) merges the accounts, emits the
 * rows that needed the whole input (buffered rows, date-spine rows), and builds the report.
 */
public final class Run implements CleanedSource {

    private static final Logger LOG = LoggerFactory.getLogger("io.kpiengine.quality");

    private final Plan plan;
    private final RecordSource source;
    final DuplicateIndex table;
    private final List<Account> accounts = new ArrayList<>();
    private final List<Flush.Buffered> buffer = new ArrayList<>();
    private int open;
    private int exhausted;
    private boolean split;
    private Partition single;
    private volatile QualityReport report;
    private final long started;


    private Run(Plan plan, RecordSource source) {
        this.started = System.nanoTime();
        this.plan = plan;
        this.source = source;
        this.table = plan.exactRule >= 0 ? new FingerprintTable(presize(source.estimatedRows())) : null;
        if (table != null) {
            // the fingerprints hash every text value; a reader that has the bytes does it for a fraction
            source.attachTextHashes();
        }
    }

    /**
     * The distinct rows to size the exact-duplicate index for: the source's estimate, but at most what an eighth of
     * the maximum heap holds (about 10.7 bytes of index per row at the lowest load), so that a wrong or huge hint
     * cannot take the memory that growing would not have taken.
     */
    static long presize(long estimatedRows) {
        if (estimatedRows <= 0) {
            return 0;
        }
        long cap = Runtime.getRuntime().maxMemory() / 8 / 11;
        return Math.min(estimatedRows, cap);
    }

    @Override
    public long estimatedRows() {
        return source.estimatedRows();
    }

    /**
     * Starts a run.
     *
     * @param plan the bound rules
     * @param source the source
     * @return the run, readable as one partition until split
     */
    public static CleanedSource start(Plan plan, RecordSource source) {
        return new Run(plan, source);
    }

    @Override
    public Schema schema() {
        return plan.output;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public synchronized RecordBatch next() {
        if (split) {
            throw new IllegalStateException("this run was split; read its partitions instead");
        }
        if (single == null) {
            single = newPartition(source);
        }
        return single.next();
    }

    @Override
    public synchronized List<RecordSource> split(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, but was " + parts);
        }
        if (split || single != null) {
            throw new IllegalStateException("split must be called once, before the run is read");
        }
        split = true;
        List<RecordSource> out = new ArrayList<>();
        for (RecordSource s : source.split(parts)) {
            out.add(newPartition(s));
        }
        return List.copyOf(out);
    }

    private synchronized Partition newPartition(RecordSource s) {
        Account a = new Account(plan.ruleIds.size(), plan.rules.reportLimit(), plan.freshness.size(),
                plan.periods.size());
        accounts.add(a);
        open++;
        return new Partition(s, a);
    }

    @Override
    public synchronized QualityReport report() {
        if (report == null || exhausted < accounts.size()) {
            throw new IllegalStateException("the report is complete only after every partition is read to its end: "
                    + (accounts.size() - exhausted) + " of " + Math.max(accounts.size(), 1) + " not finished");
        }
        return report;
    }

    @Override
    public synchronized boolean isComplete() {
        return report != null && exhausted == accounts.size();
    }

    @Override
    public void close() {
        source.close();
    }

    private synchronized void buffer(RecordBatch b, long[][] fingerprints) {
        buffer.add(new Flush.Buffered(b, fingerprints));
    }

    /** Called when a partition's input ends; the last one gets the tail batches to emit, the others null. */
    private synchronized Deque<RecordBatch> inputEnded() {
        open--;
        if (open > 0) {
            return null;
        }
        Account total = new Account(plan.ruleIds.size(), plan.rules.reportLimit(), plan.freshness.size(),
                plan.periods.size());
        for (Account a : accounts) {
            total.mergeFrom(a);
        }
        Deque<RecordBatch> tail = new ArrayDeque<>();
        if (plan.buffered) {
            tail.addAll(new Flush(plan, source.name(), total).run(buffer, table));
            buffer.clear();
        } else {
            Periods.evaluate(plan, total, source.name());
            Table inserted = Periods.insert(plan, total);
            if (inserted != null) {
                total.clean += inserted.size;
                tail.add(inserted.batch(plan.output, source.name(), 0, inserted.size, List.of()));
            }
        }
        report = Finisher.report(plan, source.name(), total, table);
        log(source.name(), report, System.nanoTime() - started);
        return tail;
    }

    /**
     * Tells the host's operators what the run did: rows that did not make it to the output and lists the report cut
     * short are warnings (the report holds the details), the counts and the time are debug lines.
     */
    private static void log(String source, QualityReport r, long nanos) {
        QualityReport.Counts c = r.counts();
        if (c.quarantined() > 0) {
            LOG.warn("source '{}': {} of {} rows quarantined by the rules ({} could not be read); first: {}", source,
                    c.quarantined(), c.input(), c.readerRejects(),
                    r.quarantined().items().isEmpty() ? "-" : r.quarantined().items().get(0));
        }
        List<String> cut = new ArrayList<>();
        cutShort("changes", r.changes(), cut);
        cutShort("quarantined rows", r.quarantined(), cut);
        cutShort("merges", r.merges(), cut);
        cutShort("conflicts", r.conflicts(), cut);
        cutShort("flags", r.flags(), cut);
        cutShort("periods", r.periods(), cut);
        if (!cut.isEmpty()) {
            LOG.warn("source '{}': the quality report keeps the first entries only: {} (raise reportLimit to keep more)",
                    source, String.join(", ", cut));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("source '{}': cleaned {} rows in {} ms: {} clean, {} quarantined, {} merged, {} inserted, status {}",
                    source, c.input(), nanos / 1_000_000, c.clean(), c.quarantined(), c.merged(), c.inserted(),
                    r.status());
        }
    }

    private static void cutShort(String what, QualityReport.Details<?> d, List<String> out) {
        if (d.omitted() > 0) {
            out.add(d.items().size() + " of " + d.total() + " " + what);
        }
    }

    private synchronized void partitionExhausted() {
        exhausted++;
    }

    /** One partition: reads its source, cleans each batch, emits clean batches. */
    private final class Partition implements RecordSource {
        private final RecordSource in;
        private final Account account;
        private final Fingerprints fingerprints = new Fingerprints();
        private final Work.Scratch scratch = new Work.Scratch();
        private final Map<Object, Object> caches = new HashMap<>();
        private Deque<RecordBatch> tail;
        private boolean ended;
        private boolean done;

        Partition(RecordSource in, Account account) {
            this.in = in;
            this.account = account;
        }

        @Override
        public Schema schema() {
            return plan.output;
        }

        @Override
        public String name() {
            return in.name();
        }

        @Override
        public long estimatedRows() {
            return in.estimatedRows();
        }

        @Override
        public RecordBatch next() {
            while (true) {
                if (done) {
                    return null;
                }
                if (ended) {
                    RecordBatch b = tail == null ? null : tail.poll();
                    if (b == null) {
                        done = true;
                        partitionExhausted();
                    }
                    return b;
                }
                RecordBatch b = in.next();
                if (b == null) {
                    ended = true;
                    tail = inputEnded();
                    continue;
                }
                RecordBatch out = clean(b);
                if (out != null) {
                    return out;
                }
            }
        }

        private RecordBatch clean(RecordBatch b) {
            if (!b.schema().equals(plan.input)) {
                throw new CleaningException(in.name(), "source '" + in.name() + "' produced a batch of schema " + b.schema()
                        + ", but the rules were bound to " + plan.input);
            }
            Work w = new Work(b, plan, account, caches, scratch);
            try {
                Stages.rowStages(w, fingerprints, table, plan.buffered ? null : account);
            } catch (DuplicateIndex.Full e) {
                throw new CleaningException(in.name(), "source '" + in.name() + "': " + e.getMessage());
            }
            if (plan.buffered) {
                RecordBatch out = w.output();
                if (out.size() > 0) {
                    buffer(out, w.keptFingerprints());
                }
                return out.rejected().isEmpty() ? null
                        : RecordBatch.of(plan.output, out.source(), emptyVectors(out), new long[0], 0, out.rejected());
            }
            return w.output();
        }

        private List<io.kpiengine.data.Vector> emptyVectors(RecordBatch out) {
            List<io.kpiengine.data.Vector> v = new ArrayList<>();
            for (io.kpiengine.data.Vector x : out.columns()) {
                v.add(x.select(new int[0], 0));
            }
            return v;
        }

        @Override
        public List<RecordSource> split(int parts) {
            if (parts < 1) {
                throw new IllegalArgumentException("parts must be >= 1, but was " + parts);
            }
            return List.of(this);
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
