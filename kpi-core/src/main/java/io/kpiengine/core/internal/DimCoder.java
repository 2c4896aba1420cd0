package io.kpiengine.core.internal;

import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import io.kpiengine.data.TextVector;
import io.kpiengine.data.Vector;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the values of one dimension column into dense local ids 0, 1, 2, ... and back into canonical text
 * (the category or text itself; integers in decimal; {@code true}/{@code false}; ISO dates; ISO instants). A
 * missing value is a value of its own (text null). Category columns take a fast path: an {@code int[]} from
 * dictionary code to local id. Not thread-safe.
 */
abstract class DimCoder {

    final String name;
    final int column;
    final List<String> values = new ArrayList<>();
    private final Map<String, Integer> byText = new HashMap<>();
    int nullId = -1;

    DimCoder(String name, int column) {
        this.name = name;
        this.column = column;
    }

    static DimCoder create(Schema schema, String name) {
        Column c = schema.find(name).orElseThrow(() -> new IllegalArgumentException(
                "dimension '" + name + "' is not a column of the schema " + schema.names()));
        int index = schema.indexOf(name);
        switch (c.type()) {
            case CATEGORY:
                return new CategoryCoder(name, index);
            case TEXT:
                return new TextCoder(name, index);
            case INTEGER:
            case BOOLEAN:
            case DATE:
            case TIMESTAMP:
                return new LongCoder(name, index, c.type());
            default:
                throw new IllegalArgumentException("dimension '" + name
                        + "' must be a TEXT, CATEGORY, INTEGER, BOOLEAN, DATE or TIMESTAMP column, but was "
                        + c.type());
        }
    }

    abstract DimCoder emptyCopy();

    /** Writes the local id of every row of the batch into {@code out}. */
    abstract void encode(RecordBatch batch, int n, int[] out);

    /** The local id of a canonical text, adding it if new. */
    int intern(String text) {
        if (text == null) {
            return nullId();
        }
        Integer id = byText.get(text);
        return id != null ? id : internNew(text);
    }

    int internNew(String text) {
        int id = values.size();
        values.add(text);
        byText.put(text, id);
        return id;
    }

    final int nullId() {
        if (nullId < 0) {
            nullId = values.size();
            values.add(null);
        }
        return nullId;
    }

    /** Dictionary codes to local ids, per dictionary instance. */
    static final class CategoryCoder extends DimCoder {
        private Dictionary dict;
        private int[] idByCode = new int[0];
        private int[] codes = new int[0];

        CategoryCoder(String name, int column) {
            super(name, column);
        }

        @Override
        DimCoder emptyCopy() {
            return new CategoryCoder(name, column);
        }

        @Override
        void encode(RecordBatch batch, int n, int[] out) {
            CategoryVector v = (CategoryVector) batch.column(column);
            if (v.dictionary() != dict) {
                dict = v.dictionary();
                idByCode = new int[0];
            }
            if (codes.length < n) {
                codes = new int[n];
            }
            v.copyTo(0, codes, 0, n);
            long[] nulls = v.hasNulls() ? v.nullMask() : null;
            for (int i = 0; i < n; i++) {
                if (nulls != null && (nulls[i >>> 6] & (1L << i)) != 0) {
                    out[i] = nullId();
                    continue;
                }
                int code = codes[i];
                int id = code < idByCode.length ? idByCode[code] : -1;
                if (id < 0) {
                    id = slowId(code);
                }
                out[i] = id;
            }
        }

        private int slowId(int code) {
            if (code >= idByCode.length) {
                int old = idByCode.length;
                idByCode = Arrays.copyOf(idByCode, Math.max(code + 1, old * 2));
                Arrays.fill(idByCode, old, idByCode.length, -1);
            }
            int id = intern(dict.value(code));
            idByCode[code] = id;
            return id;
        }
    }

    /** Text values through a hash map. */
    static final class TextCoder extends DimCoder {
        TextCoder(String name, int column) {
            super(name, column);
        }

        @Override
        DimCoder emptyCopy() {
            return new TextCoder(name, column);
        }

        @Override
        void encode(RecordBatch batch, int n, int[] out) {
            TextVector v = (TextVector) batch.column(column);
            for (int i = 0; i < n; i++) {
                out[i] = intern(v.get(i));
            }
        }
    }

    /** Long-backed values through a primitive map. */
    static final class LongCoder extends DimCoder {
        private final ColumnType type;
        private final LongIntMap idByValue = new LongIntMap(16);
        private int[] localByMapId = new int[16];
        private long[] scratch = new long[0];

        LongCoder(String name, int column, ColumnType type) {
            super(name, column);
            this.type = type;
        }

        @Override
        DimCoder emptyCopy() {
            return new LongCoder(name, column, type);
        }

        @Override
        void encode(RecordBatch batch, int n, int[] out) {
            LongVector v = (LongVector) batch.column(column);
            if (scratch.length < n) {
                scratch = new long[n];
            }
            v.copyTo(0, scratch, 0, n);
            long[] nulls = v.hasNulls() ? v.nullMask() : null;
            for (int i = 0; i < n; i++) {
                if (nulls != null && (nulls[i >>> 6] & (1L << i)) != 0) {
                    out[i] = nullId();
                } else {
                    out[i] = idOf(scratch[i]);
                }
            }
        }

        private int idOf(long value) {
            int before = idByValue.size();
            int mapId = idByValue.getOrAdd(value);
            if (mapId == before) {
                if (mapId >= localByMapId.length) {
                    localByMapId = Arrays.copyOf(localByMapId, localByMapId.length * 2);
                }
                localByMapId[mapId] = super.intern(text(value));
            }
            return localByMapId[mapId];
        }

        @Override
        int intern(String text) {
            return text == null ? nullId() : idOf(parse(text));
        }

        private String text(long v) {
            switch (type) {
                case BOOLEAN:
                    return v != 0 ? "true" : "false";
                case DATE:
                    return LocalDate.ofEpochDay(v).toString();
                case TIMESTAMP:
                    return Instant.EPOCH.plusSeconds(Math.floorDiv(v, 1_000_000L))
                            .plusNanos(Math.floorMod(v, 1_000_000L) * 1000L).toString();
                default:
                    return Long.toString(v);
            }
        }

        private long parse(String text) {
            switch (type) {
                case BOOLEAN:
                    return Boolean.parseBoolean(text) ? 1 : 0;
                case DATE:
                    return LocalDate.parse(text).toEpochDay();
                case TIMESTAMP: {
                    Instant t = Instant.parse(text);
                    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
                }
                default:
                    return Long.parseLong(text);
            }
        }
    }
}
