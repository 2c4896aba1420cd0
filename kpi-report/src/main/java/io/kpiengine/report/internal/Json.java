package io.kpiengine.report.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * JSON for a {@code <script type="application/json">} element: a tree of maps, lists, strings, numbers, booleans
 * and nulls written by Jackson's generator with every character that could end the element or the document's
 * script context escaped.
 *
 * <p>Design: the HTML tokenizer ends a script element at the first {@code </script} (any case) and treats
 * {@code <!--} specially inside it; JSON strings are the only place where such text can appear, so {@code <},
 * {@code >} and {@code &} are written as <code>&#92;u003c</code>, <code>&#92;u003e</code>, <code>&#92;u0026</code> (JSON.parse reads them back
 * unchanged). U+2028 and U+2029 are escaped too: they are legal in JSON but end a line in older JavaScript
 * parsers. Numbers that are not finite have no JSON form and are written as null (a gap in a chart), so a NaN
 * never reaches the page as text. Keys and values are escaped alike.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** The escapes that keep JSON inert inside a script element. */
    static final class ScriptSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        ScriptSafe() {
            int[] esc = CharacterEscapes.standardAsciiEscapesForJSON();
            esc['<'] = CharacterEscapes.ESCAPE_STANDARD;
            esc['>'] = CharacterEscapes.ESCAPE_STANDARD;
            esc['&'] = CharacterEscapes.ESCAPE_STANDARD;
            esc['\''] = CharacterEscapes.ESCAPE_STANDARD;
            this.ascii = esc;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028) {
                return new SerializedString("\\u2028");
            }
            if (ch == 0x2029) {
                return new SerializedString("\\u2029");
            }
            return null;
        }
    }

    private static final ScriptSafe ESCAPES = new ScriptSafe();

    private Json() {
    }

    /**
     * Writes a value as script-safe JSON.
     *
     * @param value a Map (String keys), List, String, Number, Boolean, double[] or null
     * @param out where to write
     */
    public static void write(Object value, Writer out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(ESCAPES);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            value(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The script-safe JSON text of a value.
     *
     * @param value see {@link #write(Object, Writer)}
     * @return the text
     */
    public static String text(Object value) {
        StringWriter w = new StringWriter();
        write(value, w);
        return w.toString();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Double d) {
            number(g, d);
        } else if (v instanceof Float f) {
            number(g, f);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            number(g, n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof double[] a) {
            g.writeStartArray();
            for (double d : a) {
                number(g, d);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Object[] a) {
            value(g, java.util.Arrays.asList(a));
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    /** A finite number in its shortest form, whole numbers without a fraction; anything else as null. */
    private static void number(JsonGenerator g, double d) throws IOException {
        if (!Double.isFinite(d)) {
            g.writeNull();
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            g.writeNumber((long) d);
        } else {
            g.writeNumber(d);
        }
    }
}
