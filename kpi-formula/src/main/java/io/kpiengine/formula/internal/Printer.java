package io.kpiengine.formula.internal;

import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Expression.Binary;
import io.kpiengine.formula.Expression.Call;
import io.kpiengine.formula.Expression.Constant;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.Operator;
import io.kpiengine.formula.Expression.ReferenceCall;
import io.kpiengine.formula.Expression.Unary;
import io.kpiengine.formula.Expression.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Prints a tree in canonical form: single spaces around binary operators, {@code ", "} between arguments, and
 * only the parentheses the precedence rules require (plus around a prefix operator's prefixed operand, and
 * around a prefix operator on the right of {@code ^}). The printed text parses back to the same tree.
 *
 * <p>Without recursion: a stack of pending pieces, each either text to append or a node to expand into pieces.
 */
public final class Printer {

    private static final int ATOM = Integer.MAX_VALUE;

    private Printer() {
    }

    /**
     * The canonical text of a tree.
     *
     * @param root the tree
     * @return the text
     */
    public static String print(Expression root) {
        StringBuilder sb = new StringBuilder();
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        List<Object> pieces = new ArrayList<>();
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            if (next instanceof String s) {
                sb.append(s);
                continue;
            }
            pieces.clear();
            expand((Expression) next, pieces);
            for (int i = pieces.size() - 1; i >= 0; i--) {
                pending.push(pieces.get(i));
            }
        }
        return sb.toString();
    }

    /**
     * The canonical text of a literal: an integer without fraction below 10^15, else {@link Double#toString}.
     *
     * @param value a finite value
     * @return the text
     */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void expand(Expression node, List<Object> pieces) {
        if (node instanceof Literal n) {
            pieces.add(number(n.value()));
        } else if (node instanceof Constant c) {
            pieces.add(c.name());
        } else if (node instanceof Variable v) {
            pieces.add(v.name());
        } else if (node instanceof ReferenceCall r) {
            pieces.add(r.function() + "(");
            for (int i = 0; i < r.arguments().size(); i++) {
                Expression a = r.arguments().get(i);
                pieces.add((i == 0 ? "" : ", ") + (a instanceof Literal l ? number(l.value()) : a.toString()));
            }
            pieces.add(")");
        } else if (node instanceof Unary u) {
            pieces.add(u.operator() == Operator.NEG ? "-" : "not ");
            Expression x = u.operand();
            child(x, x instanceof Unary || precedence(x) < u.operator().precedence(), pieces);
        } else if (node instanceof Binary b) {
            Operator op = b.operator();
            int p = op.precedence();
            int lp = precedence(b.left());
            int rp = precedence(b.right());
            child(b.left(), lp < p || lp == p && (!op.isLeftAssociative() || op.isComparison()), pieces);
            pieces.add(" " + op.text() + " ");
            child(b.right(), rp < p || rp == p && (op.isLeftAssociative() || op.isComparison()), pieces);
        } else {
            Call c = (Call) node;
            pieces.add(c.function().text() + "(");
            for (int i = 0; i < c.arguments().size(); i++) {
                if (i > 0) {
                    pieces.add(", ");
                }
                pieces.add(c.arguments().get(i));
            }
            pieces.add(")");
        }
    }

    private static void child(Expression node, boolean parens, List<Object> pieces) {
        if (parens) {
            pieces.add("(");
            pieces.add(node);
            pieces.add(")");
        } else {
            pieces.add(node);
        }
    }

    private static int precedence(Expression node) {
        if (node instanceof Binary b) {
            return b.operator().precedence();
        }
        if (node instanceof Unary u) {
            return u.operator().precedence();
        }
        return ATOM;
    }
}
