package io.kpiengine.formula.internal;

import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Expression.Binary;
import io.kpiengine.formula.Expression.Call;
import io.kpiengine.formula.Expression.Constant;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.Operator;
import io.kpiengine.formula.Expression.ReferenceCall;
import io.kpiengine.formula.Expression.Unary;
import io.kpiengine.formula.Expression.Variable;
import io.kpiengine.formula.FormulaFunction;
import io.kpiengine.formula.internal.Lexer.Kind;
import io.kpiengine.formula.internal.Lexer.Tok;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.objecthunter.exp4j.function.Function;
import net.objecthunter.exp4j.shuntingyard.ShuntingYard;
import net.objecthunter.exp4j.tokenizer.FunctionToken;
import net.objecthunter.exp4j.tokenizer.OperatorToken;
import net.objecthunter.exp4j.tokenizer.Token;
import net.objecthunter.exp4j.tokenizer.VariableToken;

/**
 * Parses a formula into an {@link Expression} tree, in three passes, none of them recursive (a formula of 65,536
 * characters may nest 30,000 deep, and the parser must not need a deep stack for it).
 *
 * <ol>
 * <li>A validating pass over our own tokens ({@link Lexer}) with a two-state machine (expecting an operand or an
 * operator), a stack of open parentheses and function calls, and the name rules. It reports the leftmost problem
 * with its exact column, and it is the only place that decides what is well formed: after it, the token stream
 * is a valid infix expression. Reference calls such as {@code lag(x, 12)} collapse here into one leaf, as do the
 * constants {@code pi} and {@code e}.</li>
 * <li>exp4j's shunting-yard converts that stream to reverse Polish notation. We hand it a rewritten text in
 * which every leaf and every function occurrence has a unique alias ({@code _7} is token 7) and our comparison
 * and logic operators are exp4j custom operators with our precedences, one token per space-separated word (exp4j
 * scans operator runs greedily, which is quadratic in a run of 8,000 minus signs; spaces keep it linear).</li>
 * <li>The RPN is folded into the tree with an explicit stack. Aliases give leaves and calls their tokens; an
 * operator's token is found from its operands' token spans: a binary operator is the first token after its left
 * operand once closing parentheses are skipped, a prefix operator the last one before its operand once opening
 * parentheses are skipped. The nesting depth ({@link Trees#nestingDepth}) is computed and checked here.</li>
 * </ol>
 *
 * <p>Binding variables to slots is not the parser's job: see {@link Binder}.
 */
public final class Parser {

    /**
     * The shape of a declared reference function's calls.
     *
     * @param minArgs the least number of arguments, the variable included
     * @param maxArgs the largest number of arguments
     * @param names whether arguments after the first may be names as well as integer literals
     */
    public record ReferenceShape(int minArgs, int maxArgs, boolean names) {
    }

    /**
     * What the parser needs of the options.
     *
     * @param maxLength the maximum source length
     * @param maxDepth the maximum nesting depth
     * @param maxIdentifierLength the maximum identifier length
     * @param references reference function name to the shape of its calls
     */
    public record Settings(int maxLength, int maxDepth, int maxIdentifierLength,
            Map<String, ReferenceShape> references) {
    }

    /** The largest integer argument of a reference call: every integer up to it is an exact double. */
    static final long MAX_EXACT_INTEGER = 1L << 53;

    private enum K { LEAF, FUNC, BIN, UN, PLUS, LP, RP, COMMA }

    private record RTok(K kind, int column, Object payload) {
    }

    private static final class Frame {
        final boolean call;
        final int funcIndex;
        final FormulaFunction fn;
        final int openColumn;
        int args;
        boolean comparison;

        Frame(boolean call, int funcIndex, FormulaFunction fn, int openColumn) {
            this.call = call;
            this.funcIndex = funcIndex;
            this.fn = fn;
            this.openColumn = openColumn;
        }
    }

    private static final Map<Operator, String> EXP4J_SYMBOL = new EnumMap<>(Operator.class);
    private static final Map<String, net.objecthunter.exp4j.operator.Operator> EXP4J_OPERATORS = new HashMap<>();
    private static final String EXP4J_NOT = "~";

    static {
        String[][] custom = {{"OR", "|"}, {"AND", "&"}, {"LT", "<"}, {"LE", ";"}, {"GT", ">"}, {"GE", ":"},
            {"EQ", "="}, {"NE", "#"}};
        for (Operator op : Operator.values()) {
            if (!op.isUnary()) {
                EXP4J_SYMBOL.put(op, op.text());
            }
        }
        for (String[] c : custom) {
            Operator op = Operator.valueOf(c[0]);
            EXP4J_SYMBOL.put(op, c[1]);
            EXP4J_OPERATORS.put(c[1], new ParseOnlyOperator(c[1], 2, true, op.precedence()));
        }
        EXP4J_OPERATORS.put(EXP4J_NOT, new ParseOnlyOperator(EXP4J_NOT, 1, false, Operator.NOT.precedence()));
    }

    private final String source;
    private final Settings settings;
    private final Lexer lexer;
    private final List<RTok> out = new ArrayList<>();
    private final Map<Integer, Integer> closing = new HashMap<>();
    private final Map<Integer, Integer> argCount = new HashMap<>();
    private Tok pushedBack;

    private Parser(String source, Settings settings) {
        this.source = source;
        this.settings = settings;
        this.lexer = new Lexer(source, settings.maxIdentifierLength());
    }

    /**
     * Parses and checks a formula.
     *
     * @param source the formula text
     * @param settings limits and reference functions
     * @return the tree
     * @throws io.kpiengine.formula.FormulaException for any invalid formula
     */
    public static Expression parse(String source, Settings settings) {
        if (source.length() > settings.maxLength()) {
            throw Errors.limit("Formula is " + source.length() + " characters long, over the limit of "
                    + settings.maxLength() + ",", source, settings.maxLength() + 1, "");
        }
        Parser p = new Parser(source, settings);
        p.validate();
        return p.build(p.toRpn());
    }

    private Tok next() {
        if (pushedBack != null) {
            Tok t = pushedBack;
            pushedBack = null;
            return t;
        }
        return lexer.next();
    }

    private static Operator binaryOperator(String text) {
        for (Operator op : Operator.values()) {
            if (!op.isUnary() && op.text().equals(text)) {
                return op;
            }
        }
        return null;
    }

    private void validate() {
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(false, -1, null, 0));
        boolean operand = true;
        while (true) {
            Tok t = next();
            Frame frame = frames.peek();
            if (operand) {
                switch (t.kind()) {
                    case NUMBER -> {
                        out.add(new RTok(K.LEAF, t.column(), new Literal(t.number(), t.column())));
                        operand = false;
                    }
                    case IDENT -> operand = operandName(t, frames);
                    case OP -> {
                        if (t.text().equals("-")) {
                            out.add(new RTok(K.UN, t.column(), Operator.NEG));
                        } else if (t.text().equals("+")) {
                            out.add(new RTok(K.PLUS, t.column(), null));
                        } else {
                            throw Errors.expectedOperand(source, t.column(), t.text(), "");
                        }
                    }
                    case LPAREN -> {
                        frames.push(new Frame(false, -1, null, t.column()));
                        out.add(new RTok(K.LP, t.column(), null));
                    }
                    case RPAREN -> {
                        boolean empty = !out.isEmpty() && out.get(out.size() - 1).kind() == K.LP;
                        if (empty && frame.call) {
                            close(frames, t, 0);
                            operand = false;
                        } else if (empty) {
                            throw Errors.syntax("Empty parentheses", source, frame.openColumn, "()", "");
                        } else {
                            throw Errors.expectedOperand(source, t.column(), t.text(), "");
                        }
                    }
                    default -> throw Errors.expectedOperand(source, t.column(), t.text(), "");
                }
            } else {
                switch (t.kind()) {
                    case OP -> {
                        binary(binaryOperator(t.text()), t, frame);
                        operand = true;
                    }
                    case IDENT -> {
                        if (t.text().equals("and") || t.text().equals("or")) {
                            binary(binaryOperator(t.text()), t, frame);
                            operand = true;
                        } else {
                            missingOperator(t);
                        }
                    }
                    case RPAREN -> {
                        if (frames.size() == 1) {
                            throw Errors.syntax("Unmatched ')'", source, t.column(), ")", "");
                        }
                        close(frames, t, frame.args + 1);
                    }
                    case COMMA -> {
                        if (!frame.call) {
                            throw Errors.syntax("',' outside a function call", source, t.column(), ",", "");
                        }
                        frame.args++;
                        frame.comparison = false;
                        out.add(new RTok(K.COMMA, t.column(), null));
                        operand = true;
                    }
                    case END -> {
                        if (frames.size() > 1) {
                            throw Errors.syntax("Unclosed '('", source, frame.openColumn, "(",
                                    ": expected ')' before the end of the formula");
                        }
                        return;
                    }
                    default -> missingOperator(t);
                }
            }
        }
    }

    private void binary(Operator op, Tok t, Frame frame) {
        if (op.isComparison()) {
            if (frame.comparison) {
                throw Errors.syntax("Chained comparison '" + op.text() + "'", source, t.column(), op.text(),
                        ": write 'a < b and b < c' instead of 'a < b < c'");
            }
            frame.comparison = true;
        } else if (op == Operator.AND || op == Operator.OR) {
            frame.comparison = false;
        }
        out.add(new RTok(K.BIN, t.column(), op));
    }

    private void missingOperator(Tok t) {
        String hint = "";
        if (t.kind() == Kind.IDENT && Syntax.isKeyword(t.text().toLowerCase(java.util.Locale.ROOT))) {
            hint = "; did you mean '" + t.text().toLowerCase(java.util.Locale.ROOT) + "'?";
        } else if (t.kind() != Kind.IDENT || !t.text().equals("not")) {
            hint = ": implicit multiplication is not supported; write '*'";
        }
        throw Errors.missingOperator(source, t.column(), t.text(), hint);
    }

    private void close(Deque<Frame> frames, Tok t, int args) {
        Frame frame = frames.pop();
        if (frame.call) {
            FormulaFunction fn = frame.fn;
            if (args < fn.minArgs() || args > fn.maxArgs()) {
                RTok f = out.get(frame.funcIndex);
                throw Errors.arity(source, f.column(), fn.text(), fn.minArgs(), fn.maxArgs(), args);
            }
            argCount.put(frame.funcIndex, args);
            closing.put(frame.funcIndex, out.size());
        }
        out.add(new RTok(K.RP, t.column(), null));
    }

    /** Handles an identifier where an operand is expected; returns whether an operand is still expected. */
    private boolean operandName(Tok t, Deque<Frame> frames) {
        String name = t.text();
        if (name.equals("not")) {
            RTok before = out.isEmpty() ? null : out.get(out.size() - 1);
            if (before != null && (before.kind() == K.PLUS || before.kind() == K.UN && before.payload() == Operator.NEG)) {
                throw Errors.syntax("'not' cannot follow a unary sign", source, t.column(), name,
                        ": write '-(not ...)'");
            }
            out.add(new RTok(K.UN, t.column(), Operator.NOT));
            frames.peek().comparison = false;
            return true;
        }
        if (name.equals("and") || name.equals("or")) {
            throw Errors.expectedOperand(source, t.column(), name, Errors.reservedHint(name));
        }
        Tok after = next();
        FormulaFunction fn = FormulaFunction.of(name).orElse(null);
        ReferenceShape reference = settings.references().get(name);
        if (after.kind() == Kind.LPAREN) {
            if (fn != null) {
                out.add(new RTok(K.FUNC, t.column(), fn));
                frames.push(new Frame(true, out.size() - 1, fn, after.column()));
                out.add(new RTok(K.LP, after.column(), null));
                return true;
            }
            if (reference != null) {
                reference(t, reference);
                return false;
            }
            List<String> known = new ArrayList<>(Syntax.functionNames());
            known.addAll(settings.references().keySet());
            throw Errors.unknown("function", source, t.column(), name, Suggestions.closest(name, known), "");
        }
        pushedBack = after;
        if (fn != null || reference != null) {
            throw Errors.syntax((fn != null ? "Function '" : "Reference function '") + name
                    + "' must be followed by '('", source, t.column(), name, fn != null ? Errors.reservedHint(name)
                    : "");
        }
        Expression leaf = Syntax.isConstant(name) ? new Constant(name, t.column()) : new Variable(name, t.column());
        out.add(new RTok(K.LEAF, t.column(), leaf));
        return false;
    }

    private void reference(Tok function, ReferenceShape shape) {
        String name = function.text();
        Tok v = next();
        Tok after = next();
        if (v.kind() != Kind.IDENT || Syntax.isReserved(v.text()) || settings.references().containsKey(v.text())
                || after.kind() == Kind.LPAREN) {
            throw Errors.syntax("Reference function '" + name + "' needs a variable name as argument 1, but found "
                    + Errors.describe(v.text()), source, v.column(), v.text(), "");
        }
        List<Expression> arguments = new ArrayList<>();
        arguments.add(new Variable(v.text(), v.column()));
        String wanted = shape.names() ? "an integer literal or a name" : "an integer literal";
        Tok t = after;
        while (t.kind() == Kind.COMMA) {
            int position = arguments.size() + 1;
            Tok n = next();
            Tok start = n;
            boolean negative = n.kind() == Kind.OP && n.text().equals("-");
            if (negative) {
                n = next();
            }
            if (shape.names() && !negative && n.kind() == Kind.IDENT && !Syntax.isReserved(n.text())) {
                arguments.add(new Variable(n.text(), n.column()));
                t = next();
                continue;
            }
            if (n.kind() != Kind.NUMBER || !n.text().chars().allMatch(Character::isDigit)) {
                String found = negative && n.kind() == Kind.NUMBER ? "-" + n.text() : n.text();
                throw Errors.syntax("Reference function '" + name + "' needs " + wanted + " as argument "
                        + position + ", but found " + Errors.describe(found), source, start.column(), found, "");
            }
            if (new java.math.BigInteger(n.text()).compareTo(java.math.BigInteger.valueOf(MAX_EXACT_INTEGER)) > 0) {
                throw Errors.syntax("Reference function '" + name + "' argument " + position + " '" + n.text()
                        + "' is out of the range of exact integers (at most 2^53 = " + MAX_EXACT_INTEGER + ")",
                        source, n.column(), n.text(), "");
            }
            arguments.add(new Literal(negative ? -n.number() : n.number(), start.column()));
            t = next();
        }
        if (t.kind() == Kind.END) {
            throw Errors.syntax("Unclosed '('", source, function.column() + name.length(), "(",
                    ": expected ')' before the end of the formula");
        }
        if (t.kind() != Kind.RPAREN) {
            throw Errors.syntax("Reference function '" + name + "' needs ',' or ')' after argument "
                    + arguments.size() + ", but found " + Errors.describe(t.text()), source, t.column(), t.text(), "");
        }
        if (arguments.size() < shape.minArgs() || arguments.size() > shape.maxArgs()) {
            throw Errors.arity(source, function.column(), name, shape.minArgs(), shape.maxArgs(), arguments.size());
        }
        out.add(new RTok(K.LEAF, function.column(), new ReferenceCall(name, arguments, function.column())));
    }

    private Token[] toRpn() {
        StringBuilder text = new StringBuilder(out.size() * 4);
        Set<String> variables = new HashSet<>();
        Map<String, Function> functions = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            RTok t = out.get(i);
            String word = switch (t.kind()) {
                case LEAF -> {
                    variables.add("_" + i);
                    yield "_" + i;
                }
                case FUNC -> {
                    functions.put("_" + i, new ParseOnlyFunction("_" + i, argCount.get(i)));
                    yield "_" + i;
                }
                case BIN -> EXP4J_SYMBOL.get((Operator) t.payload());
                case UN -> t.payload() == Operator.NEG ? "-" : EXP4J_NOT;
                case PLUS -> "+";
                case LP -> "(";
                case RP -> ")";
                case COMMA -> ",";
            };
            text.append(word).append(' ');
        }
        return ShuntingYard.convertToRPN(text.toString(), functions, EXP4J_OPERATORS, variables, false);
    }

    /** A subtree under construction: its node, the token span it covers and its nesting depth. */
    private record Item(Expression node, int first, int last, int depth) {
    }

    private Expression build(Token[] rpn) {
        Deque<Item> stack = new ArrayDeque<>();
        for (Token token : rpn) {
            Item item;
            if (token instanceof VariableToken v) {
                int i = Integer.parseInt(v.getName().substring(1));
                item = new Item((Expression) out.get(i).payload(), i, i, 1);
            } else if (token instanceof FunctionToken f) {
                int i = Integer.parseInt(f.getFunction().getName().substring(1));
                int n = argCount.get(i);
                Expression[] args = new Expression[n];
                int depth = 0;
                for (int a = n - 1; a >= 0; a--) {
                    Item arg = pop(stack);
                    args[a] = arg.node();
                    depth = Math.max(depth, arg.depth());
                }
                item = new Item(new Call((FormulaFunction) out.get(i).payload(), List.of(args), out.get(i).column()),
                        i, closing.get(i), depth + 1);
            } else if (token instanceof OperatorToken o && o.getOperator().getNumOperands() == 2) {
                Item right = pop(stack);
                Item left = pop(stack);
                int k = left.last() + 1;
                while (out.get(k).kind() == K.RP) {
                    k++;
                }
                RTok op = expect(k, K.BIN);
                Binary node = new Binary((Operator) op.payload(), left.node(), right.node(), op.column());
                int leftDepth = left.depth() + (Trees.continuesChain(node, left.node()) ? 0 : 1);
                item = new Item(node, left.first(), right.last(), Math.max(leftDepth, right.depth() + 1));
            } else if (token instanceof OperatorToken) {
                Item operand = pop(stack);
                int k = operand.first() - 1;
                while (out.get(k).kind() == K.LP) {
                    k--;
                }
                RTok op = out.get(k);
                if (op.kind() == K.PLUS) {
                    item = new Item(operand.node(), k, operand.last(), operand.depth());
                } else {
                    expect(k, K.UN);
                    item = new Item(new Unary((Operator) op.payload(), operand.node(), op.column()), k,
                            operand.last(), operand.depth() + 1);
                }
            } else {
                throw new IllegalStateException("internal parser error: unexpected exp4j token " + token
                        + " for \"" + source + "\"");
            }
            if (item.depth() > settings.maxDepth()) {
                throw Errors.limit("Formula nesting exceeds the depth limit of " + settings.maxDepth()
                        + " (each operator and function call is one level above its operands, a chain of one "
                        + "level such as 'a + b - c' is one level, parentheses add none)", source,
                        item.node().column(), "");
            }
            stack.push(item);
        }
        if (stack.size() != 1) {
            throw new IllegalStateException("internal parser error: " + stack.size() + " results for \"" + source
                    + "\"");
        }
        return stack.pop().node();
    }

    private Item pop(Deque<Item> stack) {
        if (stack.isEmpty()) {
            throw new IllegalStateException("internal parser error: operand stack empty for \"" + source + "\"");
        }
        return stack.pop();
    }

    private RTok expect(int index, K kind) {
        RTok t = out.get(index);
        if (t.kind() != kind) {
            throw new IllegalStateException("internal parser error: expected " + kind + " at token " + index
                    + " but found " + t.kind() + " for \"" + source + "\"");
        }
        return t;
    }

    /** An exp4j operator used only for parsing; the tree is evaluated by our own code. */
    private static final class ParseOnlyOperator extends net.objecthunter.exp4j.operator.Operator {
        ParseOnlyOperator(String symbol, int operands, boolean leftAssociative, int precedence) {
            super(symbol, operands, leftAssociative, precedence);
        }

        @Override
        public double apply(double... args) {
            throw new UnsupportedOperationException("parse-only operator " + symbol);
        }
    }

    /** An exp4j function used only for parsing. */
    private static final class ParseOnlyFunction extends Function {
        ParseOnlyFunction(String name, int arguments) {
            super(name, arguments);
        }

        @Override
        public double apply(double... args) {
            throw new UnsupportedOperationException("parse-only function " + name);
        }
    }
}
