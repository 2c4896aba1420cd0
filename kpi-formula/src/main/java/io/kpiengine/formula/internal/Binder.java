package io.kpiengine.formula.internal;

import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.ReferenceCall;
import io.kpiengine.formula.Expression.Variable;
import io.kpiengine.formula.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Binds the leaves of a parsed tree that read inputs (variables and reference calls) to slots: by a fixed layout,
 * or in order of first appearance. A variable's slot is named by the variable; a reference call's by its
 * function's binder, or by default by its canonical {@link Reference} text {@code lag(revenue,12)}. Leaves with the
 * same slot name share the slot.
 */
public final class Binder {

    /** The slots of a formula: their names in slot order, and the slot each input leaf reads. */
    public static final class Bindings {
        private final List<String> names;
        private final IdentityHashMap<Expression, Integer> slots;

        Bindings(List<String> names, IdentityHashMap<Expression, Integer> slots) {
            this.names = List.copyOf(names);
            this.slots = slots;
        }

        /**
         * The slot names in slot order.
         *
         * @return an immutable list
         */
        public List<String> names() {
            return names;
        }

        /**
         * The slot an input leaf reads.
         *
         * @param leaf a {@link Variable} or {@link ReferenceCall} node of the bound tree
         * @return the 0-based slot
         */
        public int slot(Expression leaf) {
            Integer slot = slots.get(leaf);
            if (slot == null) {
                throw new IllegalStateException("internal error: no slot for " + leaf);
            }
            return slot;
        }
    }

    private Binder() {
    }

    /**
     * Binds a tree.
     *
     * @param source the formula text, for messages
     * @param nodes the tree's nodes, each after its operands ({@link Expression#nodes()})
     * @param layout the fixed slot layout, or null for order of first appearance
     * @param binders the slot name of each call of a reference function that has its own binder
     * @return the bindings
     * @throws io.kpiengine.formula.FormulaException if a name is outside the layout or a binder refuses a call
     */
    public static Bindings bind(String source, List<Expression> nodes, List<String> layout,
            Map<String, Function<ReferenceCall, String>> binders) {
        Map<String, Integer> index = new LinkedHashMap<>();
        if (layout != null) {
            for (int i = 0; i < layout.size(); i++) {
                index.put(layout.get(i), i);
            }
        }
        Map<ReferenceCall, String> named = new HashMap<>();
        IdentityHashMap<Expression, Integer> slots = new IdentityHashMap<>();
        for (Expression e : nodes) {
            String name;
            if (e instanceof Variable v) {
                name = v.name();
            } else if (e instanceof ReferenceCall r) {
                name = named.computeIfAbsent(r, call -> slotName(source, call, binders.get(call.function())));
            } else {
                continue;
            }
            Integer slot = index.get(name);
            if (slot == null) {
                if (layout != null) {
                    List<String> plain = layout.stream().filter(n -> n.indexOf('(') < 0).toList();
                    String product = e instanceof Variable ? Errors.implicitMultiplicationHint(name, plain) : "";
                    throw Errors.unknown("variable", source, e.column(), name,
                            product.isEmpty() ? Suggestions.closest(name, layout) : List.of(), product);
                }
                slot = index.size();
                index.put(name, slot);
            }
            slots.put(e, slot);
        }
        return new Bindings(layout != null ? layout : new ArrayList<>(index.keySet()), slots);
    }

    private static String slotName(String source, ReferenceCall call, Function<ReferenceCall, String> binder) {
        if (binder == null) {
            List<Long> arguments = new ArrayList<>();
            for (Expression a : call.arguments().subList(1, call.arguments().size())) {
                arguments.add((long) ((Literal) a).value());
            }
            return new Reference(call.function(), ((Variable) call.arguments().get(0)).name(), arguments).slotName();
        }
        String name;
        try {
            name = binder.apply(call);
        } catch (IllegalArgumentException e) {
            throw Errors.syntax("Invalid reference '" + call + "'", source, call.column(), call.function(),
                    ": " + e.getMessage());
        }
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("the binder of reference function '" + call.function()
                    + "' must return a slot name, but returned " + (name == null ? "null" : "'" + name + "'")
                    + " for " + call);
        }
        return name;
    }
}
