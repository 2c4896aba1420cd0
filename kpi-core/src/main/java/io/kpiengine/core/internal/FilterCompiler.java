package io.kpiengine.core.internal;

import io.kpiengine.core.metric.Filter;
import io.kpiengine.core.metric.internal.FilterParser;
import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.DecimalVector;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.DoubleVector;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import io.kpiengine.data.TextVector;
import io.kpiengine.data.Vector;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a metric {@link Filter} into a vectorized {@link RowFilter} with SQL's three-valued logic: a comparison
 * with a missing value is unknown, so a row with a missing channel passes neither {@code channel = 'email'} nor
 * {@code channel != 'email'} nor their negations; {@code is missing} is never unknown.
 *
 * <p>Each node computes two bit masks over the rows of a batch, "true" and "false" (unknown: neither); {@code not}
 * swaps them, {@code and} / {@code or} combine them word by word. Leaves on category columns evaluate each
 * dictionary code once and cache the answer; numbers compare in their stored form (unscaled longs for scaled
 * decimals). A literal of the wrong type for its column is refused when the engine is built.
 *
 * <p>An {@code in} list of any length costs O(1) per row: text values are looked up in a hash set, numbers by
 * binary search in the sorted literals; building it is O(n log n). The compiled tree is built by recursion over
 * the filter, whose depth is checked first (without recursion) against {@link FilterParser#MAX_DEPTH}, so filters
 * built in code are bounded like parsed ones.
 */
public final class FilterCompiler {

    private FilterCompiler() {
    }

    /**
     * Compiles a filter for batches of a schema.
     *
     * @param filter the filter
     * @param schema the schema of the source
     * @return the row filter
     * @throws IllegalArgumentException if a column is unknown or a literal does not fit its column's type
     */
    public static RowFilter compile(Filter filter, Schema schema) {
        int depth = depth(filter);
        if (depth > FilterParser.MAX_DEPTH) {
            throw new IllegalArgumentException("filter nests " + depth + " levels deep (not, and, or), over the limit"
                    + " of " + FilterParser.MAX_DEPTH);
        }
        Node node = node(filter, schema);
        String text = " where " + filter;
        return new RowFilter() {
            @Override
            public Bound bind() {
                Node bound = node.copy();
                return new Bound() {
                    private long[] t = new long[0];
                    private long[] f = new long[0];

                    @Override
                    public int filter(RecordBatch batch, int[] in, int count, int[] out) {
                        int words = (batch.size() + 63) >>> 6;
                        if (t.length < words) {
                            t = new long[words];
                            f = new long[words];
                        }
                        bound.eval(batch, words, t, f);
                        int n = 0;
                        for (int k = 0; k < count; k++) {
                            int r = in[k];
                            if ((t[r >>> 6] & (1L << r)) != 0) {
                                out[n++] = r;
                            }
                        }
                        return n;
                    }
                };
            }

            @Override
            public String describe() {
                return text;
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof RowFilter r && r.describe().equals(text);
            }

            @Override
            public int hashCode() {
                return text.hashCode();
            }
        };
    }

    /** The depth of a filter's tree of not, and and or nodes, without recursion; a test has depth 1. */
    private static int depth(Filter filter) {
        Deque<Filter> nodes = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        nodes.push(filter);
        levels.push(1);
        int max = 0;
        while (!nodes.isEmpty()) {
            Filter f = nodes.pop();
            int level = levels.pop();
            max = Math.max(max, level);
            List<Filter> parts = f instanceof Filter.Not n ? List.of(n.part()) : f instanceof Filter.And a ? a.parts()
                    : f instanceof Filter.Or o ? o.parts() : List.of();
            for (Filter p : parts) {
                nodes.push(p);
                levels.push(level + 1);
            }
        }
        return max;
    }

    /** A node of the compiled filter; {@link #copy()} gives a thread its own scratch state. */
    private abstract static class Node {
        abstract void eval(RecordBatch batch, int words, long[] t, long[] f);

        abstract Node copy();
    }

    private static Node node(Filter filter, Schema schema) {
        if (filter instanceof Filter.And a) {
            return logical(a.parts(), schema, true);
        }
        if (filter instanceof Filter.Or o) {
            return logical(o.parts(), schema, false);
        }
        if (filter instanceof Filter.Not n) {
            Node inner = node(n.part(), schema);
            return new Not(inner);
        }
        if (filter instanceof Filter.IsMissing m) {
            return new Missing(column(schema, m.column()), m.negated());
        }
        if (filter instanceof Filter.Compare c) {
            return leaf(schema, c.column(), List.of(c.value()), c.op(), false);
        }
        Filter.In in = (Filter.In) filter;
        return leaf(schema, in.column(), in.values(), Filter.Op.EQ, in.negated());
    }

    private static Node logical(List<Filter> parts, Schema schema, boolean and) {
        List<Node> nodes = new ArrayList<>();
        for (Filter p : parts) {
            nodes.add(node(p, schema));
        }
        return new Logical(nodes, and);
    }

    private static int column(Schema schema, String name) {
        if (!schema.contains(name)) {
            throw new IllegalArgumentException("filter column '" + name + "' is not in the schema " + schema.names());
        }
        return schema.indexOf(name);
    }

    private static final class Not extends Node {
        private final Node inner;

        Not(Node inner) {
            this.inner = inner;
        }

        @Override
        void eval(RecordBatch batch, int words, long[] t, long[] f) {
            inner.eval(batch, words, f, t);
        }

        @Override
        Node copy() {
            return new Not(inner.copy());
        }
    }

    private static final class Logical extends Node {
        private final List<Node> parts;
        private final boolean and;
        private long[] pt = new long[0];
        private long[] pf = new long[0];

        Logical(List<Node> parts, boolean and) {
            this.parts = parts;
            this.and = and;
        }

        @Override
        void eval(RecordBatch batch, int words, long[] t, long[] f) {
            if (pt.length < words) {
                pt = new long[words];
                pf = new long[words];
            }
            parts.get(0).eval(batch, words, t, f);
            for (int i = 1; i < parts.size(); i++) {
                parts.get(i).eval(batch, words, pt, pf);
                for (int w = 0; w < words; w++) {
                    if (and) {
                        t[w] &= pt[w];
                        f[w] |= pf[w];
                    } else {
                        t[w] |= pt[w];
                        f[w] &= pf[w];
                    }
                }
            }
        }

        @Override
        Node copy() {
            List<Node> copies = new ArrayList<>();
            parts.forEach(p -> copies.add(p.copy()));
            return new Logical(copies, and);
        }
    }

    private static final class Missing extends Node {
        private final int column;
        private final boolean negated;

        Missing(int column, boolean negated) {
            this.column = column;
            this.negated = negated;
        }

        @Override
        void eval(RecordBatch batch, int words, long[] t, long[] f) {
            Vector v = batch.column(column);
            long[] nulls = v.hasNulls() ? v.nullMask() : null;
            int n = batch.size();
            for (int w = 0; w < words; w++) {
                long valid = w < (n >>> 6) ? -1L : (1L << (n & 63)) - 1;
                long missing = nulls == null ? 0 : nulls[w] & valid;
                t[w] = negated ? valid & ~missing : missing;
                f[w] = negated ? missing : valid & ~missing;
            }
        }

        @Override
        Node copy() {
            return this;
        }
    }

    private static Node leaf(Schema schema, String name, List<Filter.Literal> literals, Filter.Op op, boolean negated) {
        int index = column(schema, name);
        Column c = schema.column(index);
        String where = "filter on column '" + name + "' (" + c.type() + ")";
        switch (c.type()) {
            case TEXT:
            case CATEGORY: {
                String[] texts = new String[literals.size()];
                for (int i = 0; i < texts.length; i++) {
                    if (!(literals.get(i) instanceof Filter.Text tx)) {
                        throw new IllegalArgumentException(where + ": " + literals.get(i)
                                + " must be a quoted text, but is not");
                    }
                    texts[i] = tx.value();
                }
                return new TextLeaf(index, texts, op, negated);
            }
            case DECIMAL:
                if (!c.isExactDecimal()) {
                    double[] ds = new double[literals.size()];
                    for (int i = 0; i < ds.length; i++) {
                        ds[i] = number(literals.get(i), where).doubleValue();
                    }
                    return new NumberLeaf(index, null, ds, op, negated);
                }
                return longLeaf(index, literals, op, negated, where, c.scale(), c.type());
            default:
                return longLeaf(index, literals, op, negated, where, 0, c.type());
        }
    }

    private static BigDecimal number(Filter.Literal l, String where) {
        if (l instanceof Filter.Num num) {
            return num.value();
        }
        throw new IllegalArgumentException(where + ": " + l + " must be a number, but is not");
    }

    /** Leaves on long-backed columns: literals become the stored long form, or doubles when not exact. */
    private static Node longLeaf(int index, List<Filter.Literal> literals, Filter.Op op, boolean negated, String where,
            int scale, ColumnType type) {
        long[] ls = new long[literals.size()];
        double[] ds = new double[literals.size()];
        boolean exact = true;
        for (int i = 0; i < ls.length; i++) {
            Filter.Literal l = literals.get(i);
            switch (type) {
                case BOOLEAN:
                    if (!(l instanceof Filter.Bool b)) {
                        throw new IllegalArgumentException(where + ": " + l + " must be true or false, but is not");
                    }
                    ls[i] = b.value() ? 1 : 0;
                    break;
                case DATE:
                    ls[i] = temporal(l, where, true);
                    break;
                case TIMESTAMP:
                    ls[i] = temporal(l, where, false);
                    break;
                default: {
                    BigDecimal n = number(l, where);
                    // a literal far beyond every value a column holds (1e99999999, 1E-2147483647) compares as an
                    // infinity or a zero of its sign, without computing its digits (10^99999999 takes hours)
                    long exponent = (long) n.precision() - n.scale() - 1;
                    boolean huge = n.signum() != 0 && exponent > 400;
                    boolean tiny = n.signum() != 0 && exponent < -400;
                    BigDecimal v = huge || tiny ? null : n.movePointRight(scale);
                    ds[i] = v != null ? v.doubleValue() : n.signum() * (huge ? Double.POSITIVE_INFINITY : 0.0);
                    if (v == null) {
                        exact = false;
                    } else {
                        try {
                            ls[i] = v.longValueExact();
                        } catch (ArithmeticException e) {
                            exact = false;
                        }
                    }
                }
            }
            ds[i] = type == ColumnType.INTEGER || type == ColumnType.DECIMAL ? ds[i] : ls[i];
        }
        return new NumberLeaf(index, exact ? ls : null, ds, op, negated);
    }

    private static long temporal(Filter.Literal l, String where, boolean date) {
        if (l instanceof Filter.Text tx) {
            try {
                if (date) {
                    return LocalDate.parse(tx.value()).toEpochDay();
                }
                Instant i = tx.value().endsWith("Z") ? Instant.parse(tx.value())
                        : OffsetDateTime.parse(tx.value()).toInstant();
                return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000L);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": " + l + " must be an ISO " + (date ? "date like"
                        + " '2025-03-14'" : "instant like '2025-03-14T09:00:00Z'") + ", but is not", e);
            }
        }
        throw new IllegalArgumentException(where + ": " + l + " must be a quoted ISO " + (date ? "date" : "instant")
                + ", but is not");
    }

    /** Numeric order with -0.0 equal to 0.0, as in SQL. */
    private static int compare(double a, double b) {
        return a < b ? -1 : a > b ? 1 : 0;
    }

    private static boolean test(int cmp, Filter.Op op) {
        switch (op) {
            case EQ:
                return cmp == 0;
            case NE:
                return cmp != 0;
            case LT:
                return cmp < 0;
            case LE:
                return cmp <= 0;
            case GT:
                return cmp > 0;
            default:
                return cmp >= 0;
        }
    }

    /** Sets row r of t or f from a known truth value, honoring {@code in}'s negation. */
    private static void put(long[] t, long[] f, int r, boolean truth) {
        if (truth) {
            t[r >>> 6] |= 1L << r;
        } else {
            f[r >>> 6] |= 1L << r;
        }
    }

    private static final class TextLeaf extends Node {
        private final int column;
        private final String[] literals;
        /** For equality (= and in lists): the literals as a set, so that a test costs O(1) for any list. */
        private final Set<String> equalTo;
        private final Filter.Op op;
        private final boolean negated;
        private Dictionary dictionary;
        private byte[] byCode = new byte[0];
        private int[] codes = new int[0];

        TextLeaf(int column, String[] literals, Filter.Op op, boolean negated) {
            this(column, literals, op == Filter.Op.EQ ? new HashSet<>(Arrays.asList(literals)) : null, op, negated);
        }

        private TextLeaf(int column, String[] literals, Set<String> equalTo, Filter.Op op, boolean negated) {
            this.column = column;
            this.literals = literals;
            this.equalTo = equalTo;
            this.op = op;
            this.negated = negated;
        }

        boolean truth(String value) {
            if (equalTo != null) {
                return equalTo.contains(value) != negated;
            }
            boolean any = false;
            for (String l : literals) {
                any |= test(value.compareTo(l), op);
            }
            return any != negated;
        }

        @Override
        void eval(RecordBatch batch, int words, long[] t, long[] f) {
            Arrays.fill(t, 0, words, 0);
            Arrays.fill(f, 0, words, 0);
            Vector v = batch.column(column);
            int n = batch.size();
            long[] nulls = v.hasNulls() ? v.nullMask() : null;
            if (v instanceof CategoryVector c) {
                if (c.dictionary() != dictionary) {
                    dictionary = c.dictionary();
                    byCode = new byte[0];
                }
                if (codes.length < n) {
                    codes = new int[n];
                }
                c.copyTo(0, codes, 0, n);
                for (int r = 0; r < n; r++) {
                    if (nulls != null && (nulls[r >>> 6] & (1L << r)) != 0) {
                        continue;
                    }
                    int code = codes[r];
                    if (code >= byCode.length) {
                        byCode = Arrays.copyOf(byCode, Math.max(code + 1, byCode.length * 2));
                    }
                    if (byCode[code] == 0) {
                        byCode[code] = (byte) (truth(dictionary.value(code)) ? 1 : 2);
                    }
                    put(t, f, r, byCode[code] == 1);
                }
            } else {
                TextVector tv = (TextVector) v;
                for (int r = 0; r < n; r++) {
                    String s = tv.get(r);
                    if (s != null) {
                        put(t, f, r, truth(s));
                    }
                }
            }
        }

        @Override
        Node copy() {
            return new TextLeaf(column, literals, equalTo, op, negated);
        }
    }

    private static final class NumberLeaf extends Node {
        private final int column;
        private final long[] longs;
        private final double[] doubles;
        private final Filter.Op op;
        private final boolean negated;
        private long[] lv = new long[0];
        private double[] dv = new double[0];

        NumberLeaf(int column, long[] longs, double[] doubles, Filter.Op op, boolean negated) {
            this.column = column;
            this.op = op;
            this.negated = negated;
            if (op == Filter.Op.EQ) {
                // sorted for binary search; -0.0 as 0.0, which it equals
                longs = longs == null ? null : longs.clone();
                doubles = doubles.clone();
                for (int i = 0; i < doubles.length; i++) {
                    doubles[i] += 0.0;
                }
                if (longs != null) {
                    Arrays.sort(longs);
                }
                Arrays.sort(doubles);
            }
            this.longs = longs;
            this.doubles = doubles;
        }

        /** Whether a value equals one of the literals: a binary search of the sorted literals. */
        private boolean equalsAny(boolean isDouble, int r) {
            if (isDouble) {
                return Arrays.binarySearch(doubles, dv[r] + 0.0) >= 0;
            }
            return longs != null ? Arrays.binarySearch(longs, lv[r]) >= 0
                    : Arrays.binarySearch(doubles, (double) lv[r] + 0.0) >= 0;
        }

        @Override
        void eval(RecordBatch batch, int words, long[] t, long[] f) {
            Arrays.fill(t, 0, words, 0);
            Arrays.fill(f, 0, words, 0);
            Vector v = batch.column(column);
            int n = batch.size();
            long[] nulls = v.hasNulls() ? v.nullMask() : null;
            boolean isDouble = v instanceof DoubleVector;
            if (isDouble) {
                if (dv.length < n) {
                    dv = new double[n];
                }
                ((DoubleVector) v).copyTo(0, dv, 0, n);
            } else {
                if (lv.length < n) {
                    lv = new long[n];
                }
                if (v instanceof DecimalVector d) {
                    d.copyTo(0, lv, 0, n);
                } else {
                    ((LongVector) v).copyTo(0, lv, 0, n);
                }
            }
            for (int r = 0; r < n; r++) {
                if (nulls != null && (nulls[r >>> 6] & (1L << r)) != 0) {
                    continue;
                }
                boolean any = false;
                if (op == Filter.Op.EQ) {
                    any = equalsAny(isDouble, r);
                } else {
                    for (int i = 0; i < doubles.length; i++) {
                        int cmp = isDouble ? compare(dv[r], doubles[i])
                                : longs != null ? Long.compare(lv[r], longs[i]) : compare((double) lv[r], doubles[i]);
                        any |= test(cmp, op);
                    }
                }
                put(t, f, r, any != negated);
            }
        }

        @Override
        Node copy() {
            return new NumberLeaf(column, longs, doubles, op, negated);
        }
    }

}
