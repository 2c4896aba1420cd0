package io.kpiengine.formula;

import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.formula.internal.Syntax;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Named formulas that may use each other, such as {@code arpu = revenue / customers} and
 * {@code ltv = arpu * months}: the dependency graph, an evaluation order, the free inputs of each formula and an
 * allocation-free evaluation of them all.
 *
 * <pre>{@code
 * FormulaSet kpis = FormulaSet.builder()
 *         .define("arpu", "revenue / customers")
 *         .define("ltv", "arpu * months")
 *         .build();
 * kpis.evaluationOrder();   // [arpu, ltv]
 * kpis.inputs("ltv");       // [revenue, customers, months]
 * kpis.evaluate(Map.of("revenue", 1200, "customers", 40, "months", 18)).get("ltv").value(); // 540.0
 * }</pre>
 *
 * <p>A variable that names another formula of the set is a dependency; every other variable is a free input.
 * Reference calls such as {@code lag(arpu, 1)} are always inputs (the caller supplies their values), even when
 * they name a formula. Instances are immutable and thread-safe.
 */
public final class FormulaSet {

    private final Map<String, Formula> formulas;
    private final List<String> order;
    private final Map<String, Set<String>> inputs;
    private final Map<String, Set<String>> dependencies;
    private final List<String> slots;
    private final Formula[] bound;
    private final int[] target;

    private FormulaSet(Map<String, Formula> formulas, List<String> order, Map<String, Set<String>> dependencies,
            FormulaOptions base) {
        this.formulas = Collections.unmodifiableMap(new LinkedHashMap<>(formulas));
        this.order = List.copyOf(order);
        this.dependencies = Map.copyOf(dependencies);
        Map<String, Set<String>> transitive = new HashMap<>();
        Set<String> allInputs = new LinkedHashSet<>();
        for (String name : order) {
            Set<String> own = new LinkedHashSet<>();
            for (String v : Objects.requireNonNull(formulas.get(name)).variables()) {
                if (formulas.containsKey(v)) {
                    own.addAll(transitive.get(v));
                } else {
                    own.add(v);
                }
            }
            transitive.put(name, Collections.unmodifiableSet(own));
        }
        for (Formula f : formulas.values()) {
            f.variables().stream().filter(v -> !formulas.containsKey(v)).forEach(allInputs::add);
        }
        this.inputs = Map.copyOf(transitive);
        List<String> layout = new ArrayList<>(allInputs);
        layout.addAll(order);
        this.slots = List.copyOf(layout);
        FormulaOptions.Builder options = FormulaOptions.builder().variables(slots).maxLength(base.maxLength())
                .maxDepth(base.maxDepth()).maxIdentifierLength(base.maxIdentifierLength());
        base.referenceFunctions().values().forEach(r -> {
            if (base.binders().containsKey(r.name())) {
                options.referenceFunction(r.name(), r.minArgs(), r.maxArgs(), base.binders().get(r.name()));
            } else {
                options.referenceFunction(r.name(), r.minArgs(), r.maxArgs());
            }
        });
        FormulaOptions layoutOptions = options.build();
        this.bound = new Formula[order.size()];
        this.target = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            Formula own = Objects.requireNonNull(formulas.get(order.get(i)));
            bound[i] = Formula.bind(own.source(), own.expression(), layoutOptions);
            target[i] = allInputs.size() + i;
        }
    }

    /**
     * A new, empty builder.
     *
     * <pre>{@code
     * FormulaSet kpis = FormulaSet.builder()
     *         .define("arpu", "revenue / customers")
     *         .define("ltv", "arpu * months")
     *         .build();
     * }</pre>
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The formula names in definition order.
     *
     * @return an immutable set
     */
    public Set<String> names() {
        return formulas.keySet();
    }

    /**
     * An order in which every formula comes after the formulas it uses; ties keep definition order.
     *
     * @return an immutable list of all names
     */
    public List<String> evaluationOrder() {
        return order;
    }

    /**
     * A formula as compiled from its own source (slots in order of first appearance).
     *
     * @param name a formula name
     * @return the formula
     * @throws UnknownNameException if there is no such formula; the message suggests close names
     */
    public Formula formula(String name) {
        Formula f = formulas.get(Objects.requireNonNull(name, "name"));
        if (f == null) {
            throw unknownFormula(name);
        }
        return f;
    }

    /**
     * The free inputs a formula needs, directly or through the formulas it uses, in order of first appearance.
     *
     * @param name a formula name
     * @return an immutable set of input names (reference calls under their canonical name)
     * @throws UnknownNameException if there is no such formula
     */
    public Set<String> inputs(String name) {
        formula(name);
        return Objects.requireNonNull(inputs.get(name));
    }

    /**
     * The formulas a formula uses directly.
     *
     * @param name a formula name
     * @return an immutable set of formula names
     * @throws UnknownNameException if there is no such formula
     */
    public Set<String> dependencies(String name) {
        formula(name);
        return Objects.requireNonNull(dependencies.get(name));
    }

    /**
     * The slot layout of {@link #evaluate(double[])}: every free input in order of first appearance, then every
     * formula in evaluation order.
     *
     * @return an immutable list
     */
    public List<String> slots() {
        return slots;
    }

    /**
     * Evaluates every formula in place, without allocation: reads the inputs from their slots and writes each
     * formula's result (NaN for no value) into its own slot, in evaluation order.
     *
     * <pre>{@code
     * double[] row = new double[kpis.slots().size()];
     * // fill the input slots, then:
     * kpis.evaluate(row);
     * double ltv = row[kpis.slots().indexOf("ltv")];
     * }</pre>
     *
     * @param values the values by {@link #slots()} position
     * @throws IllegalArgumentException if {@code values} is shorter than {@code slots().size()}
     */
    public void evaluate(double[] values) {
        if (values.length < slots.size()) {
            throw new IllegalArgumentException("values must hold " + slots.size() + " values " + slots
                    + ", but holds " + values.length);
        }
        for (int i = 0; i < bound.length; i++) {
            values[target[i]] = bound[i].evaluate(values);
        }
    }

    /**
     * Evaluates every formula over columns, in place: reads the input columns and fills each formula's column
     * (NaN for no value), in evaluation order, with each formula's generated batch loop.
     *
     * <pre>{@code
     * double[][] columns = new double[kpis.slots().size()][];
     * // columns[i] = values of input slots().get(i); formula columns = new double[rows]
     * kpis.evaluateBatch(columns, rows);
     * }</pre>
     *
     * @param columns one array per {@link #slots()} position; every formula's array receives its results
     * @param length the number of rows
     * @throws IllegalArgumentException if there are too few columns, or a column is missing or too short
     */
    public void evaluateBatch(double[][] columns, int length) {
        if (columns.length < slots.size()) {
            throw new IllegalArgumentException("columns must hold " + slots.size() + " arrays " + slots
                    + ", but holds " + columns.length);
        }
        for (int i = 0; i < bound.length; i++) {
            double[] out = columns[target[i]];
            if (out == null || out.length < length) {
                throw new IllegalArgumentException("columns[" + target[i] + "] ('" + order.get(i)
                        + "') must hold at least " + length + " values, but " + (out == null ? "is null"
                        : "holds " + out.length));
            }
            bound[i].evaluateBatch(columns, out, length);
        }
    }

    /**
     * Evaluates every formula for named inputs, with the reason for each missing value. A formula that uses a
     * formula without value has no value either, with reason {@link NoValue.Reason#MISSING_INPUT} naming that
     * formula.
     *
     * <pre>{@code
     * Map<String, Evaluation> out = kpis.evaluate(Map.of("revenue", 1200, "customers", 40, "months", 18));
     * out.get("ltv").value();   // 540.0
     * }</pre>
     *
     * @param inputs input values by name; absent or null means missing; other keys are ignored
     * @return every formula's evaluation, in evaluation order
     */
    public Map<String, Evaluation> evaluate(Map<String, ? extends Number> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        double[] values = new double[slots.size()];
        Arrays.fill(values, Double.NaN);
        for (int i = 0; i < slots.size() - order.size(); i++) {
            Number n = inputs.get(slots.get(i));
            if (n != null) {
                values[i] = n.doubleValue();
            }
        }
        Map<String, Evaluation> out = new LinkedHashMap<>();
        for (int i = 0; i < bound.length; i++) {
            Evaluation e = bound[i].explain(values);
            values[target[i]] = e.value();
            out.put(order.get(i), e);
        }
        return Collections.unmodifiableMap(out);
    }

    private UnknownNameException unknownFormula(String name) {
        List<String> candidates = Suggestions.closest(name, formulas.keySet());
        return new UnknownNameException("Unknown formula '" + name + "'" + Suggestions.didYouMean(candidates), "", 0,
                name, candidates);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FormulaSet[");
        formulas.forEach((n, f) -> sb.append(sb.length() > 11 ? ", " : "").append(n).append(" = ").append(f));
        return sb.append(']').toString();
    }

    /**
     * A mutable, single-threaded builder of {@link FormulaSet}. {@link #build()} compiles every formula and
     * reports every problem at once; the builder stays usable.
     */
    public static final class Builder {

        private final Map<String, String> sources = new LinkedHashMap<>();
        private @Nullable FormulaOptions options;
        private @Nullable Set<String> declaredInputs;

        private Builder() {
        }

        /**
         * Defines a named formula.
         *
         * <pre>{@code
         * FormulaSet.builder().define("arpu", "revenue / customers").define("ltv", "arpu * months").build();
         * }</pre>
         *
         * @param name an identifier that is not a function name or keyword
         * @param source the formula text; it is compiled by {@link #build()}
         * @return this builder
         * @throws IllegalArgumentException if the name is not a valid identifier
         * @throws IllegalStateException if the name is already defined
         */
        public Builder define(String name, String source) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            if (!Reference.isIdentifier(name) || Syntax.isReserved(name)) {
                throw new IllegalArgumentException("formula name must be an identifier [A-Za-z_][A-Za-z0-9_]* "
                        + "that is not a function name, keyword or constant, but was '" + name + "'");
            }
            if (sources.containsKey(name)) {
                throw new IllegalStateException("formula '" + name + "' is already defined as \""
                        + sources.get(name) + "\"");
            }
            sources.put(name, source);
            return this;
        }

        /**
         * Sets the options every formula is compiled with: limits and reference functions. A fixed slot layout
         * is not allowed here: the set makes its own (see {@link FormulaSet#slots()}).
         *
         * @param options the options
         * @return this builder
         * @throws IllegalArgumentException if the options fix a slot layout
         * @throws IllegalStateException if options were already set
         */
        public Builder options(FormulaOptions options) {
            Objects.requireNonNull(options, "options");
            if (this.options != null) {
                throw new IllegalStateException("options was already set to " + this.options);
            }
            if (options.variables().isPresent()) {
                throw new IllegalArgumentException("options must not fix a slot layout in a formula set, but "
                        + "variables was " + options.variables().get());
            }
            this.options = options;
            return this;
        }

        /**
         * Declares the only free inputs the formulas may use; then any other variable that is not a formula of
         * the set is an {@link UnknownNameException} with "did you mean". Without this declaration every
         * variable that is not a formula is an input.
         *
         * @param names the input names (reference calls by canonical name)
         * @return this builder
         * @throws IllegalStateException if inputs were already declared
         */
        public Builder inputs(Collection<String> names) {
            Objects.requireNonNull(names, "names");
            if (declaredInputs != null) {
                throw new IllegalStateException("inputs was already set to " + declaredInputs);
            }
            names.forEach(n -> Objects.requireNonNull(n, "input name"));
            declaredInputs = Collections.unmodifiableSet(new LinkedHashSet<>(names));
            return this;
        }

        /**
         * Compiles every formula and checks the set: syntax, unknown functions, unknown names (when inputs are
         * declared) and cycles. Every problem is collected before any is thrown.
         *
         * @return the formula set
         * @throws FormulaException the single problem found, such as a {@link FormulaCycleException}
         *         ({@code a -> b -> a}), or a {@link FormulaSetException} listing several
         * @throws IllegalStateException if no formula is defined
         */
        public FormulaSet build() {
            if (sources.isEmpty()) {
                throw new IllegalStateException("a formula set must define at least one formula, but defines none");
            }
            FormulaOptions base = options == null ? FormulaOptions.defaults() : options;
            List<FormulaException> problems = new ArrayList<>();
            Map<String, Formula> compiled = new LinkedHashMap<>();
            sources.forEach((name, source) -> {
                try {
                    compiled.put(name, Formula.compile(source, base));
                } catch (FormulaException e) {
                    problems.add(inFormula(name, e));
                }
            });
            Map<String, Set<String>> deps = new LinkedHashMap<>();
            List<String> known = new ArrayList<>(sources.keySet());
            if (declaredInputs != null) {
                known.addAll(declaredInputs);
            }
            compiled.forEach((name, f) -> {
                Set<String> d = new LinkedHashSet<>();
                for (String v : f.variables()) {
                    if (sources.containsKey(v)) {
                        d.add(v);
                    } else if (declaredInputs != null && !declaredInputs.contains(v)) {
                        List<String> candidates = Suggestions.closest(v, known);
                        int column = f.columnOf(v);
                        problems.add(new UnknownNameException("Formula '" + name + "': Unknown name '" + v
                                + "' at column " + column + " in \"" + f.source() + "\"" + Suggestions.didYouMean(candidates),
                                f.source(), column, v, candidates));
                    }
                }
                deps.put(name, Collections.unmodifiableSet(d));
            });
            List<String> order = new ArrayList<>();
            problems.addAll(sort(deps, order));
            if (problems.size() == 1) {
                throw problems.get(0);
            }
            if (!problems.isEmpty()) {
                throw new FormulaSetException(problems);
            }
            return new FormulaSet(compiled, order, deps, base);
        }

        /** Depth-first topological sort; returns one cycle exception per cycle found. */
        private static List<FormulaException> sort(Map<String, Set<String>> deps, List<String> order) {
            List<FormulaException> cycles = new ArrayList<>();
            Map<String, Integer> state = new HashMap<>();
            for (String name : deps.keySet()) {
                visit(name, deps, state, new ArrayList<>(), order, cycles);
            }
            return cycles;
        }

        private static void visit(String name, Map<String, Set<String>> deps, Map<String, Integer> state,
                List<String> path, List<String> order, List<FormulaException> cycles) {
            Integer s = state.get(name);
            if (s != null && s == 2) {
                return;
            }
            if (s != null) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
                cycle.add(name);
                cycles.add(new FormulaCycleException("Formulas depend on each other in a cycle: "
                        + String.join(" -> ", cycle), cycle));
                return;
            }
            state.put(name, 1);
            path.add(name);
            for (String d : deps.getOrDefault(name, Set.of())) {
                visit(d, deps, state, path, order, cycles);
            }
            path.remove(path.size() - 1);
            state.put(name, 2);
            if (deps.containsKey(name)) {
                order.add(name);
            }
        }

        private static FormulaException inFormula(String name, FormulaException e) {
            String message = "Formula '" + name + "': " + e.getMessage();
            FormulaException wrapped;
            if (e instanceof UnknownNameException) {
                wrapped = new UnknownNameException(message, e.source(), e.column(), e.token(), e.candidates());
            } else if (e instanceof FormulaLimitException) {
                wrapped = new FormulaLimitException(message, e.source(), e.column(), e.token());
            } else {
                wrapped = new FormulaSyntaxException(message, e.source(), e.column(), e.token(), e.candidates());
            }
            wrapped.initCause(e);
            return wrapped;
        }
    }
}
