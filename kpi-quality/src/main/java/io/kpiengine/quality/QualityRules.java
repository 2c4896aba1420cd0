package io.kpiengine.quality;

import io.kpiengine.data.Schema;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.DocumentReader;
import io.kpiengine.data.doc.internal.Problems;
import io.kpiengine.quality.internal.Binder;
import io.kpiengine.quality.internal.Consistency;
import io.kpiengine.quality.internal.RulesDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, consistent set of data-quality rules, with the thresholds of the report's gate: the
 * "consistency rules" of a data source. Bind it to a schema to get a {@link Cleaner}.
 *
 * <pre>{@code
 * QualityRules rules = QualityRules.builder()
 *         .rule(DuplicateRule.exact())
 *         .rule(MissingValueRule.zero("visitors"))
 *         .rule(CurrencyRule.of("revenue", "currency", "USD", rates).dateColumn("ts"))
 *         .rule(TimeZoneRule.of("ts").sourceZone(ZoneId.of("Europe/Berlin")))
 *         .rule(RangeRule.of("visitors").min(0).max(500))
 *         .threshold(new Threshold(Dimension.VALIDITY, 0.99, 0.9))
 *         .build();
 * Cleaner cleaner = rules.bind(source.schema());
 * }</pre>
 *
 * <p>The same rules can be read from a YAML or JSON document ({@link #read(Path)}, or a section of a metric catalog); a
 * document and a builder that declare the same rules give equal {@code QualityRules}. The order in which rules
 * run is fixed by their kind (see {@code docs/quality-rules.md}); within a kind, rules run in declaration order.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class QualityRules {

    /** The default cap of each detail list of the report. */
    public static final int DEFAULT_REPORT_LIMIT = 1000;

    /** The default limit on the periods an expected-rows or date-spine rule checks per group. */
    public static final int DEFAULT_MAX_PERIODS = 50_000;

    private final List<Rule> rules;
    private final Map<Dimension, Threshold> thresholds;
    private final int reportLimit;
    private final int maxPeriods;

    private QualityRules(List<Rule> rules, Map<Dimension, Threshold> thresholds, int reportLimit, int maxPeriods) {
        this.rules = List.copyOf(rules);
        EnumMap<Dimension, Threshold> all = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            all.put(d, thresholds.getOrDefault(d, Threshold.defaultFor(d)));
        }
        this.thresholds = Collections.unmodifiableMap(all);
        this.reportLimit = reportLimit;
        this.maxPeriods = maxPeriods;
    }

    /**
     * A new builder.
     *
     * <pre>{@code
     * QualityRules rules = QualityRules.builder()
     *         .rule(DuplicateRule.exact())
     *         .rule(RangeRule.of("visitors").min(0))
     *         .build();
     * }</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a standalone rules file: a YAML or JSON object with the rules section under {@code rules} and,
     * optionally, an {@code input} section that describes how tools such as {@code kpi clean} read the data
     * (it must be an object; its content is checked by those tools).
     *
     * <pre>{@code
     * QualityRules rules = QualityRules.read(Path.of("rules.yaml"));
     * }</pre>
     *
     * @param file a .yaml, .yml or .json file
     * @return the rules
     * @throws io.kpiengine.data.doc.DocumentException listing every problem with file, line and column
     */
    public static QualityRules read(Path file) {
        DocNode root = DocumentReader.read(file);
        Problems problems = new Problems(file.toString());
        QualityRules rules = RulesDocument.readFile(root, problems);
        problems.throwIfAny();
        return rules;
    }

    /**
     * The rules in declaration order.
     *
     * @return an immutable list
     */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The rules of one type, in declaration order.
     *
     * @param type the rule type
     * @param <T> the type
     * @return an immutable list
     */
    public <T extends Rule> List<T> rules(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Rule r : rules) {
            if (type.isInstance(r)) {
                out.add(type.cast(r));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The rule with an id.
     *
     * @param id the id
     * @return the rule, or empty
     */
    public Optional<Rule> rule(String id) {
        for (Rule r : rules) {
            if (r.id().equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The threshold of every dimension (declared or default).
     *
     * @return an unmodifiable map with an entry per dimension
     */
    public Map<Dimension, Threshold> thresholds() {
        return thresholds;
    }

    /**
     * The cap of each detail list of the report (changes, quarantined rows, merged duplicates, ...); counts
     * are always exact.
     *
     * @return the limit
     */
    public int reportLimit() {
        return reportLimit;
    }

    /**
     * The most periods an expected-rows or date-spine rule checks in one group, from its first to its last period
     * (or its {@code from}..{@code to}); a longer run, such as one from a mistyped year, fails the cleaning with a
     * {@link CleaningException} that names the rows far from the rest, instead of inserting or reporting every
     * period in between.
     *
     * @return the limit
     */
    public int maxPeriods() {
        return maxPeriods;
    }

    /**
     * The unit of a column after cleaning: a conversion's target, the declared unit, or the currency of a
     * currency rule is reported as empty here (see {@link CurrencyRule#target()}).
     *
     * @param column the column
     * @return the unit, or empty when none is declared
     */
    public Optional<ColumnUnit> unitOf(String column) {
        for (UnitRule u : rules(UnitRule.class)) {
            if (u.column().equals(column)) {
                return Optional.of(u.outputUnit());
            }
        }
        return Optional.empty();
    }

    /**
     * Binds the rules to the schema of a source, with the system clock (UTC) for freshness.
     *
     * <pre>{@code
     * Cleaner cleaner = rules.bind(source.schema());
     * }</pre>
     *
     * @param schema the schema of the records to clean
     * @return an immutable, thread-safe cleaner
     * @throws RulesException listing every unknown column (with "did you mean") and type mismatch
     */
    public Cleaner bind(Schema schema) {
        return bind(schema, Clock.systemUTC());
    }

    /**
     * Binds the rules to the schema of a source.
     *
     * <pre>{@code
     * Cleaner cleaner = rules.bind(schema, Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC));
     * }</pre>
     *
     * @param schema the schema of the records to clean
     * @param clock the clock that freshness rules and the report's time read
     * @return an immutable, thread-safe cleaner
     * @throws RulesException listing every unknown column (with "did you mean") and type mismatch
     */
    public Cleaner bind(Schema schema, Clock clock) {
        return new Cleaner(this, Binder.bind(this, Objects.requireNonNull(schema, "schema"),
                Objects.requireNonNull(clock, "clock")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualityRules q && q.rules.equals(rules) && q.thresholds.equals(thresholds)
                && q.reportLimit == reportLimit && q.maxPeriods == maxPeriods;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, thresholds, reportLimit, maxPeriods);
    }

    @Override
    public String toString() {
        return "QualityRules" + rules;
    }

    /**
     * Collects rules and settings; not thread-safe. {@link #build()} checks that the rules are consistent and
     * leaves the builder reusable.
     */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private final Map<Dimension, Threshold> thresholds = new EnumMap<>(Dimension.class);
        private @Nullable Integer reportLimit;
        private @Nullable Integer maxPeriods;

        private Builder() {
        }

        /**
         * Adds a rule.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder rule(Rule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Adds rules.
         *
         * @param more the rules
         * @return this builder
         */
        public Builder rules(List<? extends Rule> more) {
            for (Rule r : more) {
                rule(r);
            }
            return this;
        }

        /**
         * Sets the threshold of a dimension (default: warn below 0.99, fail below 0.95).
         *
         * @param threshold the threshold
         * @return this builder
         * @throws IllegalStateException if the dimension's threshold was already set
         */
        public Builder threshold(Threshold threshold) {
            Objects.requireNonNull(threshold, "threshold");
            Threshold previous = thresholds.putIfAbsent(threshold.dimension(), threshold);
            if (previous != null) {
                throw new IllegalStateException("threshold of " + threshold.dimension() + " was already set to "
                        + previous);
            }
            return this;
        }

        /**
         * Sets the cap of each detail list of the report (default 1,000).
         *
         * @param limit 0 or more
         * @return this builder
         * @throws IllegalStateException if the limit was already set
         */
        public Builder reportLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("reportLimit must be >= 0, but was " + limit);
            }
            if (reportLimit != null) {
                throw new IllegalStateException("reportLimit was already set to " + reportLimit);
            }
            reportLimit = limit;
            return this;
        }

        /**
         * Sets the most periods an expected-rows or date-spine rule checks per group (default
         * {@value #DEFAULT_MAX_PERIODS}; see {@link QualityRules#maxPeriods()}).
         *
         * <pre>{@code
         * QualityRules rules = QualityRules.builder().rule(spine).maxPeriods(200_000).build();
         * }</pre>
         *
         * @param periods 1 to 10,000,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException if already set
         */
        public Builder maxPeriods(int periods) {
            if (periods < 1 || periods > 10_000_000) {
                throw new IllegalArgumentException("maxPeriods must be 1 to 10,000,000, but was " + periods);
            }
            if (maxPeriods != null) {
                throw new IllegalStateException("maxPeriods was already set to " + maxPeriods);
            }
            maxPeriods = periods;
            return this;
        }

        /**
         * Builds the rule set.
         *
         * @return the rules
         * @throws RulesException listing every inconsistency: repeated ids, two rules of one kind for a column
         *     where only one makes sense, a unit on a money column, a formula that does not compile
         */
        public QualityRules build() {
            List<String> problems = new ArrayList<>();
            for (Consistency.Finding f : Consistency.check(rules)) {
                problems.add(f.message());
            }
            if (!problems.isEmpty()) {
                throw new RulesException("rules are inconsistent", problems);
            }
            return new QualityRules(rules, thresholds, reportLimit == null ? DEFAULT_REPORT_LIMIT : reportLimit,
                    maxPeriods == null ? DEFAULT_MAX_PERIODS : maxPeriods);
        }
    }

}
