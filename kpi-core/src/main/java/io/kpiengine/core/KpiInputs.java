package io.kpiengine.core;

import io.kpiengine.data.RecordSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The inputs of one evaluation: for each data source one or more record sources (a daily drop of several files),
 * each optionally with the {@link InputId} by which the aggregation state remembers it.
 *
 * <pre>{@code
 * KpiInputs inputs = KpiInputs.builder()
 *         .add("events", events.csvReader(Path.of("events-0301.csv")).build(), InputId.of("events-2025-03-01"))
 *         .add("events", events.csvReader(Path.of("events-0302.csv")).build(), InputId.of("events-2025-03-02"))
 *         .build();
 * KpiResults r = engine.evaluate(engine.restore(saved), inputs);   // refuses a batch the state already holds
 * }</pre>
 *
 * <p><b>Several inputs of one source</b> are read in the order given, each on its own: each is cleaned by the
 * source's quality rules and judged by its gate separately (exact duplicates are found within an input, as across
 * resumed runs), and their aggregation states are merged, exactly as if each had been added by a run of its own
 * with {@link KpiEngine#evaluate(AggregationState, KpiInputs)}. The source's {@link SourceAccount} sums their
 * counts and takes the worst verdict.
 *
 * <p><b>Replays.</b> An input with an id is recorded in the state of the results ({@link AggregationState#absorbed()}).
 * An evaluation refuses, with a {@link StateException} naming the earlier run, an input whose id the previous
 * state has already absorbed for the same source, or that is given twice: its records would be counted twice.
 * {@link Builder#allowReplay(boolean)} absorbs such inputs anyway (each absorption is recorded). Inputs without an
 * id are not checked and not recorded.
 *
 * <p>Immutable once built; the record sources it holds are read once, by the evaluation that receives them.
 */
public final class KpiInputs {

    /**
     * One input: the records of a data source and their identity.
     *
     * @param source the data source name
     * @param records the records
     * @param id the identity, or null when the input is not recorded
     */
    record Input(String source, RecordSource records, @Nullable InputId id) {
    }

    private final Map<String, List<Input>> bySource;
    private final boolean allowReplay;

    private KpiInputs(Map<String, List<Input>> bySource, boolean allowReplay) {
        this.bySource = bySource;
        this.allowReplay = allowReplay;
    }

    /**
     * A new builder.
     *
     * <pre>{@code
     * KpiInputs inputs = KpiInputs.builder().add("events", source, InputId.of("2025-03-02")).build();
     * }</pre>
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Inputs of one record source per data source, without ids (nothing recorded, nothing checked).
     *
     * <pre>{@code
     * KpiInputs inputs = KpiInputs.of(Map.of("events", source));
     * }</pre>
     *
     * @param sources one record source per data source, by name
     * @return the inputs
     * @throws NullPointerException if the map, a name or a source is null
     */
    public static KpiInputs of(Map<String, RecordSource> sources) {
        Builder b = builder();
        sources.forEach(b::add);
        return b.build();
    }

    /**
     * The data sources that have inputs, in the order of their first input.
     *
     * @return the names
     */
    public List<String> sources() {
        return List.copyOf(bySource.keySet());
    }

    /**
     * The ids of a source's inputs, in order (inputs without an id are left out).
     *
     * @param source the data source name
     * @return the ids, empty when the source has none
     */
    public List<InputId> ids(String source) {
        List<InputId> out = new ArrayList<>();
        for (Input i : bySource.getOrDefault(source, List.of())) {
            if (i.id() != null) {
                out.add(i.id());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether inputs that the state has already absorbed are absorbed again.
     *
     * @return true if replays are allowed
     */
    public boolean allowReplay() {
        return allowReplay;
    }

    Map<String, List<Input>> bySource() {
        return bySource;
    }

    void closeAll() {
        for (List<Input> inputs : bySource.values()) {
            for (Input i : inputs) {
                i.records().close();
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("KpiInputs[");
        bySource.forEach((s, l) -> sb.append(s).append(": ").append(l.size()).append(l.size() == 1 ? " input; "
                : " inputs; "));
        return sb.append(allowReplay ? "replays allowed]" : "]").toString();
    }

    /**
     * Collects inputs. {@link #allowReplay(boolean)} may be set once; {@link #build()} may be called once, because
     * the record sources are read once. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, List<Input>> bySource = new LinkedHashMap<>();
        private @Nullable Boolean allowReplay;
        private boolean built;

        private Builder() {
        }

        /**
         * Adds an input of a data source without an id: it is neither checked against nor recorded in the state.
         *
         * <pre>{@code
         * builder.add("events", source);
         * }</pre>
         *
         * @param source the data source name
         * @param records the records
         * @return this builder
         * @throws IllegalStateException if already built
         */
        public Builder add(String source, RecordSource records) {
            return put(source, records, null);
        }

        /**
         * Adds an input of a data source with its identity; a source may have several inputs, read in this order.
         *
         * <pre>{@code
         * builder.add("events", source, InputId.of("events-2025-03-02"));
         * }</pre>
         *
         * @param source the data source name
         * @param records the records
         * @param id the input's identity
         * @return this builder
         * @throws IllegalStateException if already built
         */
        public Builder add(String source, RecordSource records, InputId id) {
            return put(source, records, Objects.requireNonNull(id, "id"));
        }

        private Builder put(String source, RecordSource records, @Nullable InputId id) {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(records, "records");
            checkOpen();
            bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(new Input(source, records, id));
            return this;
        }

        /**
         * Whether inputs that the previous state has already absorbed (or that are given twice) are absorbed again,
         * counting their records twice (default false: such an evaluation fails with {@link StateException}).
         *
         * <pre>{@code
         * builder.allowReplay(true);   // re-run a day on purpose
         * }</pre>
         *
         * @param allow true to absorb replays
         * @return this builder
         * @throws IllegalStateException if already set or built
         */
        public Builder allowReplay(boolean allow) {
            checkOpen();
            if (allowReplay != null) {
                throw new IllegalStateException("allowReplay was already set to " + allowReplay
                        + ", cannot set it to " + allow);
            }
            allowReplay = allow;
            return this;
        }

        private void checkOpen() {
            if (built) {
                throw new IllegalStateException("build() was already called on this builder");
            }
        }

        /**
         * Builds the inputs.
         *
         * @return the inputs
         * @throws IllegalStateException if called twice
         */
        public KpiInputs build() {
            checkOpen();
            built = true;
            Map<String, List<Input>> copy = new LinkedHashMap<>();
            bySource.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new KpiInputs(Collections.unmodifiableMap(copy), allowReplay != null && allowReplay);
        }
    }
}
