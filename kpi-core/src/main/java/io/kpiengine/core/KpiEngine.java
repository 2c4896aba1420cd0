package io.kpiengine.core;

import io.kpiengine.core.internal.CalendarIndexer;
import io.kpiengine.core.internal.EnginePlan;
import io.kpiengine.core.internal.GroupSpec;
import io.kpiengine.core.internal.GroupState;
import io.kpiengine.core.internal.MetricPlanner;
import io.kpiengine.core.internal.QualityGate;
import io.kpiengine.core.internal.MeasureSpec;
import io.kpiengine.core.internal.ParallelAggregator;
import io.kpiengine.core.internal.PeriodIndexer;
import io.kpiengine.core.internal.SpineOutliers;
import io.kpiengine.core.internal.result.PeriodMap;
import io.kpiengine.core.internal.result.ResultAssembler;
import io.kpiengine.core.internal.SourceState;
import io.kpiengine.core.internal.StateCodec;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.GroupingSets;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.ErrorBudget;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes every KPI of a catalog per period and segment from streams of records: the entry point of the
 * library.
 *
 * <p>An engine reads each data source once, in columnar batches, on {@code parallelism} threads (one partition of
 * the source per thread, see {@link RecordSource#split(int)}), aggregates into mergeable state per (metric,
 * period, dimension values), merges the thread states and lays the results over a date spine. Sources with
 * quality rules in the catalog are cleaned on the way, and the verdict of their quality gate is attached to the
 * results.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.read(Path.of("catalog.yaml"));     // metrics, data sources, quality rules
 * KpiEngine engine = KpiEngine.builder()
 *         .catalog(catalog)
 *         .zone(ZoneId.of("Asia/Seoul"))                        // default: the catalog's zone; keeps its fiscal year
 *         .grain(Grain.DAY)                                     // default: the catalog's grain
 *         .parallelism(2)
 *         .build();
 * DataSource events = catalog.source("events").orElseThrow();
 * KpiResults results = engine.evaluate(Map.of("events", events.csvReader(Path.of("events.csv")).build()));
 * results.series("revenue_usd", Map.of("channel", "email")).forEach(System.out::println);
 * Files.write(Path.of("events.state"), results.state().toBytes());   // resume tomorrow with restore()
 * }</pre>
 *
 * <p>An engine reports every metric at its own dimensions, or in each requested grouping set it may be sliced by
 * ({@link Builder#groupingSets}); its state may be kept at a finer grain than its results
 * ({@link Builder#stateGrain}), so that one saved state answers every coarser grain
 * ({@link #results(AggregationState, Grain)}); {@link #accumulator()} keeps a state alive for a service.
 *
 * <p><b>Every source has a gate.</b> Records a reader could not read count against the source's validity. A
 * source with quality rules is judged by its rules' thresholds (validity counts unreadable records). A source
 * without rules is judged by the {@linkplain Builder#errorBudget(ErrorBudget) error budget}: PASS when every
 * record was read, WARN when some could not be read within the budget, FAIL when more than the budget (default:
 * more than 1% of its records) could not. {@link QualityVerdict#NOT_CHECKED} is left for a source that a resumed
 * evaluation did not read.
 *
 * <p><b>Bounded output.</b> The date spine of the results holds at most {@link Builder#maxPeriods(int)} periods
 * (default {@value #DEFAULT_MAX_PERIODS}); a longer one fails with {@link KpiEvaluationException}, naming the
 * periods whose rows lie far from the rest (a mistyped year), before anything is allocated for it.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.read(Path.of("catalog.yaml"));     // metrics, data sources, quality rules
 * KpiEngine engine = KpiEngine.builder()
 *         .catalog(catalog)
 *         .zone(ZoneId.of("Asia/Seoul"))                        // default: the catalog's zone; keeps its fiscal year
 *         .grain(Grain.DAY)                                     // default: the catalog's grain
 *         .parallelism(2)
 *         .build();
 * DataSource events = catalog.source("events").orElseThrow();
 * KpiResults results = engine.evaluate(Map.of("events", events.csvReader(Path.of("events.csv")).build()));
 * results.series("revenue_usd", Map.of("channel", "email")).forEach(System.out::println);
 * Files.write(Path.of("events.state"), results.state().toBytes());   // resume tomorrow with restore()
 * }</pre>
 *
 * <p>Engines are immutable and thread-safe: one engine may evaluate many inputs concurrently. The partitions of a
 * source run on the executor given to {@link Builder#executor(java.util.concurrent.Executor)} (by default one new
 * thread each); the merge and the result table are computed on the calling thread.
 */
public final class KpiEngine {

    /** The default error budget of a source without quality rules: more than 1% unreadable records fails. */
    public static final ErrorBudget DEFAULT_ERROR_BUDGET = ErrorBudget.maxFraction(0.01, 0);

    /** The default limit on the periods of the date spine. */
    public static final int DEFAULT_MAX_PERIODS = 50_000;

    private static final Logger LOG = LoggerFactory.getLogger("io.kpiengine.core");

    private final EnginePlan plan;
    private final BusinessCalendar calendar;
    private final Grain grain;
    private final Grain stateGrain;
    private final int parallelism;
    private final Executor executor;
    private final Clock clock;
    private final @Nullable Period first;
    private final @Nullable Period last;
    private final boolean partialWindows;
    private final String fingerprint;
    private final @Nullable GroupingSets groupingSets;
    private final Catalog catalog;
    private final ErrorBudget errorBudget;
    private final int maxPeriods;

    private KpiEngine(Builder b, EnginePlan plan, @Nullable GroupingSets sets) {
        this.plan = plan;
        this.groupingSets = sets;
        Catalog c = b.catalog;
        this.catalog = c;
        BusinessCalendar base = c != null ? c.calendar() : BusinessCalendar.of(ZoneId.of("UTC"));
        this.calendar = b.calendar != null ? b.calendar : b.zone != null ? base.withZone(b.zone) : base;
        this.grain = b.grain != null ? b.grain : c != null ? c.grain() : Grain.DAY;
        this.stateGrain = stateGrainOf(b, c, grain);
        this.parallelism = b.parallelism > 0 ? b.parallelism : Runtime.getRuntime().availableProcessors();
        this.executor = b.executor != null ? b.executor : ParallelAggregator.THREAD_PER_TASK;
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        this.first = b.first == null ? null : grain == Grain.WHOLE_RANGE ? b.first : calendar.period(grain, b.first.start());
        this.last = b.last == null ? null : grain == Grain.WHOLE_RANGE ? b.last : calendar.period(grain, b.last.start());
        this.partialWindows = b.partialWindows != null && b.partialWindows;
        this.errorBudget = b.errorBudget != null ? b.errorBudget : DEFAULT_ERROR_BUDGET;
        this.maxPeriods = b.maxPeriods > 0 ? b.maxPeriods : DEFAULT_MAX_PERIODS;
        this.fingerprint = fingerprint(stateGrain);
    }

    /**
     * The grain of the state: set on the builder, else the catalog's, else day for the whole range, else the grain.
     */
    private Grain stateGrainOf(Builder b, Catalog c, Grain grain) {
        if (b.stateGrain != null) {
            return b.stateGrain;
        }
        if (c != null && c.stateGrain().isPresent() && calendar.nests(c.stateGrain().get(), grain)) {
            return c.stateGrain().get();
        }
        return grain == Grain.WHOLE_RANGE ? Grain.DAY : grain;
    }

    /** The fingerprint of the plan with its state kept at a grain. */
    private String fingerprint(Grain g) {
        return plan.fingerprint("zone " + calendar.zone() + ", grain " + g + ", calendar " + calendar);
    }

    /**
     * A new builder.
     *
     * <pre>{@code
     * KpiEngine engine = KpiEngine.builder().catalog(catalog).parallelism(2).build();
     * }</pre>
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The business calendar of the periods.
     *
     * @return the calendar
     */
    public BusinessCalendar calendar() {
        return calendar;
    }

    /**
     * The grain of the periods.
     *
     * @return the grain
     */
    public Grain grain() {
        return grain;
    }

    /**
     * The grain of the aggregation state: the grain itself, or a finer one that the results are re-grained from
     * ({@link Builder#stateGrain(Grain)}); day for the whole range by default.
     *
     * @return the state grain
     */
    public Grain stateGrain() {
        return stateGrain;
    }

    /**
     * The grouping sets each metric is reported in, when set on the builder or in the catalog.
     *
     * @return the grouping sets, or empty when each metric is reported at its own dimensions only
     */
    public Optional<GroupingSets> groupingSets() {
        return Optional.ofNullable(groupingSets);
    }

    /**
     * The number of threads an evaluation uses per source.
     *
     * @return the parallelism
     */
    public int parallelism() {
        return parallelism;
    }

    /**
     * The data sources the catalog's metrics read.
     *
     * @return the source names
     */
    public List<String> sources() {
        return plan.sources();
    }

    /**
     * Reads every source to its end, aggregates and returns the results. The sources are closed.
     *
     * <pre>{@code
     * DataSource events = catalog.source("events").orElseThrow();
     * KpiResults results = engine.evaluate(Map.of("events", events.csvReader(Path.of("events.csv")).build()));
     * }</pre>
     *
     * @param sources one record source per data source of the catalog, by name
     * @return the results with the quality verdict and the aggregation state
     * @throws IllegalArgumentException if a data source of the catalog is missing or an unknown one is given, or a
     *     source lacks a column the metrics need
     * @throws KpiEvaluationException if cells under an "error" policy have no value, an exact sum overflows, or
     *     the date spine is longer than {@link Builder#maxPeriods(int)}
     */
    public KpiResults evaluate(Map<String, RecordSource> sources) {
        return run(null, KpiInputs.of(Objects.requireNonNull(sources, "sources")), grain);
    }

    /**
     * Reads every input to its end, aggregates and returns the results, recording the inputs given with an id in
     * the results' state. The record sources are closed.
     *
     * <pre>{@code
     * KpiResults r = engine.evaluate(KpiInputs.builder()
     *         .add("events", events.csvReader(Path.of("events-0301.csv")).build(), InputId.of("events-0301"))
     *         .add("events", events.csvReader(Path.of("events-0302.csv")).build(), InputId.of("events-0302"))
     *         .build());
     * }</pre>
     *
     * @param inputs at least one input per data source of the catalog
     * @return the results with the quality verdict and the aggregation state
     * @throws IllegalArgumentException if a data source of the catalog has no input or an unknown one is given, or
     *     a source lacks a column the metrics need
     * @throws StateException if the same input (source and id) is given twice and replays are not allowed
     * @throws KpiEvaluationException if cells under an "error" policy have no value, an exact sum overflows, or
     *     the date spine is longer than {@link Builder#maxPeriods(int)}
     */
    public KpiResults evaluate(KpiInputs inputs) {
        return run(null, Objects.requireNonNull(inputs, "inputs"), grain);
    }

    /**
     * Adds new input to a saved state and returns the results of both together, as if one run had read all of
     * it. The state may have been kept at a finer grain than this engine's (a daily state answers a monthly
     * engine): the new input is then aggregated at the state's grain, and the returned state stays at it.
     *
     * <pre>{@code
     * AggregationState yesterday = engine.restore(Files.readAllBytes(Path.of("events.state")));
     * KpiResults both = engine.evaluate(yesterday, Map.of("events", events.csvReader(Path.of("today.csv")).build()));
     * Files.write(Path.of("events.state"), both.state().toBytes());
     * }</pre>
     *
     * @param previous the state of an earlier run of an engine with the same catalog and zone, kept at this engine's
     *     grain or a finer one ({@link #emptyState()} for none)
     * @param sources the new input; a data source may be absent (it keeps its previous state)
     * @return the results over the previous and the new input
     * @throws IllegalArgumentException if the state comes from a different catalog or zone, or from a grain that
     *     does not nest in this engine's
     */
    public KpiResults evaluate(AggregationState previous, Map<String, RecordSource> sources) {
        Objects.requireNonNull(previous, "previous");
        return evaluate(previous, KpiInputs.of(Objects.requireNonNull(sources, "sources")));
    }

    /**
     * Adds new inputs to a saved state and returns the results of both together, refusing an input that the state
     * has already absorbed (see {@link KpiInputs}).
     *
     * <pre>{@code
     * AggregationState saved = engine.restore(Files.readAllBytes(Path.of("events.state")));
     * KpiResults r = engine.evaluate(saved, KpiInputs.builder()
     *         .add("events", events.csvReader(Path.of("events-0302.csv")).build(), InputId.of("events-0302"))
     *         .build());
     * }</pre>
     *
     * @param previous the state of an earlier run of an engine with the same catalog and zone, kept at this engine's
     *     grain or a finer one ({@link #emptyState()} for none)
     * @param inputs the new inputs; a data source may be absent (it keeps its previous state)
     * @return the results over the previous and the new input
     * @throws IllegalArgumentException if the state comes from a different catalog or zone, or from a grain that
     *     does not nest in this engine's
     * @throws StateException if the state has already absorbed an input (same source and id), or an input is given
     *     twice, and replays are not allowed; the message names the run that absorbed it
     */
    public KpiResults evaluate(AggregationState previous, KpiInputs inputs) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(inputs, "inputs");
        try {
            checkFits(previous, grain);
        } catch (IllegalArgumentException e) {
            inputs.closeAll();
            throw e;
        }
        return run(previous, inputs, grain);
    }

    /**
     * The results of a state at the engine's grain, without new input: the state itself is neither read again
     * nor copied.
     *
     * <pre>{@code
     * KpiResults r = engine.results(engine.restore(Files.readAllBytes(Path.of("events.state"))));
     * }</pre>
     *
     * @param state a state of an engine with the same catalog and zone
     * @return the results
     * @throws IllegalArgumentException if the state comes from a different catalog or zone, or from a grain that
     *     does not nest in this engine's
     */
    public KpiResults results(AggregationState state) {
        return results(state, grain);
    }

    /**
     * The results of a state at another grain: one state kept at a fine grain answers every coarser grain
     * exactly (a daily state answers ISO weeks, months, quarters, fiscal years and the whole range), because the
     * state of each coarser period is the merge of the finer states it contains, for every measure.
     *
     * <pre>{@code
     * KpiEngine engine = KpiEngine.builder().catalog(catalog).grain(Grain.DAY).build();
     * KpiResults daily = engine.evaluate(Map.of("orders", source));
     * KpiResults monthly = engine.results(daily.state(), Grain.MONTH);
     * KpiResults total = engine.results(daily.state(), Grain.WHOLE_RANGE);
     * }</pre>
     *
     * @param state a state of an engine with the same catalog and zone
     * @param resultGrain the grain of the results; the state's grain must nest in it
     * @return the results at that grain
     * @throws IllegalArgumentException if the state comes from a different catalog or zone, its grain does not
     *     nest in {@code resultGrain} (a weekly state cannot answer months), or the catalog's formulas do not fit
     *     the grain ({@code lag} at the whole range)
     */
    public KpiResults results(AggregationState state, Grain resultGrain) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(resultGrain, "resultGrain");
        checkFits(state, resultGrain);
        return run(state, KpiInputs.of(Map.of()), resultGrain);
    }

    /**
     * An empty state: no rows from any source yet, ready to be the {@code previous} of
     * {@link #evaluate(AggregationState, Map)} or the start of an accumulator, so that callers need no null checks
     * for "nothing saved yet".
     *
     * <pre>{@code
     * AggregationState saved = Files.exists(path) ? engine.restore(Files.readAllBytes(path)) : engine.emptyState();
     * KpiResults r = engine.evaluate(saved, Map.of("events", today));
     * }</pre>
     *
     * @return a state without rows, at the engine's state grain
     */
    public AggregationState emptyState() {
        List<SourceState> states = new ArrayList<>();
        for (String name : plan.sources()) {
            Schema schema = plan.schemas().get(name);
            if (schema != null) {
                SourceState s = newState(name, schema, stateGrain);
                s.finish();
                states.add(s);
            }
        }
        return new AggregationState(fingerprint, stateGrain, states, 0, List.of());
    }

    /** The state must come from this plan, at a grain that nests in the result grain. */
    private void checkFits(AggregationState state, Grain resultGrain) {
        Grain g = state.grain();
        if (!state.fingerprint().equals(fingerprint(g))) {
            throw new IllegalArgumentException("previous must come from an engine with the same measures, grain and"
                    + " zone, but it was computed for:\n  " + state.fingerprint()
                    + "\nand this engine computes:\n  " + fingerprint(g));
        }
        if (g != resultGrain && (g == Grain.WHOLE_RANGE || !calendar.nests(g, resultGrain))) {
            throw new IllegalArgumentException("a state kept at grain " + g.id() + " cannot answer grain "
                    + resultGrain.id() + ": " + g.id() + " periods do not nest in " + resultGrain.id() + " periods;"
                    + " keep the state at a finer grain (KpiEngine.Builder.stateGrain)");
        }
    }

    /**
     * Restores a state saved with {@link AggregationState#toBytes()}, kept at this engine's state grain or at
     * another grain that nests in the engine's grain.
     *
     * <pre>{@code
     * AggregationState saved = engine.restore(Files.readAllBytes(Path.of("events.state")));
     * }</pre>
     *
     * @param bytes the saved state
     * @return the state
     * @throws StateException if the bytes are not a state, have an unsupported format version or a wrong checksum,
     *     come from an engine with other measures, grain or zone, or are truncated
     */
    public AggregationState restore(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        Grain g = stateGrain;
        String saved = StateCodec.fingerprintOf(bytes).orElse(null);
        if (saved != null && !saved.equals(fingerprint)) {
            for (Grain other : Grain.values()) {
                if (other != Grain.WHOLE_RANGE && calendar.nests(other, grain) && saved.equals(fingerprint(other))) {
                    g = other;
                }
            }
        }
        Grain stateAt = g;
        try {
            StateCodec.Decoded d = StateCodec.read(bytes, fingerprint(stateAt),
                    (source, schema) -> newState(source, schema, stateAt));
            d.sources().forEach(SourceState::finish);
            return AggregationState.of(fingerprint(stateAt), stateAt, d);
        } catch (IOException e) {
            throw new StateException("cannot restore the aggregation state: " + e.getMessage(), e);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // values the checksum cannot vouch for: a state written by other code with a valid checksum
            throw new StateException("cannot restore the aggregation state: it is inconsistent: " + e.getMessage(), e);
        }
    }

    /**
     * A live accumulator over this engine's catalog, starting empty: see {@link KpiAccumulator}.
     *
     * <pre>{@code
     * KpiAccumulator live = engine.accumulator();
     * live.add("orders", batch);                 // from any thread
     * KpiResults now = live.snapshot();          // recomputes only what changed since the last snapshot
     * }</pre>
     *
     * @return a new accumulator
     */
    public KpiAccumulator accumulator() {
        return new KpiAccumulator(this, emptyState());
    }

    /**
     * A live accumulator that starts from a state (a restored one, say, after a restart).
     *
     * <pre>{@code
     * KpiAccumulator live = engine.accumulator(engine.restore(Files.readAllBytes(Path.of("live.state"))));
     * }</pre>
     *
     * @param initial a state of an engine with the same catalog and zone, at this engine's grain or a finer one
     * @return a new accumulator
     * @throws IllegalArgumentException if the state does not fit this engine
     */
    public KpiAccumulator accumulator(AggregationState initial) {
        Objects.requireNonNull(initial, "initial");
        checkFits(initial, grain);
        return new KpiAccumulator(this, initial);
    }

    EnginePlan plan() {
        return plan;
    }

    boolean hasFixedPeriods() {
        return first != null || last != null;
    }

    Clock clock() {
        return clock;
    }

    Catalog catalogOrNull() {
        return catalog;
    }

    String fingerprintAt(Grain g) {
        return fingerprint(g);
    }

    /** An assembler of results at a grain from states at another. */
    ResultAssembler assembler(Grain resultGrain, Grain stateAt, @Nullable Period from, @Nullable Period to) {
        return new ResultAssembler(calendar, resultGrain, stateAt, clock, from != null ? from : first,
                to != null ? to : last, partialWindows);
    }

    /** The state grain must nest in a grain of results (or be it). */
    void checkAnswers(Grain stateAt, Grain resultGrain) {
        if (stateAt != resultGrain && (stateAt == Grain.WHOLE_RANGE || !calendar.nests(stateAt, resultGrain))) {
            throw new IllegalArgumentException("a state kept at grain " + stateAt.id() + " cannot answer grain "
                    + resultGrain.id() + ": " + stateAt.id() + " periods do not nest in " + resultGrain.id()
                    + " periods");
        }
    }

    SourceState newState(String source, Schema schema, Grain at) {
        List<GroupState> groups = new ArrayList<>();
        for (Map.Entry<GroupSpec, List<MeasureSpec>> g : plan.groups(source).entrySet()) {
            PeriodIndexer indexer = new CalendarIndexer(calendar.indexer(at));
            try {
                groups.add(new GroupState(g.getKey(), g.getValue(), schema, indexer));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("data source '" + source + "': " + e.getMessage(), e);
            }
        }
        return new SourceState(source, schema, groups);
    }

    private KpiResults run(@Nullable AggregationState previous, KpiInputs inputs, Grain resultGrain) {
        Grain at = previous == null ? stateGrain : previous.grain();
        List<String> needed = plan.sources();
        Map<String, List<KpiInputs.Input>> bySource = inputs.bySource();
        for (String name : bySource.keySet()) {
            if (!needed.contains(name)) {
                inputs.closeAll();
                throw new IllegalArgumentException("sources must be data sources of the catalog " + needed
                        + ", but '" + name + "' is not");
            }
        }
        // the previous state is shared and read-only: a source with new input merges into a copy
        Map<String, SourceState> prior = previous == null ? Map.of() : previous.sourceStates();
        for (String name : needed) {
            if (!bySource.containsKey(name) && !prior.containsKey(name)) {
                inputs.closeAll();
                throw new IllegalArgumentException("sources must contain every data source of the catalog " + needed
                        + ", but '" + name + "' is missing");
            }
        }
        // results of a state without input (results(state, grain)) are not a run: the state stays as it was
        boolean newInput = !bySource.isEmpty();
        long run = previous == null ? 1 : newInput ? previous.runs() + 1 : previous.runs();
        Instant now = clock.instant();
        List<AbsorbedInput> absorbed = new ArrayList<>(previous == null ? List.of() : previous.absorbed());
        try {
            absorbed.addAll(checkReplays(previous, inputs, run, now));
        } catch (StateException e) {
            inputs.closeAll();
            throw e;
        }
        Map<String, SourceState> merged = new LinkedHashMap<>();
        List<SourceAccount> accounts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            for (String name : needed) {
                List<KpiInputs.Input> list = bySource.get(name);
                SourceState state = prior.get(name);
                if (list != null) {
                    List<SourceAccount> parts = new ArrayList<>();
                    boolean changed = false;
                    for (KpiInputs.Input input : list) {
                        SourceState fresh = aggregate(name, input, parts, list.size() > 1, at);
                        if (state == null) {
                            state = fresh;
                        } else {
                            if (!changed && state == prior.get(name)) {
                                state = AggregationState.copy(state);
                            }
                            try {
                                state.mergeFrom(fresh);
                            } catch (ArithmeticException e) {
                                throw new KpiEvaluationException("data source '" + name + "': " + e.getMessage()
                                        + " when adding " + describe(input), e);
                            }
                            changed = true;
                        }
                    }
                    if (changed && state != null) {   // changed: state is a merged copy
                        state.finish();
                    }
                    accounts.add(parts.size() == 1 ? parts.get(0) : combine(name, parts));
                } else {
                    accounts.add(new SourceAccount(name, 0, 0, 0, 0, QualityVerdict.NOT_CHECKED, List.of(), null));
                }
                SourceState all = Objects.requireNonNull(state, name);   // a source without input has a prior state
                if (all.rowsWithoutPeriod() > 0) {
                    LOG.warn("data source '{}': {} rows have no time value and count in no period", name,
                            all.rowsWithoutPeriod());
                    warnings.add("data source '" + name + "': " + all.rowsWithoutPeriod()
                            + " rows have no time value and count in no period");
                }
                merged.put(name, all);
            }
        } catch (RuntimeException | Error e) {
            inputs.closeAll();
            throw e;
        }
        checkSpine(merged, at, resultGrain);
        long assembling = System.nanoTime();
        ResultAssembler assembler = new ResultAssembler(calendar, resultGrain, at, clock, first, last,
                partialWindows);
        List<KpiResult> rows = assembler.assemble(plan, merged);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} result cells of {} metrics assembled in {} ms", rows.size(), plan.metrics().size(),
                    (System.nanoTime() - assembling) / 1_000_000);
        }
        assembler.warnings().forEach(w -> LOG.warn("{}", w));
        warnings.addAll(assembler.warnings());
        AggregationState state = !newInput && previous != null ? previous
                : new AggregationState(fingerprint(at), at, new ArrayList<>(merged.values()), run, absorbed);
        return new KpiResults(rows, DataQuality.of(accounts), state, warnings, catalog);
    }

    /**
     * The inputs this run absorbs under an id; refuses (unless replays are allowed) an input that the previous
     * state holds or that is given twice.
     */
    private static List<AbsorbedInput> checkReplays(@Nullable AggregationState previous, KpiInputs inputs, long run,
            Instant at) {
        List<AbsorbedInput> out = new ArrayList<>();
        for (String source : inputs.sources()) {
            for (InputId id : inputs.ids(source)) {
                AbsorbedInput earlier = previous == null ? null : previous.find(source, id.id());
                AbsorbedInput twice = null;
                for (AbsorbedInput a : out) {
                    if (a.source().equals(source) && a.input().id().equals(id.id())) {
                        twice = a;
                    }
                }
                if (!inputs.allowReplay() && earlier != null) {
                    throw new StateException("input " + id.describe() + " of data source '" + source + "' was already"
                            + " absorbed into this state by run " + earlier.run() + " (" + earlier.at() + ", as "
                            + earlier.input().describe() + "); absorbing it again would count its records twice."
                            + " To count it again on purpose, allow replays (the kpi command's"
                            + " --allow-replay, KpiInputs.Builder.allowReplay)", null);
                }
                if (!inputs.allowReplay() && twice != null) {
                    throw new StateException("input " + id.describe() + " of data source '" + source + "' is given"
                            + " twice in this run (also as " + twice.input().describe() + "); reading it twice would"
                            + " count its records twice. Give each input once, or allow replays (the kpi"
                            + " command's --allow-replay, KpiInputs.Builder.allowReplay)", null);
                }
                out.add(new AbsorbedInput(source, id, run, at));
            }
        }
        return out;
    }

    private static String describe(KpiInputs.Input input) {
        return input.id() != null ? "input " + input.id().describe() : "input '" + input.records().name() + "'";
    }

    /** Cleans (when the source has rules), aggregates and accounts for one input of a source. */
    private SourceState aggregate(String name, KpiInputs.Input input, List<SourceAccount> accounts,
            boolean several, Grain at) {
        RecordSource raw = input.records();
        EnginePlan.SourceGate gate = plan.gates().get(name);
        EnginePlan.GatedRun gated = gate == null ? null : gate.clean(raw);
        RecordSource clean = gated == null ? raw : gated.source();
        Schema schema = clean.schema();
        SourceState fresh;
        long started = System.nanoTime();
        try {
            newState(name, schema, at);
            fresh = ParallelAggregator.aggregate(clean, parallelism, executor, () -> newState(name, schema, at));
        } catch (ArithmeticException e) {
            throw new KpiEvaluationException("data source '" + name + "': " + e.getMessage(), e);
        } finally {
            clean.close();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("data source '{}', {}: {} rows read and aggregated in {} ms (parallelism {})", name,
                    describe(input), fresh.rowsAggregated(), (System.nanoTime() - started) / 1_000_000, parallelism);
        }
        SourceAccount account;
        if (gated == null) {
            if (fresh.rowsRejected() > 0) {
                LOG.warn("data source '{}', {}: {} records could not be read and count in no cell (the rejected"
                        + " rows of the batches say why)", name, describe(input), fresh.rowsRejected());
            }
            account = budgetAccount(name, fresh.rowsAggregated(), fresh.rowsRejected(), fresh.rowsWithoutPeriod());
        } else {
            account = gated.account(name, fresh);
        }
        if (several) {
            List<String> findings = new ArrayList<>();
            for (String f : account.findings()) {
                findings.add(describe(input) + ": " + f);
            }
            account = new SourceAccount(name, account.rowsAggregated(), account.rowsRejected(), account.rowsMerged(),
                    account.rowsWithoutPeriod(), account.verdict(), findings, account.report());
        }
        accounts.add(account);
        return fresh;
    }

    /**
     * The gate of a source without quality rules: its unreadable records against the error budget.
     */
    SourceAccount budgetAccount(String name, long aggregated, long unreadable, long withoutPeriod) {
        long records = aggregated + unreadable;
        QualityVerdict verdict = QualityVerdict.PASS;
        List<String> findings = new ArrayList<>();
        if (unreadable > 0) {
            boolean over = errorBudget.isExceeded(records, unreadable, true);
            verdict = over ? QualityVerdict.FAIL : QualityVerdict.WARN;
            findings.add(String.format(Locale.ROOT, "validity: %,d of %,d records (%s) could not be read, %s the"
                    + " error budget of %s", unreadable, records, percent(unreadable, records),
                    over ? "more than" : "within", budgetText(errorBudget)));
        }
        return new SourceAccount(name, aggregated, unreadable, 0, withoutPeriod, verdict, findings, null);
    }

    /** {@code 39.32%}, never rounded to 0% or 100% when it is neither. */
    static String percent(long part, long whole) {
        if (whole == 0) {
            return "0%";
        }
        double p = 100.0 * part / whole;
        String text = String.format(Locale.ROOT, "%.2f%%", p);
        if (part > 0 && text.equals("0.00%")) {
            return "less than 0.01%";
        }
        if (part < whole && text.equals("100.00%")) {
            return "more than 99.99%";
        }
        return text;
    }

    /** {@code 1% of records}, {@code 100 records}, {@code 1% of records or 100 records}. */
    static @Nullable String budgetText(ErrorBudget b) {
        if (b.isUnlimited()) {
            return "unlimited";
        }
        String fraction = b.maxFraction() < 1.0 ? java.math.BigDecimal.valueOf(b.maxFraction() * 100)
                .stripTrailingZeros().toPlainString() + "% of records" : null;
        String count = b.maxCount() != Long.MAX_VALUE ? String.format(Locale.ROOT, "%,d records", b.maxCount()) : null;
        return fraction == null ? count : count == null ? fraction : fraction + " and " + count;
    }

    /** One account of the accounts of a source's inputs: counts summed, the worst verdict, findings in order. */
    private static SourceAccount combine(String name, List<SourceAccount> parts) {
        long aggregated = 0;
        long rejected = 0;
        long merged = 0;
        long withoutPeriod = 0;
        QualityVerdict verdict = null;
        List<String> findings = new ArrayList<>();
        io.kpiengine.quality.QualityReport report = null;
        for (SourceAccount a : parts) {
            aggregated += a.rowsAggregated();
            rejected += a.rowsRejected();
            merged += a.rowsMerged();
            withoutPeriod += a.rowsWithoutPeriod();
            findings.addAll(a.findings());
            if (verdict == null || a.verdict().worst(verdict) != verdict) {
                verdict = a.verdict();
                report = a.report();
            }
        }
        // parts is never empty (a source with inputs has an account per input), so the loop set the verdict
        return new SourceAccount(name, aggregated, rejected, merged, withoutPeriod, Objects.requireNonNull(verdict),
                findings, report);
    }

    /**
     * Refuses a date spine of more than {@link #maxPeriods} result periods before the assembler allocates it,
     * naming the periods whose rows lie far from the rest. The rows of a state kept at a finer grain count in the
     * result period that holds their state period; the whole range is one period.
     */
    private void checkSpine(Map<String, SourceState> states, Grain at, Grain resultGrain) {
        if (resultGrain == Grain.WHOLE_RANGE) {
            return;
        }
        PeriodMap toResult = at == resultGrain ? null : PeriodMap.regrain(calendar, at, resultGrain);
        TreeMap<Long, Long> rowsByPeriod = new TreeMap<>();
        for (SourceState s : states.values()) {
            // every grouping of a source sees the same rows: take the largest count of a period among them
            TreeMap<Long, Long> source = new TreeMap<>();
            for (GroupState g : s.groups()) {
                TreeMap<Long, Long> group = new TreeMap<>();
                for (int slot = 0; slot < g.slots(); slot++) {
                    long p = toResult == null ? g.period(slot) : toResult.applyAsLong(g.period(slot));
                    group.merge(p, g.rows(slot), Long::sum);
                }
                group.forEach((p, n) -> source.merge(p, n, Math::max));
            }
            source.forEach((p, n) -> rowsByPeriod.merge(p, n, Long::sum));
        }
        if (rowsByPeriod.isEmpty() && first == null) {
            return;
        }
        long from = first != null ? calendar.period(resultGrain, first.start()).index() : rowsByPeriod.firstKey();
        long to = last != null ? calendar.period(resultGrain, last.start()).index() : rowsByPeriod.lastKey();
        long periods = to - from + 1;
        if (periods <= maxPeriods) {
            return;
        }
        String range = String.format(Locale.ROOT, "the date spine from %s to %s would have %,d %s periods, more"
                + " than the limit of %,d (KpiEngine.Builder.maxPeriods, kpi run --max-periods)",
                calendar.period(resultGrain, from), calendar.period(resultGrain, to), periods, resultGrain.id(),
                maxPeriods);
        if (first != null && last != null) {
            throw new KpiEvaluationException(range + "; choose a shorter --from/--to range", List.of());
        }
        throw new KpiEvaluationException(range + ": " + SpineOutliers.explain(rowsByPeriod, calendar, resultGrain,
                maxPeriods) + "; correct those dates, or fix the spine with --from/--to (KpiEngine.Builder.periods)",
                List.of());
    }

    @Override
    public String toString() {
        return "KpiEngine[" + plan.metrics().size() + " metrics, zone " + calendar.zone() + ", grain " + grain
                + (stateGrain == grain ? "" : " from state at " + stateGrain)
                + (groupingSets == null ? "" : ", " + groupingSets) + ", parallelism " + parallelism
                + (executor == ParallelAggregator.THREAD_PER_TASK ? "" : ", executor " + executor) + "]";
    }

    /**
     * Builds a {@link KpiEngine}. Each setter checks its argument at once and may be called once;
     * {@link #build()} checks the combination and leaves the builder reusable. Not thread-safe.
     */
    public static final class Builder {
        private EnginePlan plan;
        private Catalog catalog;
        private ZoneId zone;
        private BusinessCalendar calendar;
        private Grain grain;
        private int parallelism;
        private Executor executor;
        private Clock clock;
        private Period first;
        private Period last;
        private Boolean partialWindows;
        private Grain stateGrain;
        private GroupingSets groupingSets;
        private ErrorBudget errorBudget;
        private int maxPeriods;

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        private Builder() {
        }

        private static void once(@Nullable Object current, String what, Object value) {
            if (current != null) {
                throw new IllegalStateException(what + " was already set to " + current + ", cannot set it to "
                        + value);
            }
        }

        Builder plan(EnginePlan value) {
            once(plan != null ? plan : catalog, "catalog", "another plan");
            plan = Objects.requireNonNull(value, "plan");
            return this;
        }

        /**
         * The catalog: metrics, data sources with their quality rules, and the default calendar and grain.
         *
         * @param value the catalog
         * @return this builder
         * @throws IllegalStateException if a catalog was already set
         */
        public Builder catalog(Catalog value) {
            once(plan != null ? plan : catalog, "catalog", value);
            catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        /**
         * The business time zone of the periods (default: the catalog's zone, else UTC). Only the zone changes: the
         * fiscal year (start month and naming) stays the catalog's.
         *
         * <pre>{@code
         * KpiEngine berlin = KpiEngine.builder().catalog(catalog).zone(ZoneId.of("Europe/Berlin")).build();
         * berlin.calendar().fiscalYearStart();   // the catalog's, e.g. APRIL
         * }</pre>
         *
         * @param value the zone
         * @return this builder
         * @throws IllegalStateException if the zone or calendar was already set
         */
        public Builder zone(ZoneId value) {
            once(zone != null ? zone : calendar, "zone", value);
            zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /**
         * The full business calendar (zone and fiscal year), instead of {@link #zone(ZoneId)}. With a catalog, its
         * fiscal year must be the catalog's (the catalog's fiscal grains and {@code to_date} windows are defined by
         * it): {@link #build()} fails otherwise; to change only the zone, use {@link #zone(ZoneId)}.
         *
         * @param value the calendar
         * @return this builder
         * @throws IllegalStateException if the zone or calendar was already set
         */
        public Builder calendar(BusinessCalendar value) {
            once(zone != null ? zone : calendar, "calendar", value);
            calendar = Objects.requireNonNull(value, "calendar");
            return this;
        }

        /**
         * The grain of the periods (default: day).
         *
         * @param value the grain
         * @return this builder
         */
        public Builder grain(Grain value) {
            once(grain, "grain", value);
            grain = Objects.requireNonNull(value, "grain");
            return this;
        }

        /**
         * The grain the aggregation state is kept at, finer than the grain of the results (default: the catalog's
         * {@code stateGrain} when it nests in the grain, else day for {@link Grain#WHOLE_RANGE}, else the grain
         * itself). A state kept per day answers every coarser grain exactly
         * ({@link KpiEngine#results(AggregationState, Grain)}), so one engine
         * fed with every batch serves daily series and monthly KPIs alike.
         *
         * <pre>{@code
         * KpiEngine monthly = KpiEngine.builder().catalog(catalog).grain(Grain.MONTH).stateGrain(Grain.DAY).build();
         * KpiResults r = monthly.evaluate(Map.of("orders", source));   // months, from a daily state
         * monthly.results(r.state(), Grain.WEEK);                      // the same state, by ISO week
         * }</pre>
         *
         * @param value a grain whose periods nest in the grain of the results
         * @return this builder
         * @throws IllegalStateException if already set
         * @throws IllegalArgumentException if the value is WHOLE_RANGE
         */
        public Builder stateGrain(Grain value) {
            once(stateGrain, "stateGrain", value);
            if (Objects.requireNonNull(value, "stateGrain") == Grain.WHOLE_RANGE) {
                throw new IllegalArgumentException("stateGrain must be a calendar grain such as day, but was"
                        + " whole_range");
            }
            stateGrain = value;
            return this;
        }

        /**
         * The grouping sets each metric is reported in (default: the catalog's {@code groupingSets}, else each metric
         * at its own dimensions only). A metric appears in every set whose dimensions it is grouped or may be sliced
         * by ({@code sliceBy}); all sets come from one pass over the data, and ratios and formulas are recomputed in
         * each set from their inputs there.
         *
         * <pre>{@code
         * KpiEngine engine = KpiEngine.builder().catalog(catalog)
         *         .groupingSets(GroupingSets.rollup("region", "category"))   // (region, category), (region), ()
         *         .build();
         * }</pre>
         *
         * @param value the grouping sets
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder groupingSets(GroupingSets value) {
            once(groupingSets, "groupingSets", value);
            groupingSets = Objects.requireNonNull(value, "groupingSets");
            return this;
        }

        /**
         * The number of threads per source (default: the number of processors).
         *
         * @param threads 1 to 1024
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder parallelism(int threads) {
            once(parallelism == 0 ? null : parallelism, "parallelism", threads);
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("parallelism must be 1 to 1024, but was " + threads);
            }
            parallelism = threads;
            return this;
        }

        /**
         * The executor that runs the partitions of a source (default: one new thread per partition). A host
         * application passes its own pool to control how many threads the engine uses and how they are named,
         * monitored and shut down. Each evaluation gives the executor up to {@link #parallelism(int)} tasks per
         * source and waits for them on the calling thread; the tasks never wait for each other, so any executor
         * works, a single thread included (the partitions then run one after the other). The engine never shuts the
         * executor down. With one partition the calling thread does the work.
         *
         * <pre>{@code
         * ExecutorService pool = Executors.newFixedThreadPool(4);
         * KpiEngine engine = KpiEngine.builder().catalog(catalog).parallelism(4).executor(pool).build();
         * }</pre>
         *
         * @param value the executor
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder executor(Executor value) {
            once(executor, "executor", value);
            executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * The clock that decides which period is partial (default: the system clock in UTC).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            once(clock, "clock", value);
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Fixes the date spine to the periods holding {@code from} to {@code to} (default: from the first to the last
         * period with data).
         *
         * <p>The spine decides which cells the results hold, not which data they use: {@code lag},
         * {@code last_year}, {@code trailing} and {@code to_date} read every aggregated period, also before
         * {@code from}. Cells before the first period with data of their source have no value
         * ({@link NoValueReason#NO_HISTORY}); see {@link #partialWindows(boolean)} for windows that start before it.
         *
         * <pre>{@code
         * BusinessCalendar cal = catalog.calendar();
         * KpiEngine engine = KpiEngine.builder().catalog(catalog)
         *         .periods(cal.parse("2025-03-01"), cal.parse("2025-03-31"))   // trailing windows still see February
         *         .build();
         * }</pre>
         *
         * @param from a period whose start lies in the first period
         * @param to a period whose start lies in the last period
         * @return this builder
         * @throws IllegalArgumentException if {@code to} starts before {@code from}
         */
        public Builder periods(Period from, Period to) {
            once(first, "periods", from + ".." + to);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.start().isBefore(from.start())) {
                throw new IllegalArgumentException("to must not start before from " + from + ", but was " + to);
            }
            first = from;
            last = to;
            return this;
        }

        /**
         * Whether a window that starts before the data may merge the periods that have data (default: false).
         *
         * <p>The data of a source starts at its first period with rows, whatever the date spine. By default a
         * {@code trailing(m, n)} or {@code to_date(m, grain)} window that starts before that period has no value,
         * with reason {@link NoValueReason#INCOMPLETE_WINDOW} and a detail that says how many of its periods have
         * data: a seven-day sum over three days of data is not a seven-day sum. With {@code true} such a window
         * merges the periods that have data, and {@link KpiResults#warnings()} names the metrics and periods where
         * that happened. A window that lies wholly before the data has no value either way
         * ({@link NoValueReason#NO_HISTORY}).
         *
         * <pre>{@code
         * KpiEngine engine = KpiEngine.builder().catalog(catalog).partialWindows(true).build();
         * }</pre>
         *
         * @param allow true to merge the periods that have data
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder partialWindows(boolean allow) {
            once(partialWindows, "partialWindows", allow);
            partialWindows = allow;
            return this;
        }

        /**
         * The error budget of every data source without quality rules (default {@link #DEFAULT_ERROR_BUDGET}: more
         * than 1% of its records unreadable fails its gate). A source with rules is judged by its rules'
         * thresholds instead, whose validity score counts unreadable records.
         *
         * <pre>{@code
         * KpiEngine engine = KpiEngine.builder().catalog(catalog).errorBudget(ErrorBudget.maxFraction(0.05, 0)).build();
         * }</pre>
         *
         * @param budget the budget, judged over all records of an input at its end
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder errorBudget(ErrorBudget budget) {
            once(errorBudget, "errorBudget", budget);
            errorBudget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * The most periods the date spine of the results may hold (default {@value #DEFAULT_MAX_PERIODS}). A
         * longer spine, from a mistyped year in the data or a wide {@link #periods} range, fails the evaluation
         * with a {@link KpiEvaluationException} that names the periods far from the rest, instead of allocating
         * cells for every period in between.
         *
         * <pre>{@code
         * KpiEngine engine = KpiEngine.builder().catalog(catalog).maxPeriods(200_000).build();
         * }</pre>
         *
         * @param periods 1 to 10,000,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException if already set
         */
        public Builder maxPeriods(int periods) {
            once(maxPeriods == 0 ? null : maxPeriods, "maxPeriods", periods);
            if (periods < 1 || periods > 10_000_000) {
                throw new IllegalArgumentException("maxPeriods must be 1 to 10,000,000, but was " + periods);
            }
            maxPeriods = periods;
            return this;
        }

        /**
         * Builds the engine.
         *
         * @return the immutable engine
         * @throws IllegalStateException if no catalog was set
         * @throws IllegalArgumentException if the grain does not fit the catalog, a calendar was set whose fiscal
         *     year differs from the catalog's, or the executor is an {@code ExecutorService} that is already shut
         *     down
         */
        public KpiEngine build() {
            if (plan == null && catalog == null) {
                throw new IllegalStateException("catalog must be set before build()");
            }
            if (executor instanceof ExecutorService service && service.isShutdown()) {
                throw new IllegalArgumentException("executor must accept tasks, but it is an ExecutorService that"
                        + " is shut down: " + service);
            }
            if (catalog == null) {
                if (groupingSets != null) {
                    throw new IllegalStateException("groupingSets need a catalog, whose metrics say what they may be"
                            + " sliced by");
                }
                checkStateGrain(calendar != null ? calendar : BusinessCalendar.of(zone != null ? zone
                        : ZoneId.of("UTC")), grain != null ? grain : Grain.DAY);
                return new KpiEngine(this, plan, null);
            }
            BusinessCalendar cc = catalog.calendar();
            if (calendar != null && (calendar.fiscalYearStart() != cc.fiscalYearStart()
                    || calendar.fiscalYearNaming() != cc.fiscalYearNaming())) {
                throw new IllegalArgumentException("calendar must have the catalog's fiscal year (starting in "
                        + cc.fiscalYearStart() + ", named by " + cc.fiscalYearNaming() + "), but it starts in "
                        + calendar.fiscalYearStart() + ", named by " + calendar.fiscalYearNaming()
                        + "; set zone(...) to change only the time zone, or change the catalog's fiscalYear");
            }
            Grain g = grain != null ? grain : catalog.grain();
            List<String> grainProblems = catalog.grainProblems(g);
            if (!grainProblems.isEmpty()) {
                throw new IllegalArgumentException("grain " + g + " does not fit the catalog: "
                        + String.join("; ", grainProblems));
            }
            checkStateGrain(cc, g);
            Clock c = clock != null ? clock : Clock.systemUTC();
            Map<String, MetricPlanner.SourceInfo> sources = new LinkedHashMap<>();
            Map<String, EnginePlan.SourceGate> gates = new LinkedHashMap<>();
            for (DataSource s : catalog.sources()) {
                sources.put(s.name(), new MetricPlanner.SourceInfo(s.name(), s.cleanSchema(), s.timeColumn()));
                s.rules().ifPresent(r -> gates.put(s.name(), new QualityGate(r, c)));
            }
            EnginePlan p = MetricPlanner.plan(catalog.metrics(), sources, gates, catalog::dimensionsOf,
                    catalog::sliceByOf);
            GroupingSets sets = groupingSets != null ? groupingSets : catalog.groupingSets().orElse(null);
            if (sets != null) {
                checkGroupingSets(sets);
                p = p.withGroupingSets(sets.sets());
            }
            return new KpiEngine(this, p, sets);
        }

        /** Every dimension of the grouping sets must be one some metric is grouped or may be sliced by. */
        private void checkGroupingSets(GroupingSets sets) {
            Set<String> known = new LinkedHashSet<>();
            for (Metric m : catalog.metrics()) {
                known.addAll(catalog.dimensionsOf(m.id()));
                known.addAll(catalog.sliceByOf(m.id()));
            }
            for (String d : sets.dimensions()) {
                if (!known.contains(d)) {
                    throw new IllegalArgumentException("groupingSets: no metric of the catalog may be sliced by '" + d
                            + "'; the metrics may be sliced by " + known + Suggestions.didYouMean(d, known)
                            + " (declare more with sliceBy)");
                }
            }
        }

        /** The state grain, when set, must nest in the grain of the results. */
        private void checkStateGrain(BusinessCalendar cal, Grain g) {
            Grain state = stateGrain;
            if (state != null && state != g && !(calendar != null ? calendar : cal).nests(state, g)) {
                throw new IllegalArgumentException("stateGrain " + state.id() + " must nest in the grain " + g.id()
                        + " of the results, but " + state.id() + " periods do not nest in " + g.id() + " periods");
            }
        }
    }
}
