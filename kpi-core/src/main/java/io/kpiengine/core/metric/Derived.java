package io.kpiengine.core.metric;

import io.kpiengine.core.metric.internal.DerivedCompiler;
import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Formula;
import io.kpiengine.formula.FormulaException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A metric computed by a formula (kpi-formula syntax) over other metrics of the same period and segment, with
 * the reference functions of {@link MetricReference}: {@code lag(m, n)}, {@code last_year(m)},
 * {@code to_date(m, grain)} and {@code trailing(m, n)}, so growth and year-over-year need no helper metric per
 * comparison. The formula is parsed once, by kpi-formula; its tree ({@code compiled().expression()}) is what the
 * catalog checks (references, units) and what its messages point into.
 *
 * <pre>{@code
 * Derived yoy = Metric.derived("revenue_yoy")
 *         .formula("(revenue - last_year(revenue)) / last_year(revenue) * 100")
 *         .unit("percent")
 *         .build();
 * yoy.references(); // [revenue, last_year(revenue)]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Derived implements Metric {

    private final String id;
    private final MetricMetadata metadata;
    private final String formula;
    private final Formula compiled;
    private final List<MetricReference> references;
    private final List<String> inputs;
    private final List<String> dimensions;
    private final List<String> sliceBy;
    private final EmptyPolicy onEmpty;
    private final EmptyPolicy onZeroDenominator;

    private Derived(Builder b, MetricMetadata metadata, List<MetricReference> references, Formula compiled) {
        this.id = b.id;
        this.metadata = metadata;
        this.formula = b.formula;
        this.references = references;
        this.compiled = compiled;
        List<MetricReference> refs = references;
        Set<String> ids = new LinkedHashSet<>();
        refs.forEach(r -> ids.add(r.metric()));
        this.inputs = List.copyOf(ids);
        this.dimensions = b.declaredDimensions();
        this.sliceBy = b.declaredSliceBy();
        this.onEmpty = b.onEmptyOr(EmptyPolicy.NO_VALUE);
        this.onZeroDenominator = b.onZeroDenominator == null ? EmptyPolicy.NO_VALUE : b.onZeroDenominator;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public MetricMetadata metadata() {
        return metadata;
    }

    /**
     * The formula text as written.
     *
     * @return the formula
     */
    public String formula() {
        return formula;
    }

    /**
     * The formula compiled by kpi-formula: slot {@code i} of {@link Formula#evaluate(double[])} takes the value of
     * {@code references().get(i)} (NaN when it has no value), and slot {@code i} is named
     * {@code references().get(i).slot()}; the result is NaN when the formula has no value, and
     * {@link Formula#explain(double[])} says why.
     *
     * <pre>{@code
     * double[] slots = new double[derived.references().size()];
     * for (int i = 0; i < slots.length; i++) {
     *     slots[i] = valueOf(derived.references().get(i), period, segment);
     * }
     * double v = derived.compiled().evaluate(slots);
     * }</pre>
     *
     * @return the compiled formula, immutable and thread-safe
     */
    public Formula compiled() {
        return compiled;
    }

    /**
     * Every distinct reference of the formula, in order of first appearance; each is one variable slot of the
     * compiled formula, named {@link MetricReference#slot()}.
     *
     * @return an immutable list
     */
    public List<MetricReference> references() {
        return references;
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public List<String> dimensions() {
        return dimensions == null ? List.of() : dimensions;
    }

    @Override
    public boolean declaresDimensions() {
        return dimensions != null;
    }

    @Override
    public List<String> sliceBy() {
        return sliceBy == null ? List.of() : sliceBy;
    }

    @Override
    public boolean declaresSliceBy() {
        return sliceBy != null;
    }

    /**
     * What the metric yields when an input has no value and the formula does not handle it (for instance with
     * {@code coalesce}).
     *
     * @return the policy, NO_VALUE by default
     */
    @Override
    public EmptyPolicy onEmpty() {
        return onEmpty;
    }

    /**
     * What the metric yields when the formula divides by zero.
     *
     * @return the policy, NO_VALUE by default
     */
    public EmptyPolicy onZeroDenominator() {
        return onZeroDenominator;
    }

    /**
     * The parsed formula, for unit inference inside this module.
     *
     * @return the tree
     */
    Expression expression() {
        return compiled.expression();
    }

    /**
     * Where the formula first names a metric (directly or as the first argument of a reference function).
     *
     * @param metric a metric id
     * @return the 1-based column, or 0 if the formula does not name it
     */
    int columnOf(String metric) {
        return DerivedCompiler.columnOf(compiled.expression(), metric);
    }

    /**
     * Where the formula first calls a reference.
     *
     * @param reference a reference of this metric
     * @return the 1-based column, or 0
     */
    int columnOf(MetricReference reference) {
        return DerivedCompiler.columnOf(compiled.expression(), reference);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Derived d && d.id.equals(id) && d.metadata.equals(metadata)
                && d.formula.equals(formula) && Objects.equals(d.dimensions, dimensions)
                && Objects.equals(d.sliceBy, sliceBy) && d.onEmpty == onEmpty
                && d.onZeroDenominator == onZeroDenominator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, formula, dimensions);
    }

    @Override
    public String toString() {
        return "derived " + id + " = " + formula + (dimensions == null ? "" : " by " + dimensions)
                + (sliceBy == null ? "" : " sliced by " + sliceBy);
    }

    /**
     * Builds a {@link Derived} metric; the formula is required and parsed at {@link #build()}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder extends MetricBuilder<Builder, Derived> {

        private String formula;
        private EmptyPolicy onZeroDenominator;
        private @Nullable FormulaException formulaError;

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        Builder(String id) {
            super(id);
        }

        /**
         * Sets the formula.
         *
         * @param formula e.g. {@code "revenue / customers"}
         * @return this builder
         * @throws IllegalArgumentException if the formula is blank
         * @throws IllegalStateException if already set
         */
        public Builder formula(String formula) {
            this.formula = once(this.formula, name(formula, "formula"), "formula");
            return this;
        }

        /**
         * Sets what the metric yields when the formula divides by zero.
         *
         * @param policy the policy
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder onZeroDenominator(EmptyPolicy policy) {
            this.onZeroDenominator = once(this.onZeroDenominator, policy, "onZeroDenominator");
            return this;
        }

        /**
         * Builds the metric, parsing the formula.
         *
         * @return the metric
         * @throws IllegalStateException if the formula is missing or malformed, or another rule is broken; the
         *     message names every problem and, for syntax errors, the column
         */
        @Override
        public Derived build() {
            List<String> problems = new ArrayList<>();
            List<MetricReference> references = List.of();
            Formula compiled = null;
            formulaError = null;
            if (formula == null) {
                problems.add("formula must be set, but was not");
            } else {
                try {
                    DerivedCompiler.Compiled c = DerivedCompiler.compile(formula);
                    compiled = c.formula();
                    references = c.references();
                } catch (FormulaException e) {
                    formulaError = e;
                    problems.add("formula: " + e.getMessage());
                }
            }
            MetricMetadata metadata = metadataOrThrow(problems);
            // no problems were found (metadataOrThrow threw otherwise), so the formula was compiled
            return new Derived(this, metadata, references, Objects.requireNonNull(compiled));
        }

        /**
         * Why the last {@link #build()} refused the formula, for the catalog reader to place the message.
         *
         * @return the compiler's exception, or null
         */
        @Nullable FormulaException formulaError() {
            return formulaError;
        }
    }
}
