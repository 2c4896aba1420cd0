package io.kpiengine.core;

import io.kpiengine.core.internal.EnginePlan;
import io.kpiengine.core.internal.GroupState;
import io.kpiengine.core.internal.SourceState;
import io.kpiengine.core.internal.result.DataExtent;
import io.kpiengine.core.internal.result.PeriodMap;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.time.PeriodStatus;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A long-lived, thread-safe aggregation of batches for services: many threads {@link #add} rows as they arrive,
 * and readers take {@link #snapshot() snapshots} of every KPI or {@link #query() ask} for one metric, range of
 * periods and segment. Made by {@link KpiEngine#accumulator()}; it starts empty (no null checks for "nothing yet").
 *
 * <pre>{@code
 * KpiAccumulator live = engine.accumulator();
 * // request threads
 * live.add("orders", batch);                                   // O(rows), safe from many threads
 * // a reader
 * KpiResults all = live.snapshot();                            // every cell; recomputes what changed only
 * OptionalDouble today = live.query().metric("revenue").from(day).to(day).where("region", "East").number();
 * Files.write(path, live.state().toBytes());                   // save; engine.accumulator(engine.restore(...))
 * }</pre>
 *
 * <p><b>Design note.</b> Writers never wait for readers. The accumulator keeps a few stripes, each a state of
 * its own behind a lock; a writer takes the first free stripe (starting at one chosen by its thread) and
 * aggregates its batch there, so {@code add} costs the aggregation of its rows and nothing that grows with the
 * state. A reader first drains the stripes: it swaps each for an empty one under that stripe's lock and merges
 * what was taken into the main state, which only readers touch (one at a time). The drained states say which
 * periods changed. {@link #snapshot()} then recomputes only the cells of the changed periods and every later
 * period, because references ({@code lag}, {@code last_year}, {@code trailing}, {@code to_date}) read earlier
 * periods only; it reuses every other cell of the previous snapshot, and it recomputes everything when a
 * segment appears for the first time or data arrives before the first period. Those cells are computed by the
 * engine's own result assembly, restricted to the period range and visiting only the state's slots there, so a
 * snapshot equals an {@link KpiEngine#results(AggregationState) evaluation} of the same state. Exactness is the
 * engine's: merging stripes is a merge of partitions.
 *
 * <p>Rows are aggregated as they come: the catalog's quality rules are not applied (clean the batches before, or
 * use {@link KpiEngine#evaluate(AggregationState, Map)} for files). Batches must have the clean schema of their
 * data source ({@link io.kpiengine.core.metric.DataSource#cleanSchema()}). The quality of a snapshot judges each
 * source by the engine's error budget ({@link KpiEngine.Builder#errorBudget}), the gate of a source without rules:
 * the rows its batches marked as rejected count as unreadable. The accumulator's {@link #state()} keeps the runs
 * and the absorbed inputs of the state it started from, so that the files a saved state absorbed are still refused
 * after a restart.
 *
 * <p>Thread-safe: {@code add} from any number of threads; {@code snapshot}, {@code query} and {@code state} from
 * any thread (readers take turns).
 */
public final class KpiAccumulator {

    private static final int MAX_STRIPES = 16;

    private final KpiEngine engine;
    private final EnginePlan plan;
    private final Grain stateGrain;
    /** The runs and absorbed inputs of the initial state, which the accumulator's state keeps. */
    private final long runs;
    private final List<AbsorbedInput> absorbed;
    private final Map<String, Schema> schemas = new LinkedHashMap<>();
    private final Stripe[] stripes;
    private final ReentrantLock readers = new ReentrantLock();
    private final Map<String, SourceState> main = new LinkedHashMap<>();
    private long version;
    private @Nullable Snapshot last;
    /** The state periods changed by drains since the last snapshot, {@code dirtyLo > dirtyHi} when none. */
    private long dirtyLo = Long.MAX_VALUE;
    private long dirtyHi = Long.MIN_VALUE;
    /** How many snapshots were computed in full (for tests of the incremental path). */
    int fullSnapshots;

    /** One writer's share: a state per source, behind a lock. */
    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        final Map<String, SourceState> states = new HashMap<>();
    }

    /**
     * The previous full snapshot: its series, so that unchanged cells are reused; {@code partialFrom} is the first
     * period that was not complete (its status and the later ones may change as the clock moves), with its status.
     */
    private record Snapshot(Grain grain, long first, long outFirst, long outLast,
            LinkedHashMap<SeriesKey, KpiResult[]> series, KpiResults results, long partialFrom,
            PeriodStatus partialStatus) {
    }

    /** A series of the result table: one metric at one combination of dimension values. */
    private record SeriesKey(String metric, Map<String, String> dimensions) {
    }

    KpiAccumulator(KpiEngine engine, AggregationState initial) {
        this.engine = engine;
        this.plan = engine.plan();
        this.stateGrain = initial.grain();
        this.runs = initial.runs();
        this.absorbed = initial.absorbed();
        for (Map.Entry<String, SourceState> e : initial.sourceStates().entrySet()) {
            main.put(e.getKey(), AggregationState.copy(e.getValue()));
            schemas.put(e.getKey(), e.getValue().schema());
        }
        plan.schemas().forEach(schemas::putIfAbsent);
        for (String source : plan.sources()) {
            if (!main.containsKey(source) && schemas.containsKey(source)) {
                SourceState s = engine.newState(source, schemas.get(source), stateGrain);
                s.finish();
                main.put(source, s);
            }
        }
        int n = Math.min(MAX_STRIPES, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
        this.stripes = new Stripe[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Aggregates a batch of a data source: O(rows), from any thread.
     *
     * <pre>{@code
     * live.add("orders", batch);
     * }</pre>
     *
     * @param source the data source name
     * @param batch a batch with the source's clean schema
     * @throws IllegalArgumentException if the catalog's metrics read no such source, or the batch has another schema
     * @throws KpiEvaluationException if an exact sum overflows 64 bits (the batch is then partly aggregated)
     */
    public void add(String source, RecordBatch batch) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(batch, "batch");
        Schema schema = schemas.get(source);
        if (schema == null) {
            throw new IllegalArgumentException("source must be a data source the catalog's metrics read "
                    + plan.sources() + ", but was '" + source + "'");
        }
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("batch of source '" + source + "' must have its clean schema "
                    + schema + ", but had " + batch.schema());
        }
        Stripe s = acquire();
        try {
            SourceState state = s.states.get(source);
            if (state == null) {
                state = engine.newState(source, schema, stateGrain);
                s.states.put(source, state);
            }
            state.add(batch);
        } catch (ArithmeticException e) {
            throw new KpiEvaluationException("data source '" + source + "': " + e.getMessage(), e);
        } finally {
            s.lock.unlock();
        }
    }

    /**
     * Aggregates every batch of a record source and closes it; the batches go through {@link #add(String,
     * RecordBatch)} one by one, so readers may see part of them.
     *
     * @param source the data source name
     * @param rows the records, with the source's clean schema
     * @return the number of rows aggregated
     * @throws IllegalArgumentException if the catalog's metrics read no such source, or the rows have another schema
     */
    public long add(String source, RecordSource rows) {
        Objects.requireNonNull(rows, "rows");
        long n = 0;
        try (rows) {
            for (RecordBatch b = rows.next(); b != null; b = rows.next()) {
                add(source, b);
                n += b.size();
            }
        }
        return n;
    }

    /** The first free stripe from the thread's own, else the thread's own once it is free. */
    private Stripe acquire() {
        int home = (int) Math.floorMod(Thread.currentThread().getId() * 0x9E3779B97F4A7C15L, (long) stripes.length);
        for (int i = 0; i < stripes.length; i++) {
            Stripe s = stripes[(home + i) % stripes.length];
            if (s.lock.tryLock()) {
                return s;
            }
        }
        Stripe s = stripes[home];
        s.lock.lock();
        return s;
    }

    /**
     * Takes what the writers aggregated since the last drain into the main state, and widens the range of state
     * periods changed since the last snapshot. Readers' lock held.
     */
    private void drain() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Stripe s : stripes) {
            List<SourceState> taken = new ArrayList<>();
            s.lock.lock();
            try {
                taken.addAll(s.states.values());
                s.states.clear();
            } finally {
                s.lock.unlock();
            }
            for (SourceState t : taken) {
                t.finish();
                for (GroupState g : t.groups()) {
                    for (int slot = 0; slot < g.slots(); slot++) {
                        lo = Math.min(lo, g.period(slot));
                        hi = Math.max(hi, g.period(slot));
                    }
                }
                if (t.rowsAggregated() + t.rowsRejected() > 0) {
                    // the main state is read under the readers' lock only, so it need not be finished: distinct
                    // sets and quantiles are put in order when read, and copies are finished when handed out
                    Objects.requireNonNull(main.get(t.source()), t.source()).mergeFrom(t);   // add() took a source of the plan
                    version++;
                }
            }
        }
        dirtyLo = Math.min(dirtyLo, lo);
        dirtyHi = Math.max(dirtyHi, hi);
    }

    /**
     * Every cell at the engine's grain, as {@link KpiEngine#results(AggregationState)} would compute it from the
     * rows added so far; only the periods that changed since the last snapshot (and the later ones, which may
     * reference them) are recomputed, the other cells are reused.
     *
     * @return immutable results; their {@code state()} is copied on request while no rows were added since
     */
    public KpiResults snapshot() {
        readers.lock();
        try {
            return current().results();
        } finally {
            readers.unlock();
        }
    }

    /** The snapshot of the current state: the last one, updated with what the writers added since. Lock held. */
    private Snapshot current() {
        drain();
        long[] changed = dirtyLo > dirtyHi ? null : new long[] {dirtyLo, dirtyHi};
        dirtyLo = Long.MAX_VALUE;
        dirtyHi = Long.MIN_VALUE;
        Grain g = engine.grain();
        if (last != null && changed == null && statusesHold(last)) {
            return last;
        }
        Snapshot next = last == null || g == Grain.WHOLE_RANGE || engine.hasFixedPeriods() ? null
                : incremental(last, changed, g);
        if (next == null) {
            next = full(g);
            fullSnapshots++;
        }
        last = next;
        return next;
    }

    /**
     * Every cell at another grain the state nests in (a daily accumulator's months), computed in full.
     *
     * @param grain the grain of the results
     * @return immutable results
     * @throws IllegalArgumentException if the state's grain does not nest in {@code grain}
     */
    public KpiResults snapshot(Grain grain) {
        Objects.requireNonNull(grain, "grain");
        engine.checkAnswers(stateGrain, grain);
        readers.lock();
        try {
            drain();
            return results(engine.assembler(grain, stateGrain, null, null).assemble(plan, main));
        } finally {
            readers.unlock();
        }
    }

    /**
     * A question about part of the results, computed on demand from the current state: the cells of some metrics
     * over a range of periods, optionally for one segment.
     *
     * <pre>{@code
     * KpiResults march = live.query().metric("revenue").from(cal.parse("2025-03-01")).to(cal.parse("2025-03-31"))
     *         .results();
     * }</pre>
     *
     * @return a new query over every metric and period
     */
    public Query query() {
        return new Query();
    }

    /**
     * The current state: every row added so far, as a saveable, immutable copy.
     *
     * @return the state
     */
    public AggregationState state() {
        readers.lock();
        try {
            drain();
            return copyOfMain();
        } finally {
            readers.unlock();
        }
    }

    /**
     * The rows aggregated from a source so far (those still in a writer's stripe included).
     *
     * @param source the data source name
     * @return the count, 0 for a source the catalog does not read
     */
    public long rows(String source) {
        readers.lock();
        try {
            drain();
            SourceState s = main.get(source);
            return s == null ? 0 : s.rowsAggregated();
        } finally {
            readers.unlock();
        }
    }

    private AggregationState copyOfMain() {
        List<SourceState> copies = new ArrayList<>();
        main.values().forEach(s -> copies.add(AggregationState.copy(s)));
        return new AggregationState(engine.fingerprintAt(stateGrain), stateGrain, copies, runs, absorbed);
    }

    /** Whether no cell of the last snapshot changed its status since (the clock moved on). */
    private boolean statusesHold(Snapshot s) {
        if (s.partialFrom() > s.outLast() || s.grain() == Grain.WHOLE_RANGE) {
            return s.grain() != Grain.WHOLE_RANGE || s.results().rows().isEmpty()
                    || s.results().rows().get(0).period().status(engine.clock()) == s.results().rows().get(0).status();
        }
        return engine.calendar().period(s.grain(), s.partialFrom()).status(engine.clock()) == s.partialStatus();
    }

    private Map<String, SourceState> stateView() {
        return main;
    }

    private PeriodMap periodMap(Grain g) {
        return g == stateGrain ? PeriodMap.identity(engine.calendar(), g)
                : PeriodMap.regrain(engine.calendar(), stateGrain, g);
    }

    private Snapshot full(Grain g) {
        List<KpiResult> rows = engine.assembler(g, stateGrain, null, null).assemble(plan, main);
        LinkedHashMap<SeriesKey, KpiResult[]> series = new LinkedHashMap<>();
        long outFirst = Long.MAX_VALUE;
        long outLast = Long.MIN_VALUE;
        for (KpiResult r : rows) {
            outFirst = Math.min(outFirst, r.period().index());
            outLast = Math.max(outLast, r.period().index());
        }
        long first = Long.MIN_VALUE;
        if (g == Grain.WHOLE_RANGE) {
            for (KpiResult r : rows) {
                series.put(new SeriesKey(r.metric(), r.dimensions()), new KpiResult[] {r});
            }
        } else if (!rows.isEmpty()) {
            int n = (int) (outLast - outFirst + 1);
            for (KpiResult r : rows) {
                series.computeIfAbsent(new SeriesKey(r.metric(), r.dimensions()), k -> new KpiResult[n])
                        [(int) (r.period().index() - outFirst)] = r;
            }
            first = DataExtent.of(main.values(), periodMap(g)).first();
        }
        return snapshotOf(series, g, first, outFirst, outLast);
    }

    /** The next snapshot from the last one, recomputing the periods from the first changed one on; null: redo all. */
    private @Nullable Snapshot incremental(Snapshot prev, long @Nullable [] changed, Grain g) {
        Map<String, SourceState> states = stateView();
        PeriodMap map = periodMap(g);
        DataExtent data = DataExtent.of(states.values(), map);
        if (prev.grain() != g || prev.series().isEmpty() || data.isEmpty() || data.first() != prev.first()) {
            return null;
        }
        long newLast = Math.max(prev.outLast(), data.last());
        long from = Math.min(prev.partialFrom(), prev.outLast() + 1);
        if (changed != null) {
            from = Math.min(from, map.applyAsLong(changed[0]));
        }
        from = Math.max(from, prev.outFirst());
        if (from > newLast) {
            return prev;
        }
        BusinessCalendar cal = engine.calendar();
        List<KpiResult> tail = engine.assembler(g, stateGrain, cal.period(g, from), cal.period(g, newLast))
                .assemble(plan, states, null, true);
        int n = (int) (newLast - prev.outFirst() + 1);
        int keep = (int) (from - prev.outFirst());
        int len = (int) (newLast - from + 1);
        LinkedHashMap<SeriesKey, KpiResult[]> series = new LinkedHashMap<>();
        for (int i = 0; i < tail.size(); i += len) {
            KpiResult r = tail.get(i);
            SeriesKey key = new SeriesKey(r.metric(), r.dimensions());
            KpiResult[] old = prev.series().get(key);
            if (old == null || series.containsKey(key)) {
                return null;   // a new segment: its earlier cells were never computed
            }
            boolean same = old.length == n;
            for (int k = 0; k < len && same; k++) {
                same = tail.get(i + k).equals(old[keep + k]);
            }
            if (same) {
                series.put(key, old);    // unchanged: shared with the previous snapshot
            } else {
                KpiResult[] a = new KpiResult[n];
                System.arraycopy(old, 0, a, 0, keep);
                for (int k = 0; k < len; k++) {
                    a[keep + k] = tail.get(i + k);
                }
                series.put(key, a);
            }
        }
        if (series.size() != prev.series().size()) {
            return null;
        }
        LinkedHashMap<SeriesKey, KpiResult[]> ordered = new LinkedHashMap<>();
        for (SeriesKey k : prev.series().keySet()) {
            ordered.put(k, series.get(k));
        }
        return snapshotOf(ordered, g, prev.first(), prev.outFirst(), newLast);
    }

    @SuppressWarnings("NonApiType") // insertion order is the table order of the series, so the type says ordered
    private Snapshot snapshotOf(LinkedHashMap<SeriesKey, KpiResult[]> series, Grain g, long first, long outFirst,
            long outLast) {
        long partialFrom = outLast + 1;
        PeriodStatus partialStatus = PeriodStatus.COMPLETE;
        for (KpiResult[] a : series.values()) {
            for (KpiResult r : a) {
                if (r.status() != PeriodStatus.COMPLETE) {
                    partialFrom = r.period().index();
                    partialStatus = r.status();
                    break;
                }
            }
            break;
        }
        List<KpiResults.Block> blocks = new ArrayList<>(series.size());
        series.forEach((k, a) -> blocks.add(new KpiResults.Block(k.metric(), k.dimensions(),
                Collections.unmodifiableList(Arrays.asList(a)))));
        return new Snapshot(g, first, outFirst, outLast, series, ofBlocks(blocks), partialFrom, partialStatus);
    }

    /** Results over series, with the accounts of the main state and its state on request. */
    private KpiResults ofBlocks(List<KpiResults.Block> blocks) {
        long at = version;
        return new KpiResults(blocks, quality(), () -> stateAt(at), plan.unfitWarnings(), engine.catalogOrNull(), true);
    }

    /** Each source against the engine's error budget: the gate of a source without quality rules. */
    private DataQuality quality() {
        List<SourceAccount> accounts = new ArrayList<>();
        for (SourceState s : main.values()) {
            accounts.add(engine.budgetAccount(s.source(), s.rowsAggregated(), s.rowsRejected(),
                    s.rowsWithoutPeriod()));
        }
        return DataQuality.of(accounts);
    }

    /** Results over rows, with the accounts of the main state and its state on request. */
    private KpiResults results(List<KpiResult> rows) {
        long at = version;
        return new KpiResults(rows, quality(), () -> stateAt(at), plan.unfitWarnings(), engine.catalogOrNull());
    }

    /** The state as of a version, while it is still the current one. */
    private AggregationState stateAt(long at) {
        readers.lock();
        try {
            drain();
            if (version != at) {
                throw new IllegalStateException("the accumulator took more rows since this snapshot; its current"
                        + " state is KpiAccumulator.state()");
            }
            return copyOfMain();
        } finally {
            readers.unlock();
        }
    }

    /**
     * A question about part of the current results: some metrics, a period range, a segment. Not thread-safe;
     * cheap to create. {@link #results()} drains the writers first, so it sees every row added before the call.
     */
    public final class Query {
        private final Set<String> metrics = new HashSet<>();
        private @Nullable Period from;
        private @Nullable Period to;
        private @Nullable Grain grain;
        private final Map<String, String> where = new LinkedHashMap<>();

        private Query() {
        }

        /**
         * Keeps the cells of a metric (several calls keep several).
         *
         * @param id the metric id
         * @return this query
         * @throws IllegalArgumentException if the catalog has no such metric
         */
        public Query metric(String id) {
            plan.metric(Objects.requireNonNull(id, "id"));
            metrics.add(id);
            return this;
        }

        /**
         * Keeps periods from the one holding the start of {@code first}.
         *
         * @param first the first period
         * @return this query
         */
        public Query from(Period first) {
            this.from = Objects.requireNonNull(first, "first");
            return this;
        }

        /**
         * Keeps periods to the one holding the start of {@code last}.
         *
         * @param last the last period
         * @return this query
         */
        public Query to(Period last) {
            this.to = Objects.requireNonNull(last, "last");
            return this;
        }

        /**
         * Keeps the cells whose dimension has a value: one segment.
         *
         * @param dimension the dimension
         * @param value the value; null selects cells where it was missing
         * @return this query
         */
        public Query where(String dimension, String value) {
            where.put(Objects.requireNonNull(dimension, "dimension"), value);
            return this;
        }

        /**
         * Answers at another grain that the state nests in (default: the engine's grain).
         *
         * @param value the grain
         * @return this query
         */
        public Query grain(Grain value) {
            this.grain = Objects.requireNonNull(value, "grain");
            return this;
        }

        /**
         * The selected cells, computed now from the current state: only the requested metrics (and the inputs
         * they read) over the requested periods (and the earlier periods their references read).
         *
         * @return immutable results in table order
         * @throws IllegalArgumentException if the state's grain does not nest in the requested grain
         */
        public KpiResults results() {
            Grain g = grain != null ? grain : engine.grain();
            engine.checkAnswers(stateGrain, g);
            BusinessCalendar cal = engine.calendar();
            Period first = from == null || g == Grain.WHOLE_RANGE ? from : cal.period(g, from.start());
            Period last = to == null || g == Grain.WHOLE_RANGE ? to : cal.period(g, to.start());
            readers.lock();
            try {
                if (g == engine.grain() && g != Grain.WHOLE_RANGE && !engine.hasFixedPeriods()) {
                    Snapshot s = current();
                    if (s.series().isEmpty() || first == null && last == null
                            || (first == null || first.index() >= s.outFirst())
                            && (last == null || last.index() <= s.outLast())) {
                        return select(s, first, last);
                    }
                }
                drain();
                List<KpiResult> rows = engine.assembler(g, stateGrain, first, last)
                        .assemble(plan, main, metrics.isEmpty() ? null : metrics, first != null && last != null);
                List<KpiResult> out = new ArrayList<>();
                for (KpiResult r : rows) {
                    if (matches(r)) {
                        out.add(r);
                    }
                }
                return KpiAccumulator.this.results(out);
            } finally {
                readers.unlock();
            }
        }

        /**
         * The number of the one cell the query selects: the short way to one live value.
         *
         * <pre>{@code
         * live.query().metric("revenue").from(today).to(today).where("region", "East").number();
         * }</pre>
         *
         * @return the value, or empty when the cell has no value or the query selects no cell
         * @throws IllegalStateException if the query selects more than one cell
         */
        public OptionalDouble number() {
            List<KpiResult> cells = results().rows();
            if (cells.size() > 1) {
                throw new IllegalStateException("number() needs a query that selects one cell, but it selects "
                        + cells.size() + "; name the metric, the period and every dimension");
            }
            return cells.isEmpty() ? OptionalDouble.empty() : cells.get(0).value().asDouble();
        }

        /** The selected series and periods of a snapshot, sharing its cells: O(series). */
        private KpiResults select(Snapshot s, @Nullable Period first, @Nullable Period last) {
            int a = first == null ? 0 : (int) (first.index() - s.outFirst());
            int b = last == null ? (int) (s.outLast() - s.outFirst()) : (int) (last.index() - s.outFirst());
            List<KpiResults.Block> blocks = new ArrayList<>();
            if (a <= b) {
                s.series().forEach((k, cells) -> {
                    if ((metrics.isEmpty() || metrics.contains(k.metric())) && cells.length > 0
                            && matches(cells[0])) {
                        blocks.add(new KpiResults.Block(k.metric(), k.dimensions(),
                                Collections.unmodifiableList(Arrays.asList(cells).subList(a, b + 1))));
                    }
                });
            }
            return ofBlocks(blocks);
        }

        private boolean matches(KpiResult r) {
            return KpiResults.inSegment(r, where);
        }
    }

    @Override
    public String toString() {
        return "KpiAccumulator[" + stripes.length + " stripes, state at " + stateGrain + ", " + engine + "]";
    }
}
