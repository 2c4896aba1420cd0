package io.kpiengine.formula.internal;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.DADD;
import static org.objectweb.asm.Opcodes.DALOAD;
import static org.objectweb.asm.Opcodes.DASTORE;
import static org.objectweb.asm.Opcodes.DCMPL;
import static org.objectweb.asm.Opcodes.DCONST_0;
import static org.objectweb.asm.Opcodes.DCONST_1;
import static org.objectweb.asm.Opcodes.DDIV;
import static org.objectweb.asm.Opcodes.DLOAD;
import static org.objectweb.asm.Opcodes.DMUL;
import static org.objectweb.asm.Opcodes.DNEG;
import static org.objectweb.asm.Opcodes.DREM;
import static org.objectweb.asm.Opcodes.DRETURN;
import static org.objectweb.asm.Opcodes.DSTORE;
import static org.objectweb.asm.Opcodes.DSUB;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLE;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IF_ICMPLT;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Expression.Binary;
import io.kpiengine.formula.Expression.Call;
import io.kpiengine.formula.Expression.Constant;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.Operator;
import io.kpiengine.formula.Expression.Unary;
import io.kpiengine.formula.FormulaFunction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles a bound expression tree to JVM bytecode: one hidden class per formula extending {@link Evaluator}, so
 * every formula gets its own, monomorphic code that the JIT inlines like hand-written Java. The columnar
 * {@code evaluateBatch} is generated too, with the loop around the formula body, so it is specialised per formula.
 *
 * <p>No-value handling without per-operation checks: a no-value is any non-finite double. Most operations map a
 * non-finite operand to a non-finite result by IEEE arithmetic (NaN and infinities propagate through {@code + - *},
 * {@code abs}, {@code sqrt}, {@code ln}, {@code sin}, {@code hypot} ...), so they need no check. Only operations
 * that can absorb a non-finite operand into a finite result ({@code x / inf = 0}, comparisons, {@code min},
 * {@code exp(-inf)}, {@code atan(inf)}, {@code tanh}, {@code signum}, {@code expm1}, {@code atan2}, {@code pow},
 * logic, the condition of {@code if}) test those operands that may be non-finite ({@link #mayBeNonFinite}): in
 * the scalar method with one branch that the CPU predicts; in the batch loop without a branch, by adding
 * {@code x - x} (0 for finite x, NaN otherwise) to the result, which keeps the loop body straight-line code that
 * the JIT can vectorise. The final result is tested once and NaN is returned for any non-finite value.
 * The result equals the {@link Interpreter}'s, operation for operation, because both call the same {@code Math}
 * and {@link Ops} methods.
 *
 * <p>Stack use: the emitter recurses once per level of nesting ({@link Trees#nestingDepth}) and walks the left
 * spine of a chain such as {@code a1 + a2 + ... + a500} in a loop, so a sum of any length costs one level. Trees
 * nested deeper than {@link #MAX_NESTING}, with more than {@link #MAX_NODES} nodes, or whose code would exceed
 * {@link #MAX_CLASS_BYTES} (the JIT does not compile methods over 8,000 bytes of bytecode) fall back to the
 * {@link Interpreter}, which uses no recursion. The analyses ({@link #mayBeNonFinite}, the slots read, strict
 * dependence) walk the tree with heap stacks.
 */
public final class CodeGen {

    /** Generated classes larger than this fall back to the interpreter. */
    static final int MAX_CLASS_BYTES = 15_000;
    /**
     * Trees larger than this go to the interpreter without generating code: at 6 to 40 bytes per node in each of
     * the two methods, their classes would exceed {@link #MAX_CLASS_BYTES} anyway.
     */
    static final int MAX_NODES = 1_000;
    /**
     * Trees nested deeper than this go to the interpreter: code generation recurses about five frames per level,
     * and 64 levels stay far inside a 256 KiB thread stack even before the JIT compiles the generator (tested in
     * {@code DeepFormulaTest}). No KPI formula nests half as deep.
     */
    static final int MAX_NESTING = 64;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String NAME = "io/kpiengine/formula/internal/GeneratedFormula";
    private static final String MATH = "java/lang/Math";
    private static final String OPS = Type.getInternalName(Ops.class);
    private static final String D_D = "(D)D";
    private static final String DD_D = "(DD)D";

    private CodeGen() {
    }

    /**
     * Compiles a tree.
     *
     * @param root the tree
     * @param bindings its slots
     * @return a new evaluator; the interpreter if the formula is too large or too deeply nested for generated code
     */
    public static Evaluator compile(Expression root, Binder.Bindings bindings) {
        List<Expression> nodes = root.nodes();
        return compile(root, nodes, bindings, new Interpreter(nodes, bindings));
    }

    /**
     * Compiles a tree, falling back to a given interpreter of it.
     *
     * @param root the tree
     * @param nodes its post-order list ({@link Expression#nodes()})
     * @param bindings its slots
     * @param interpreter the interpreter of the same tree and bindings
     * @return a new evaluator, or {@code interpreter} if the formula is too large or too deeply nested for
     *         generated code
     */
    public static Evaluator compile(Expression root, List<Expression> nodes, Binder.Bindings bindings,
            Interpreter interpreter) {
        if (nodes.size() > MAX_NODES || Trees.nestingDepth(nodes) > MAX_NESTING) {
            return interpreter;
        }
        byte[] bytes;
        try {
            bytes = generate(root, nodes, bindings);
        } catch (MethodTooLargeException e) {
            return interpreter;
        }
        if (bytes.length > MAX_CLASS_BYTES) {
            return interpreter;
        }
        try {
            Class<?> type = LOOKUP.defineHiddenClass(bytes, true).lookupClass();
            return (Evaluator) LOOKUP.findConstructor(type, MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("internal error: generated code was rejected for "
                    + Printer.print(root), e);
        }
    }

    static byte[] generate(Expression root, Binder.Bindings bindings) {
        return generate(root, root.nodes(), bindings);
    }

    static byte[] generate(Expression root, List<Expression> nodes, Binder.Bindings bindings) {
        Analysis analysis = new Analysis(nodes, bindings);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        String superName = Type.getInternalName(Evaluator.class);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, NAME, null, superName, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor scalar = cw.visitMethod(ACC_PUBLIC, "evaluate", "([D)D", null, null);
        scalar.visitCode();
        Emitter e = new Emitter(scalar, analysis, 2, null, -1, false);
        e.emit(root);
        e.result(root);
        scalar.visitInsn(DRETURN);
        scalar.visitMaxs(0, 0);
        scalar.visitEnd();

        MethodVisitor batch = cw.visitMethod(ACC_PUBLIC, "evaluateBatch", "([[D[DI)V", null, null);
        batch.visitCode();
        int[] columnLocal = new int[bindings.names().size()];
        int next = 4;
        for (int slot : usedSlots(nodes, bindings)) {
            batch.visitVarInsn(ALOAD, 1);
            pushInt(batch, slot);
            batch.visitInsn(AALOAD);
            batch.visitVarInsn(ASTORE, next);
            columnLocal[slot] = next++;
        }
        int i = next++;
        batch.visitInsn(org.objectweb.asm.Opcodes.ICONST_0);
        batch.visitVarInsn(ISTORE, i);
        Label test = new Label();
        Label body = new Label();
        batch.visitJumpInsn(GOTO, test);
        batch.visitLabel(body);
        batch.visitVarInsn(ALOAD, 2);
        batch.visitVarInsn(ILOAD, i);
        Emitter b = new Emitter(batch, analysis, next, columnLocal, i, true);
        b.emit(root);
        b.result(root);
        batch.visitInsn(DASTORE);
        batch.visitIincInsn(i, 1);
        batch.visitLabel(test);
        batch.visitVarInsn(ILOAD, i);
        batch.visitVarInsn(ILOAD, 3);
        batch.visitJumpInsn(IF_ICMPLT, body);
        batch.visitInsn(RETURN);
        batch.visitMaxs(0, 0);
        batch.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * The slots a tree reads, ascending.
     *
     * @param nodes the tree's nodes ({@link Expression#nodes()})
     * @param bindings its slots
     * @return the slots
     */
    public static int[] usedSlots(List<Expression> nodes, Binder.Bindings bindings) {
        TreeSet<Integer> used = new TreeSet<>();
        for (Expression e : nodes) {
            if (isInput(e)) {
                used.add(bindings.slot(e));
            }
        }
        return used.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isInput(Expression e) {
        return e instanceof Expression.Variable || e instanceof Expression.ReferenceCall;
    }

    /**
     * Whether a node's value can be non-finite (a no-value, or an infinity on its way to becoming one).
     *
     * @param node a node
     * @return false only when the value is certainly finite
     */
    static boolean mayBeNonFinite(Expression node) {
        return new Analysis(node.nodes(), null).mayBeNonFinite(node);
    }

    /** Facts about every node of one tree, computed bottom-up without recursion. */
    static final class Analysis {
        private final Binder.Bindings bindings;
        private final Map<Expression, Boolean> nonFinite = new IdentityHashMap<>();

        Analysis(List<Expression> nodes, Binder.Bindings bindings) {
            this.bindings = bindings;
            for (Expression e : nodes) {
                nonFinite.put(e, computeNonFinite(e));
            }
        }

        boolean mayBeNonFinite(Expression node) {
            return nonFinite.get(node);
        }

        private boolean any(List<Expression> nodes) {
            for (Expression e : nodes) {
                if (nonFinite.get(e)) {
                    return true;
                }
            }
            return false;
        }

        private boolean computeNonFinite(Expression node) {
            if (node instanceof Literal || node instanceof Constant) {
                return false;
            }
            if (isInput(node)) {
                return true;
            }
            if (node instanceof Unary u) {
                return nonFinite.get(u.operand());
            }
            if (node instanceof Binary b) {
                return switch (b.operator()) {
                    case ADD, SUB, MUL, DIV, MOD, POW -> true;
                    default -> nonFinite.get(b.left()) || nonFinite.get(b.right());
                };
            }
            Call c = (Call) node;
            return switch (c.function()) {
                // finite for finite arguments: non-finite only through an argument
                case ABS, FLOOR, CEIL, MIN, MAX, IF, SIN, COS, TAN, ATAN, ATAN2, TANH, CBRT, SIGNUM, UNITLESS ->
                        any(c.arguments());
                case COALESCE -> c.arguments().stream().allMatch(nonFinite::get);
                default -> true;
            };
        }

        /**
         * Whether an operand needs no check because its only way to be non-finite, being a variable, already
         * makes one of the other operands non-finite: in {@code (revenue - cost) / revenue} an infinite or missing
         * {@code revenue} makes the dividend non-finite, and a non-finite dividend gives a non-finite quotient, so
         * the divisor cannot absorb it. Valid for division, remainder and two-argument min and max, whose result
         * is non-finite whenever both operands are (unlike {@code pow(x, -x)}, comparisons or
         * {@code max(x, x, 1)}).
         */
        boolean impliedBy(Expression operand, List<Expression> others) {
            if (!isInput(operand)) {
                return false;
            }
            int slot = bindings.slot(operand);
            return others.stream().anyMatch(o -> strictlyDependsOn(o, slot));
        }

        /** Whether {@code node} is non-finite whenever the slot is, through operations that cannot absorb it. */
        boolean strictlyDependsOn(Expression node, int slot) {
            Deque<Expression> stack = new ArrayDeque<>();
            stack.push(node);
            while (!stack.isEmpty()) {
                Expression e = stack.pop();
                if (isInput(e)) {
                    if (bindings.slot(e) == slot) {
                        return true;
                    }
                } else if (e instanceof Call c && c.function() == FormulaFunction.IF) {
                    stack.push(c.arguments().get(0));
                } else if (!(e instanceof Call c && c.function() == FormulaFunction.COALESCE)) {
                    e.operands().forEach(stack::push);
                }
            }
            return false;
        }
    }

    private static void pushInt(MethodVisitor mv, int value) {
        if (value <= 5) {
            mv.visitInsn(org.objectweb.asm.Opcodes.ICONST_0 + value);
        } else if (value <= Short.MAX_VALUE) {
            mv.visitIntInsn(org.objectweb.asm.Opcodes.SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    /** Emits the code of one method body; slot loads differ between the scalar and the batch method. */
    private static final class Emitter {
        private final MethodVisitor mv;
        private final Analysis analysis;
        private final int[] columnLocal;
        private final int row;
        private final boolean branchFree;
        private int nextLocal;
        private int[] lastTemps;

        Emitter(MethodVisitor mv, Analysis analysis, int firstFreeLocal, int[] columnLocal, int row,
                boolean branchFree) {
            this.mv = mv;
            this.analysis = analysis;
            this.branchFree = branchFree;
            this.nextLocal = firstFreeLocal;
            this.columnLocal = columnLocal;
            this.row = row;
        }

        private boolean mayBeNonFinite(Expression node) {
            return analysis.mayBeNonFinite(node);
        }

        private int temp() {
            int t = nextLocal;
            nextLocal += 2;
            return t;
        }

        private void constant(double v) {
            if (Double.doubleToRawLongBits(v) == 0L) {
                mv.visitInsn(DCONST_0);
            } else if (v == 1.0) {
                mv.visitInsn(DCONST_1);
            } else {
                mv.visitLdcInsn(v);
            }
        }

        /** Leaves the canonical result of {@code root} on the stack: NaN if non-finite, +0.0 for -0.0. */
        void result(Expression root) {
            if (!mayBeNonFinite(root)) {
                constant(0.0);
                mv.visitInsn(DADD);
                return;
            }
            int t = temp();
            mv.visitVarInsn(DSTORE, t);
            if (branchFree) {
                mv.visitVarInsn(DLOAD, t);
                poison(t);
                return;
            }
            Label bad = new Label();
            Label end = new Label();
            guard(bad, t);
            mv.visitVarInsn(DLOAD, t);
            constant(0.0);
            mv.visitInsn(DADD);
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(bad);
            mv.visitLdcInsn(Double.NaN);
            mv.visitLabel(end);
        }

        /**
         * Adds {@code t - t} for each temp to the value on the stack: +0.0 when every temp is finite (which also
         * turns -0.0 into +0.0), NaN otherwise. The branch-free form of {@link #guard}, used in the batch loop so
         * that the JIT can vectorise it.
         */
        private void poison(int... temps) {
            for (int t : temps) {
                mv.visitVarInsn(DLOAD, t);
                mv.visitVarInsn(DLOAD, t);
                mv.visitInsn(DSUB);
                mv.visitInsn(DADD);
            }
        }

        /** Jumps to {@code bad} unless every temp holds a finite value: one branch on (t1 - t1) + (t2 - t2) ... */
        private void guard(Label bad, int... temps) {
            for (int k = 0; k < temps.length; k++) {
                mv.visitVarInsn(DLOAD, temps[k]);
                mv.visitVarInsn(DLOAD, temps[k]);
                mv.visitInsn(DSUB);
                if (k > 0) {
                    mv.visitInsn(DADD);
                }
            }
            constant(0.0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(IFNE, bad);
        }

        /** Pushes the value of a node; the temps it uses are free again afterwards. */
        void emit(Expression node) {
            int mark = nextLocal;
            emitNode(node);
            nextLocal = mark;
        }

        private void emitNode(Expression node) {
            if (node instanceof Literal n) {
                constant(n.value());
            } else if (node instanceof Constant c) {
                constant(c.value());
            } else if (node instanceof Unary u) {
                if (u.operator() == Operator.NEG) {
                    emit(u.operand());
                    mv.visitInsn(DNEG);
                } else {
                    strict(List.of(u.operand()), () -> zeroTest(IFEQ));
                }
            } else if (node instanceof Binary b) {
                chain(b);
            } else if (node instanceof Call c) {
                call(c);
            } else {
                int slot = analysis.bindings.slot(node);
                if (columnLocal == null) {
                    mv.visitVarInsn(ALOAD, 1);
                    pushInt(mv, slot);
                } else {
                    mv.visitVarInsn(ALOAD, columnLocal[slot]);
                    mv.visitVarInsn(ILOAD, row);
                }
                mv.visitInsn(DALOAD);
            }
        }

        /**
         * Emits a binary node and the binary nodes down its left spine in a loop: the leftmost operand first, then
         * each operator applied to the value on the stack and its right operand. Recursion happens only for the
         * right operands, so a chain of any length costs one level of the Java stack.
         */
        private void chain(Binary top) {
            List<Binary> spine = new ArrayList<>();
            Expression leftmost = top;
            while (leftmost instanceof Binary b) {
                spine.add(b);
                leftmost = b.left();
            }
            emit(leftmost);
            for (int k = spine.size() - 1; k >= 0; k--) {
                int mark = nextLocal;
                apply(spine.get(k));
                nextLocal = mark;
            }
        }

        /** Applies a binary operator to its left operand's value, on the stack, and its right operand. */
        private void apply(Binary b) {
            Operator op = b.operator();
            switch (op) {
                case ADD, SUB, MUL -> {
                    emit(b.right());
                    mv.visitInsn(op == Operator.ADD ? DADD : op == Operator.SUB ? DSUB : DMUL);
                }
                case DIV, MOD -> {
                    if (!mayBeNonFinite(b.right()) || analysis.impliedBy(b.right(), List.of(b.left()))) {
                        emit(b.right());
                        mv.visitInsn(op == Operator.DIV ? DDIV : DREM);
                    } else {
                        int[] t = storeLeftAndRight(b);
                        checked(new int[] {t[1]}, () -> {
                            mv.visitVarInsn(DLOAD, t[0]);
                            mv.visitVarInsn(DLOAD, t[1]);
                            mv.visitInsn(op == Operator.DIV ? DDIV : DREM);
                        });
                    }
                }
                default -> {
                    int[] t = storeLeftAndRight(b);
                    lastTemps = t;
                    List<Integer> unsafe = new ArrayList<>();
                    if (mayBeNonFinite(b.left())) {
                        unsafe.add(t[0]);
                    }
                    if (mayBeNonFinite(b.right())) {
                        unsafe.add(t[1]);
                    }
                    Runnable body = op == Operator.POW ? () -> math("pow", DD_D)
                            : op == Operator.AND || op == Operator.OR ? () -> logic(op) : () -> compare(op);
                    checked(unsafe.stream().mapToInt(Integer::intValue).toArray(), body);
                }
            }
        }

        /** Stores the left operand's value from the stack into a temp, then the right operand's into another. */
        private int[] storeLeftAndRight(Binary b) {
            int left = temp();
            mv.visitVarInsn(DSTORE, left);
            emit(b.right());
            int right = temp();
            mv.visitVarInsn(DSTORE, right);
            return new int[] {left, right};
        }

        /** Evaluates operands into temps, jumps to NaN if a possibly non-finite one is, then runs {@code body}. */
        private void strict(List<Expression> operands, Runnable body) {
            strict(operands, k -> false, body);
        }

        /** As {@link #strict(List, Runnable)}, skipping the check of operands for which {@code safe} holds. */
        private void strict(List<Expression> operands, java.util.function.IntPredicate safe, Runnable body) {
            int[] t = operands(operands);
            int[] unsafe = java.util.stream.IntStream.range(0, operands.size())
                    .filter(k -> mayBeNonFinite(operands.get(k)) && !safe.test(k)).map(k -> t[k]).toArray();
            lastTemps = t;
            checked(unsafe, body);
        }

        /** Runs {@code body}, which pushes one value; the value becomes NaN unless every unsafe temp is finite. */
        private void checked(int[] unsafe, Runnable body) {
            if (unsafe.length == 0) {
                body.run();
            } else if (branchFree) {
                body.run();
                poison(unsafe);
            } else {
                Label bad = new Label();
                Label end = new Label();
                guard(bad, unsafe);
                body.run();
                finish(bad, end);
            }
        }

        private int[] operands(List<Expression> operands) {
            int[] t = new int[operands.size()];
            for (int k = 0; k < t.length; k++) {
                emit(operands.get(k));
                t[k] = temp();
                mv.visitVarInsn(DSTORE, t[k]);
            }
            return t;
        }

        private void finish(Label bad, Label end) {
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(bad);
            mv.visitLdcInsn(Double.NaN);
            mv.visitLabel(end);
        }

        private void math(String name, String descriptor) {
            for (int t : lastTemps) {
                mv.visitVarInsn(DLOAD, t);
            }
            mv.visitMethodInsn(INVOKESTATIC, MATH, name, descriptor, false);
        }

        /** Pushes 1 if the single temp compares to zero with {@code jump}, else 0. */
        private void zeroTest(int jump) {
            mv.visitVarInsn(DLOAD, lastTemps[0]);
            constant(0.0);
            mv.visitInsn(DCMPL);
            booleanResult(jump);
        }

        private void booleanResult(int jump) {
            Label yes = new Label();
            Label end = new Label();
            mv.visitJumpInsn(jump, yes);
            mv.visitInsn(DCONST_0);
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(yes);
            mv.visitInsn(DCONST_1);
            mv.visitLabel(end);
        }

        private void compare(Operator op) {
            mv.visitVarInsn(DLOAD, lastTemps[0]);
            mv.visitVarInsn(DLOAD, lastTemps[1]);
            mv.visitInsn(DCMPL);
            booleanResult(switch (op) {
                case LT -> IFLT;
                case LE -> IFLE;
                case GT -> IFGT;
                case GE -> IFGE;
                case EQ -> IFEQ;
                case NE -> IFNE;
                default -> throw new IllegalStateException("not a comparison: " + op);
            });
        }

        private void logic(Operator op) {
            Label decided = new Label();
            Label end = new Label();
            int jump = op == Operator.AND ? IFEQ : IFNE;
            for (int t : lastTemps) {
                mv.visitVarInsn(DLOAD, t);
                constant(0.0);
                mv.visitInsn(DCMPL);
                mv.visitJumpInsn(jump, decided);
            }
            constant(op == Operator.AND ? 1.0 : 0.0);
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(decided);
            constant(op == Operator.AND ? 0.0 : 1.0);
            mv.visitLabel(end);
        }

        private void call(Call c) {
            List<Expression> args = c.arguments();
            FormulaFunction fn = c.function();
            switch (fn) {
                // IEEE propagation: a non-finite argument gives a non-finite result; no check needed
                case ABS, SQRT, FLOOR, CEIL, LN, LOG, LOG10, SIN, COS, TAN, ASIN, ACOS, SINH, COSH, CBRT, LOG1P -> {
                    emit(args.get(0));
                    String name = switch (fn) {
                        case LN, LOG -> "log";
                        default -> fn.text();
                    };
                    mv.visitMethodInsn(INVOKESTATIC, MATH, name, D_D, false);
                }
                case LOG2, COT -> {
                    emit(args.get(0));
                    mv.visitMethodInsn(INVOKESTATIC, OPS, fn.text(), D_D, false);
                }
                case HYPOT -> {
                    emit(args.get(0));
                    emit(args.get(1));
                    mv.visitMethodInsn(INVOKESTATIC, MATH, "hypot", DD_D, false);
                }
                case UNITLESS -> emit(args.get(0));
                // these map some non-finite argument to a finite result, so their arguments are checked
                case EXP, EXPM1, ATAN, TANH, SIGNUM -> strict(args, () -> math(fn.text(), D_D));
                case POW, ATAN2 -> strict(args, () -> math(fn.text(), DD_D));
                case ROUND -> {
                    emit(args.get(0));
                    if (args.size() > 1) {
                        emit(args.get(1));
                    } else {
                        constant(0.0);
                    }
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "round", DD_D, false);
                }
                case MIN, MAX -> strict(args,
                        k -> args.size() == 2 && analysis.impliedBy(args.get(k), List.of(args.get(1 - k))), () -> {
                    mv.visitVarInsn(DLOAD, lastTemps[0]);
                    for (int k = 1; k < lastTemps.length; k++) {
                        mv.visitVarInsn(DLOAD, lastTemps[k]);
                        mv.visitMethodInsn(INVOKESTATIC, MATH, fn == FormulaFunction.MIN ? "min" : "max", DD_D,
                                false);
                    }
                });
                case IF -> conditional(args);
                case COALESCE -> coalesce(args);
                default -> throw new IllegalStateException("unknown function " + fn);
            }
        }

        private void conditional(List<Expression> args) {
            emit(args.get(0));
            int t = temp();
            mv.visitVarInsn(DSTORE, t);
            Label bad = new Label();
            Label otherwise = new Label();
            Label end = new Label();
            if (mayBeNonFinite(args.get(0))) {
                guard(bad, t);
            }
            mv.visitVarInsn(DLOAD, t);
            constant(0.0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(IFEQ, otherwise);
            emit(args.get(1));
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(otherwise);
            emit(args.get(2));
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(bad);
            mv.visitLdcInsn(Double.NaN);
            mv.visitLabel(end);
        }

        private void coalesce(List<Expression> args) {
            Label end = new Label();
            for (int k = 0; k < args.size() - 1; k++) {
                Expression arg = args.get(k);
                emit(arg);
                if (!mayBeNonFinite(arg)) {
                    mv.visitLabel(end);
                    return;
                }
                int t = temp();
                mv.visitVarInsn(DSTORE, t);
                Label next = new Label();
                guard(next, t);
                mv.visitVarInsn(DLOAD, t);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(next);
            }
            emit(args.get(args.size() - 1));
            mv.visitLabel(end);
        }
    }
}
