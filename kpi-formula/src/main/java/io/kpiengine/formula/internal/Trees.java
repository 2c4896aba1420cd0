package io.kpiengine.formula.internal;

import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Expression.Binary;
import io.kpiengine.formula.Expression.Call;
import io.kpiengine.formula.Expression.Constant;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.Unary;
import io.kpiengine.formula.Expression.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Walks of {@link Expression} trees without recursion. A tree's height is bounded only by the formula length (a
 * sum of 30,000 terms is a left-deep chain 30,000 nodes high), and a thread may have a stack of 256 KiB, so
 * every walk that must accept any tree keeps its own stack on the heap: post-order listing, bottom-up folding,
 * equality, hashing and the nesting depth.
 *
 * <p>Post-order without recursion: a pre-order walk that visits children right to left, reversed.
 */
public final class Trees {

    private Trees() {
    }

    /**
     * Checks a node column.
     *
     * @param column the column
     * @throws IllegalArgumentException if it is below 1
     */
    public static void checkColumn(int column) {
        if (column < 1) {
            throw new IllegalArgumentException("column must be >= 1, but was " + column);
        }
    }

    /**
     * Every node, each after its operands.
     *
     * @param root the tree
     * @return an immutable list ending with {@code root}
     */
    public static List<Expression> postOrder(Expression root) {
        List<Expression> out = new ArrayList<>();
        Deque<Expression> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expression e = stack.pop();
            out.add(e);
            if (e instanceof Unary u) {
                stack.push(u.operand());
            } else if (e instanceof Binary b) {
                stack.push(b.left());
                stack.push(b.right());
            } else if (e instanceof Call c) {
                c.arguments().forEach(stack::push);
            }
        }
        Collections.reverse(out);
        return Collections.unmodifiableList(out);
    }

    /**
     * Folds a tree bottom-up.
     *
     * @param root the tree
     * @param combine the node's result from the node and its operands' results
     * @param <R> the result type
     * @return the root's result
     */
    public static <R> R fold(Expression root, BiFunction<? super Expression, ? super List<R>, ? extends R> combine) {
        List<R> stack = new ArrayList<>();
        for (Expression e : postOrder(root)) {
            int n = e.operands().size();
            List<R> below = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
            stack.subList(stack.size() - n, stack.size()).clear();
            stack.add(combine.apply(e, Collections.unmodifiableList(below)));
        }
        return stack.get(0);
    }

    /**
     * Structural equality, including columns.
     *
     * @param a a tree
     * @param b any object
     * @return true if {@code b} is an equal tree
     */
    public static boolean equal(Expression a, Object b) {
        if (!(b instanceof Expression other)) {
            return false;
        }
        Deque<Expression> left = new ArrayDeque<>();
        Deque<Expression> right = new ArrayDeque<>();
        left.push(a);
        right.push(other);
        while (!left.isEmpty()) {
            Expression x = left.pop();
            Expression y = right.pop();
            if (x == y) {
                continue;
            }
            if (x.getClass() != y.getClass() || x.column() != y.column() || !sameLabel(x, y)) {
                return false;
            }
            List<Expression> xs = x.operands();
            List<Expression> ys = y.operands();
            if (xs.size() != ys.size()) {
                return false;
            }
            for (int i = 0; i < xs.size(); i++) {
                left.push(xs.get(i));
                right.push(ys.get(i));
            }
        }
        return true;
    }

    /** Compares what distinguishes two nodes of one class apart from their operands and columns. */
    private static boolean sameLabel(Expression x, Expression y) {
        if (x instanceof Literal l) {
            return Double.compare(l.value(), ((Literal) y).value()) == 0;
        }
        if (x instanceof Unary u) {
            return u.operator() == ((Unary) y).operator();
        }
        if (x instanceof Binary b) {
            return b.operator() == ((Binary) y).operator();
        }
        if (x instanceof Call c) {
            return c.function() == ((Call) y).function();
        }
        return x.equals(y);
    }

    /**
     * A hash consistent with {@link #equal(Expression, Object)}.
     *
     * @param root a tree
     * @return the hash
     */
    public static int hash(Expression root) {
        int h = 1;
        for (Expression e : postOrder(root)) {
            h = 31 * h + label(e).hashCode();
            h = 31 * h + e.column();
        }
        return h;
    }

    private static Object label(Expression e) {
        if (e instanceof Literal l) {
            return l.value();
        }
        if (e instanceof Unary u) {
            return u.operator();
        }
        if (e instanceof Binary b) {
            return b.operator();
        }
        if (e instanceof Call c) {
            return c.function();
        }
        if (e instanceof Variable || e instanceof Constant) {
            return e.toString();
        }
        return e;
    }

    /**
     * Whether {@code child}, the left operand of {@code parent}, continues a chain of one precedence level such
     * as {@code a + b - c}: such a chain counts as one level of nesting.
     *
     * @param parent a binary node
     * @param child its left operand
     * @return true if the child is part of the parent's chain
     */
    public static boolean continuesChain(Binary parent, Expression child) {
        return child instanceof Binary c && parent.operator().isLeftAssociative()
                && c.operator().precedence() == parent.operator().precedence();
    }

    /**
     * The nesting depth: each operator and function call counts one level above its operands, except that a
     * chain of one left-associative level ({@code a + b - c + d}, {@code a * b / c}, {@code a and b and c})
     * counts once. {@code a + b * c} has depth 3, a sum of any number of terms depth 2, {@code abs(abs(x))} depth 3.
     *
     * @param root a tree
     * @return the depth, at least 1
     */
    public static int nestingDepth(Expression root) {
        return nestingDepth(root.nodes());
    }

    /**
     * The nesting depth of a tree given as its post-order list ({@link Expression#nodes()}), with a stack of ints.
     *
     * @param postOrder every node, each after its operands
     * @return the depth of the last node, the root
     */
    public static int nestingDepth(List<Expression> postOrder) {
        int[] depths = new int[postOrder.size()];
        int top = 0;
        for (Expression e : postOrder) {
            int depth;
            if (e instanceof Binary b) {
                int right = depths[--top];
                int left = depths[--top] + (continuesChain(b, b.left()) ? 0 : 1);
                depth = Math.max(left, right + 1);
            } else {
                int n = e instanceof Unary ? 1 : e instanceof Call c ? c.arguments().size() : 0;
                int max = 0;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, depths[--top]);
                }
                depth = max + 1;
            }
            depths[top++] = depth;
        }
        return depths[0];
    }
}
