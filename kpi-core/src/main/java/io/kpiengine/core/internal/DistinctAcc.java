package io.kpiengine.core.internal;

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
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Exact distinct count. Every value becomes a {@code long} key where that is lossless: integers, booleans,
 * dates and timestamps as themselves, scaled decimals as their unscaled value, doubles as their bits (with
 * -0.0 read as 0.0), and text or categories of at most 10 characters of {@code [0-9A-Za-z_]} packed by
 * {@link PackedText}. Other text is kept as strings in a separate set per slot (text that packs never goes
 * there, so the two sets never hold the same value). Memory: 8 bytes per distinct packed key, up to 16 while an
 * array grows (see {@link KeyRun}); about 60 bytes plus the string for other text.
 */
final class DistinctAcc extends CountedAccumulator {

    private final int column;
    private final ColumnType type;
    private KeyRun[] keys = new KeyRun[0];
    private final KeyRun.Scratch scratch = new KeyRun.Scratch();
    private Set<String>[] texts = newTextArray(0);
    private Dictionary cachedDictionary;
    private long[] packedByCode = new long[0];
    private int[] codes = new int[0];
    private long[] longs = new long[0];
    private double[] doubles = new double[0];

    DistinctAcc(MeasureSpec spec, Schema schema) {
        super(spec);
        Column c = schema.find(spec.column()).orElseThrow(() -> new IllegalArgumentException("measure '"
                + spec.id() + "': column '" + spec.column() + "' is not in the schema " + schema.names()));
        this.column = schema.indexOf(spec.column());
        this.type = c.type();
    }

    private DistinctAcc(MeasureSpec spec, int column, ColumnType type) {
        super(spec);
        this.column = column;
        this.type = type;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<String>[] newTextArray(int n) {
        return new Set[n];
    }

    @Override
    Accumulator emptyCopy() {
        return new DistinctAcc(spec, column, type);
    }

    @Override
    void resizeValues(int cap) {
        keys = Arrays.copyOf(keys, cap);
        texts = Arrays.copyOf(texts, cap);
    }

    @Override
    void finish() {
        for (KeyRun k : keys) {
            if (k != null) {
                k.compact(scratch);
            }
        }
    }

    private KeyRun set(int slot) {
        KeyRun s = keys[slot];
        if (s == null) {
            s = new KeyRun();
            keys[slot] = s;
        }
        return s;
    }

    private void addText(int slot, String value) {
        long packed = PackedText.pack(value);
        if (packed != PackedText.NOT_PACKABLE) {
            set(slot).add(packed, scratch);
        } else {
            if (texts[slot] == null) {
                texts[slot] = new HashSet<>();
            }
            texts[slot].add(value);
        }
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        Vector v = batch.column(column);
        int n = batch.size();
        long[] nulls = v.hasNulls() ? v.nullMask() : null;
        if (v instanceof TextVector t) {
            for (int k = 0; k < count; k++) {
                int r = sel[k];
                String s = t.get(r);
                if (s != null) {
                    this.n[slots[r]]++;
                    addText(slots[r], s);
                }
            }
        } else if (v instanceof CategoryVector c) {
            addCategories(c, n, nulls, slots, sel, count);
        } else if (v instanceof DoubleVector d) {
            if (doubles.length < n) {
                doubles = new double[n];
            }
            d.copyTo(0, doubles, 0, n);
            for (int k = 0; k < count; k++) {
                int r = sel[k];
                if (nulls == null || (nulls[r >>> 6] & (1L << r)) == 0) {
                    double x = doubles[r];
                    this.n[slots[r]]++;
                    set(slots[r]).add(Double.doubleToLongBits(x == 0 ? 0.0 : x), scratch);
                }
            }
        } else {
            if (longs.length < n) {
                longs = new long[n];
            }
            if (v instanceof DecimalVector d) {
                d.copyTo(0, longs, 0, n);
            } else {
                ((LongVector) v).copyTo(0, longs, 0, n);
            }
            for (int k = 0; k < count; k++) {
                int r = sel[k];
                if (nulls == null || (nulls[r >>> 6] & (1L << r)) == 0) {
                    this.n[slots[r]]++;
                    set(slots[r]).add(longs[r], scratch);
                }
            }
        }
    }

    private void addCategories(CategoryVector c, int n, long[] nulls, int[] slots, int[] sel, int count) {
        Dictionary dict = c.dictionary();
        if (dict != cachedDictionary) {
            cachedDictionary = dict;
            packedByCode = new long[0];
        }
        if (codes.length < n) {
            codes = new int[n];
        }
        c.copyTo(0, codes, 0, n);
        for (int k = 0; k < count; k++) {
            int r = sel[k];
            if (nulls == null || (nulls[r >>> 6] & (1L << r)) == 0) {
                this.n[slots[r]]++;
                int code = codes[r];
                if (code >= packedByCode.length) {
                    int old = packedByCode.length;
                    packedByCode = Arrays.copyOf(packedByCode, Math.max(code + 1, old * 2));
                    Arrays.fill(packedByCode, old, packedByCode.length, Long.MIN_VALUE);
                }
                long packed = packedByCode[code];
                if (packed == Long.MIN_VALUE) {
                    packed = PackedText.pack(dict.value(code));
                    packedByCode[code] = packed;
                }
                if (packed != PackedText.NOT_PACKABLE) {
                    set(slots[r]).add(packed, scratch);
                } else {
                    addText(slots[r], dict.value(code));
                }
            }
        }
    }

    @Override
    void mergeSlot(Accumulator other, int s, int t) {
        DistinctAcc o = (DistinctAcc) other;
        n[t] += o.n[s];
        KeyRun os = o.keys[s];
        if (os != null) {
            set(t).addAll(os, scratch);
        }
        Set<String> ot = o.texts[s];
        if (ot != null) {
            if (texts[t] == null) {
                texts[t] = new HashSet<>();
            }
            texts[t].addAll(ot);
        }
    }

    /** The number of distinct values of a slot (its value); {@link #count(int)} is the rows behind it. */
    private long distinct(int slot) {
        return (keys[slot] == null ? 0L : (long) keys[slot].size(scratch)) + (texts[slot] == null ? 0 : texts[slot].size());
    }

    @Override
    public double value(int slot) {
        return distinct(slot);
    }

    @Override
    public BigDecimal exact(int slot) {
        return BigDecimal.valueOf(distinct(slot));
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        for (int s : order) {
            out.writeLong(this.n[s]);
            int n = keys[s] == null ? 0 : keys[s].size(scratch);
            long[] sorted = n == 0 ? null : keys[s].sortedKeys(scratch);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeLong(sorted[i]);
            }
            String[] strings = texts[s] == null ? new String[0] : texts[s].toArray(new String[0]);
            Arrays.sort(strings);
            out.writeInt(strings.length);
            for (String str : strings) {
                StateIo.writeString(out, str);
            }
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        for (int s = 0; s < slots; s++) {
            n[s] = in.readLong();
            int nk = StateIo.readCount(in, "distinct keys");
            for (int i = 0; i < nk; i++) {
                set(s).add(in.readLong(), scratch);
            }
            int nt = StateIo.readCount(in, "distinct texts");
            if (nt > 0) {
                texts[s] = new HashSet<>();
                for (int i = 0; i < nt; i++) {
                    texts[s].add(StateIo.readString(in));
                }
            }
        }
    }
}
