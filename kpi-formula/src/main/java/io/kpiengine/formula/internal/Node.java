package io.kpiengine.formula.internal;

import java.util.List;

/**
 * A node of the expression tree: immutable, with the 1-based source column of its operator, function, variable
 * or literal.
 */
public sealed interface Node {

    /** @return the 1-based column in the source */
    int column();

    /** A numeric literal; always finite. */
    record Num(double value, int column) implements Node {
    }

    /** A variable bound to a slot; {@code name} is the canonical slot name. */
    record Var(String name, int slot, int column) implements Node {
    }

    /** A prefix operator. */
    record Unary(Syntax.UnOp op, Node operand, int column) implements Node {
    }

    /** A binary operator. */
    record Binary(Syntax.BinOp op, Node left, Node right, int column) implements Node {
    }

    /** A built-in function call. */
    record Call(Syntax.Fn fn, List<Node> args, int column) implements Node {
        /** Copies the arguments. */
        public Call {
            args = List.copyOf(args);
        }
    }
}
