package io.kpiengine.formula.internal;

import io.kpiengine.formula.Reference;
import io.kpiengine.formula.internal.Node.Binary;
import io.kpiengine.formula.internal.Node.Call;
import io.kpiengine.formula.internal.Node.Num;
import io.kpiengine.formula.internal.Node.Unary;
import io.kpiengine.formula.internal.Node.Var;

/**
 * Prints a tree in canonical form: single spaces around binary operators, {@code ", "} between arguments, and
 * only the parentheses the precedence rules require (plus around a prefix operator's prefixed operand, and
 * around a prefix operator on the right of {@code ^}). The printed text parses back to the same tree.
 */
public final class Printer {

    private static final int ATOM = Integer.MAX_VALUE;

    private Printer() {
    }

    /**
     * The canonical text of a tree.
     *
     * @param node the tree
     * @return the text
     */
    public static String print(Node node) {
        StringBuilder sb = new StringBuilder();
        print(node, sb);
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

    private static void print(Node node, StringBuilder sb) {
        if (node instanceof Num n) {
            sb.append(number(n.value()));
        } else if (node instanceof Var v) {
            sb.append(Reference.parse(v.name()).map(Reference::toString).orElse(v.name()));
        } else if (node instanceof Unary u) {
            sb.append(u.op() == Syntax.UnOp.NEG ? "-" : "not ");
            Node x = u.operand();
            child(x, x instanceof Unary || precedence(x) < u.op().precedence(), sb);
        } else if (node instanceof Binary b) {
            int p = b.op().precedence();
            int lp = precedence(b.left());
            int rp = precedence(b.right());
            child(b.left(), lp < p || lp == p && (!b.op().leftAssociative() || b.op().comparison()), sb);
            sb.append(' ').append(b.op().text()).append(' ');
            child(b.right(), rp < p || rp == p && (b.op().leftAssociative() || b.op().comparison()), sb);
        } else {
            Call c = (Call) node;
            sb.append(c.fn().text()).append('(');
            for (int i = 0; i < c.args().size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                print(c.args().get(i), sb);
            }
            sb.append(')');
        }
    }

    private static void child(Node node, boolean parens, StringBuilder sb) {
        if (parens) {
            sb.append('(');
            print(node, sb);
            sb.append(')');
        } else {
            print(node, sb);
        }
    }

    private static int precedence(Node node) {
        if (node instanceof Binary b) {
            return b.op().precedence();
        }
        if (node instanceof Unary u) {
            return u.op().precedence();
        }
        return ATOM;
    }
}
