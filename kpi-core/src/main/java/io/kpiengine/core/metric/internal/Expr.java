package io.kpiengine.core.metric.internal;

import io.kpiengine.core.metric.MetricReference;
import java.util.List;

/**
 * The syntax tree of a derived metric's formula, as far as the catalog needs it: which metrics it references
 * (directly or through reference functions) and how units combine. Evaluation is kpi-formula's job.
 */
public sealed interface Expr {

    /**
     * The 1-based column where the expression starts in the formula text.
     *
     * @return the column
     */
    int column();

    /**
     * A numeric literal.
     *
     * @param value the value
     * @param column the column
     */
    record Num(double value, int column) implements Expr {
    }

    /**
     * A reference to a metric, possibly through a reference function.
     *
     * @param reference the reference
     * @param column the column of its first character
     * @param end the column after its last character
     */
    record Ref(MetricReference reference, int column, int end) implements Expr {
    }

    /**
     * A unary operator: {@code -}, {@code +} or {@code not}.
     *
     * @param op the operator
     * @param operand the operand
     * @param column the column
     */
    record Unary(String op, Expr operand, int column) implements Expr {
    }

    /**
     * A binary operator: arithmetic, comparison, {@code and} or {@code or}.
     *
     * @param op the operator text
     * @param left the left operand
     * @param right the right operand
     * @param column the column of the operator
     */
    record Binary(String op, Expr left, Expr right, int column) implements Expr {
    }

    /**
     * A call of an ordinary function such as {@code max} or {@code if}.
     *
     * @param function the function name, lower case
     * @param args the arguments
     * @param column the column of the name
     */
    record Call(String function, List<Expr> args, int column) implements Expr {
    }
}
