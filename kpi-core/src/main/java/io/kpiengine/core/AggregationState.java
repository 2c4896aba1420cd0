package io.kpiengine.core;

import io.kpiengine.core.internal.SourceState;
import io.kpiengine.core.internal.StateCodec;
import io.kpiengine.core.time.Grain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The mergeable aggregation state behind a result table: for every data source and grouping, the state of each
 * measure per (period, dimension values). Merging the states of any partition of the input (threads, files,
 * days) gives the state of the whole input, so a run can be resumed: add today's file to yesterday's state
 * without reading yesterday's data again.
 *
 * <pre>{@code
 * KpiResults monday = engine.evaluate(Map.of("events", mondaySource));
 * Files.write(statePath, monday.state().toBytes());
 * // next day
 * AggregationState saved = engine.restore(Files.readAllBytes(statePath));
 * KpiResults both = engine.evaluate(saved, Map.of("events", tuesdaySource));
 * }</pre>
 *
 * <p>Exactness of a merge: counts, distinct counts, min/max, first/last, quantiles and sums of integers or scaled
 * decimals are exact; sums and averages of doubles are compensated (Neumaier) and stay within
 * {@code 4 * 2^-53 * sum|x|} of the exact sum whatever the partitioning. The byte format is versioned
 * ({@link #FORMAT_VERSION}), protected by a CRC32C checksum and documented in {@code docs/state-format.md}; a
 * state only restores into an engine whose catalog computes the same measures.
 *
 * <p><b>What it absorbed.</b> A state counts the runs that produced it ({@link #runs()}) and remembers every
 * input given with an {@link InputId} ({@link #absorbed()}), so that an evaluation refuses to add the same input
 * twice (see {@link KpiInputs}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AggregationState {

    /** The version of the byte format written by {@link #toBytes()}. */
    public static final int FORMAT_VERSION = StateCodec.VERSION;

    private final String fingerprint;
    private final Grain grain;
    private final Map<String, SourceState> sources;
    private final long runs;
    private final List<AbsorbedInput> absorbed;

    /**
     * A state over finished source states ({@link SourceState#finish()}), which it never changes again: reading
     * them (results, windows, roll-ups) has no side effect, so one state may be read from many threads.
     */
    AggregationState(String fingerprint, Grain grain, List<SourceState> sources, long runs,
            List<AbsorbedInput> absorbed) {
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.grain = Objects.requireNonNull(grain, "grain");
        Map<String, SourceState> map = new LinkedHashMap<>();
        for (SourceState s : sources) {
            map.put(s.source(), s);
        }
        this.sources = Collections.unmodifiableMap(map);
        this.runs = runs;
        this.absorbed = List.copyOf(absorbed);
    }

    /** A state of the codec's parts. */
    static AggregationState of(String fingerprint, Grain grain, StateCodec.Decoded d) {
        List<AbsorbedInput> absorbed = new ArrayList<>();
        for (StateCodec.Absorbed a : d.absorbed()) {
            absorbed.add(new AbsorbedInput(a.source(), new InputId(a.id(), a.name(), a.bytes()), a.run(),
                    Instant.ofEpochSecond(a.epochSecond(), a.nano())));
        }
        return new AggregationState(fingerprint, grain, d.sources(), d.runs(), absorbed);
    }

    /** The plan fingerprint: the measures, grain and zone the state was computed for. */
    String fingerprint() {
        return fingerprint;
    }

    /** The source states themselves, for reading only. */
    Map<String, SourceState> sourceStates() {
        return sources;
    }

    /** A fresh copy of one source state that the caller may change. */
    static SourceState copy(SourceState s) {
        SourceState copy = s.emptyCopy();
        copy.mergeFrom(s);
        copy.finish();
        return copy;
    }

    /** Fresh copies of the source states that the caller may change. */
    List<SourceState> copies() {
        List<SourceState> out = new ArrayList<>();
        for (SourceState s : sources.values()) {
            out.add(copy(s));
        }
        return out;
    }

    /**
     * The grain of the state's periods: the engine's grain, or the finer state grain it was set to keep
     * ({@code KpiEngine.Builder.stateGrain}). A state answers this grain and every grain its periods nest in.
     *
     * @return the grain
     */
    public Grain grain() {
        return grain;
    }

    /**
     * Whether no row was aggregated from any source.
     *
     * @return true for an empty state, such as {@code KpiEngine.emptyState()}
     */
    public boolean isEmpty() {
        for (SourceState s : sources.values()) {
            if (s.rowsAggregated() > 0 || s.rowsRejected() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The data sources in the state.
     *
     * @return the names, in catalog order
     */
    public List<String> sources() {
        return List.copyOf(sources.keySet());
    }

    /**
     * The rows aggregated from a source.
     *
     * @param source the data source name
     * @return the row count, 0 if the source is not in the state
     */
    public long rows(String source) {
        SourceState s = sources.get(source);
        return s == null ? 0 : s.rowsAggregated();
    }

    /**
     * The number of evaluations that produced this state, one after the other (a state restored from bytes keeps
     * its count; the next evaluation's state has one more). A merge keeps the larger count.
     *
     * @return the run count, 0 for a state of no run
     */
    public long runs() {
        return runs;
    }

    /**
     * The inputs this state has absorbed that were given with an id, in the order they were absorbed.
     *
     * @return the absorbed inputs
     */
    public List<AbsorbedInput> absorbed() {
        return absorbed;
    }

    /**
     * The state of this and another run together, as if one run had read both inputs.
     *
     * @param other a state of an engine with the same catalog
     * @return a new state; neither input changes
     * @throws IllegalArgumentException if the other state comes from a different catalog, grain or zone, or both
     *     absorbed the same input (its records would count twice)
     */
    public AggregationState merge(AggregationState other) {
        Objects.requireNonNull(other, "other");
        if (!other.fingerprint.equals(fingerprint)) {
            throw new IllegalArgumentException("other must come from an engine with the same measures, grain and zone,"
                    + " but its plan differs:\n  this:  " + fingerprint + "\n  other: " + other.fingerprint);
        }
        for (AbsorbedInput a : other.absorbed) {
            AbsorbedInput mine = find(a.source(), a.input().id());
            if (mine != null) {
                throw new IllegalArgumentException("other must not hold an input that this state holds, but both"
                        + " absorbed " + a.input().describe() + " of source '" + a.source() + "' (this state in run "
                        + mine.run() + ", the other in run " + a.run() + "): merging would count it twice");
            }
        }
        List<AbsorbedInput> all = new ArrayList<>(absorbed);
        all.addAll(other.absorbed);
        Map<String, SourceState> merged = new LinkedHashMap<>();
        for (SourceState s : copies()) {
            merged.put(s.source(), s);
        }
        for (SourceState s : other.copies()) {
            SourceState mine = merged.get(s.source());
            if (mine == null) {
                merged.put(s.source(), s);
            } else {
                mine.mergeFrom(s);
                mine.finish();
            }
        }
        return new AggregationState(fingerprint, grain, new ArrayList<>(merged.values()), Math.max(runs, other.runs),
                all);
    }

    /** The record of an input of a source with this id, or null. */
    @Nullable AbsorbedInput find(String source, String id) {
        for (AbsorbedInput a : absorbed) {
            if (a.source().equals(source) && a.input().id().equals(id)) {
                return a;
            }
        }
        return null;
    }

    /**
     * Serializes the state (format version {@link #FORMAT_VERSION}, with a CRC32C checksum; see
     * {@code docs/state-format.md}).
     *
     * @return the bytes
     */
    public byte[] toBytes() {
        List<StateCodec.Absorbed> list = new ArrayList<>();
        for (AbsorbedInput a : absorbed) {
            Instant at = a.at();
            list.add(new StateCodec.Absorbed(a.source(), a.input().id(), a.input().name(), a.input().bytes(), a.run(),
                    at.getEpochSecond(), at.getNano()));
        }
        return StateCodec.write(fingerprint, new StateCodec.Decoded(new ArrayList<>(sources.values()), runs, list));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AggregationState[");
        for (SourceState s : sources.values()) {
            sb.append(s.source()).append(": ").append(s.rowsAggregated()).append(" rows; ");
        }
        return sb.append("]").toString();
    }
}
