package io.kpiengine.data.doc.internal;

import io.kpiengine.base.internal.Suggestions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one object node, recording every problem in a {@link Problems} collector instead of
 * stopping at the first: a missing required field, a value of the wrong type, an unknown field (with
 * "did you mean"). Getters return a fallback after recording a problem, so reading can continue.
 *
 * <pre>{@code
 * Problems problems = new Problems("catalog.yaml");
 * Fields f = Fields.of(node, problems, "metric", "id", "formula", "unit", "owner");
 * String id = f.requiredText("id");
 * String unit = f.text("unit", "count");
 * problems.throwIfAny();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Fields {

    private final DocNode node;
    private final Problems problems;
    private final String what;

    private Fields(DocNode node, Problems problems, String what) {
        this.node = node;
        this.problems = problems;
        this.what = what;
    }

    /**
     * Starts reading an object and reports fields other than the allowed ones.
     *
     * @param node the node, which should be an object
     * @param problems where problems go
     * @param what what the object is, for messages ("metric", "rule 'dedupe'")
     * @param allowed the allowed field names
     * @return the reader; if the node is not an object a problem is recorded and every getter returns its fallback
     */
    public static Fields of(DocNode node, Problems problems, String what, String... allowed) {
        return of(node, problems, what, new LinkedHashSet<>(Arrays.asList(allowed)));
    }

    /**
     * Starts reading an object and reports fields other than the allowed ones.
     *
     * @param node the node, which should be an object
     * @param problems where problems go
     * @param what what the object is, for messages
     * @param allowed the allowed field names
     * @return the reader
     */
    public static Fields of(DocNode node, Problems problems, String what, Set<String> allowed) {
        if (!node.isObject()) {
            problems.add(node, what + " must be an object, but was " + node.describe());
        } else {
            for (String key : node.fields().keySet()) {
                if (!allowed.contains(key)) {
                    String hint = Suggestions.didYouMean(key, allowed);
                    problems.add(node.keyLocation(key), "unknown field '" + key + "' in " + what
                            + (hint.isEmpty() ? "; expected one of " + allowed : hint));
                }
            }
        }
        return new Fields(node, problems, what);
    }

    /**
     * The object node being read.
     *
     * @return the node
     */
    public DocNode node() {
        return node;
    }

    /**
     * The problems collector.
     *
     * @return the collector
     */
    public Problems problems() {
        return problems;
    }

    /**
     * Whether a field is present (and not null).
     *
     * @param name the field name
     * @return true if present
     */
    public boolean has(String name) {
        DocNode n = node.fields().get(name);
        return n != null && !n.isNull();
    }

    /**
     * A field's node, if present and not null.
     *
     * @param name the field name
     * @return the node or null
     */
    public DocNode get(String name) {
        DocNode n = node.fields().get(name);
        return n == null || n.isNull() ? null : n;
    }

    /**
     * A required field's node.
     *
     * @param name the field name
     * @return the node, or null after recording "missing required field"
     */
    public DocNode required(String name) {
        DocNode n = get(name);
        if (n == null && node.isObject()) {
            problems.add(node, what + " is missing required field '" + name + "'");
        }
        return n;
    }

    /**
     * A required text field.
     *
     * @param name the field name
     * @return the text, or null after recording a problem
     */
    public String requiredText(String name) {
        DocNode n = required(name);
        return n == null ? null : textOf(name, n, null);
    }

    /**
     * An optional text field. Numbers and booleans are refused: write them in quotes.
     *
     * @param name the field name
     * @param fallback the value when absent
     * @return the text
     */
    public String text(String name, String fallback) {
        DocNode n = get(name);
        return n == null ? fallback : textOf(name, n, fallback);
    }

    private String textOf(String name, DocNode n, String fallback) {
        if (n.kind() != DocNode.Kind.STRING) {
            problems.add(n, "'" + name + "' in " + what + " must be text, but was " + n.describe());
            return fallback;
        }
        return n.scalarText();
    }

    /**
     * An optional number field.
     *
     * @param name the field name
     * @param fallback the value when absent or wrong
     * @return the number
     */
    public BigDecimal number(String name, BigDecimal fallback) {
        DocNode n = get(name);
        if (n == null) {
            return fallback;
        }
        if (n.kind() != DocNode.Kind.NUMBER) {
            problems.add(n, "'" + name + "' in " + what + " must be a number, but was " + n.describe());
            return fallback;
        }
        return n.number();
    }

    /**
     * A required number field.
     *
     * @param name the field name
     * @return the number, or null after recording a problem
     */
    public BigDecimal requiredNumber(String name) {
        DocNode n = required(name);
        return n == null ? null : number(name, null);
    }

    /**
     * A date field in ISO form ({@code 2025-01-31}).
     *
     * @param name the field name
     * @param required whether a missing field is a problem
     * @return the date, or null when absent or wrong (recorded)
     */
    public LocalDate date(String name, boolean required) {
        String s = required ? requiredText(name) : text(name, null);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            problems.add(get(name), "'" + name + "' in " + what + " must be an ISO date such as 2025-01-31, but was '"
                    + s + "'");
            return null;
        }
    }

    /**
     * An optional whole-number field within a range.
     *
     * @param name the field name
     * @param fallback the value when absent or wrong
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     */
    public int integer(String name, int fallback, int min, int max) {
        BigDecimal d = number(name, null);
        if (d == null) {
            return fallback;
        }
        try {
            int v = d.intValueExact();
            if (v < min || v > max) {
                problems.add(get(name), "'" + name + "' in " + what + " must be between " + min + " and " + max
                        + ", but was " + v);
                return fallback;
            }
            return v;
        } catch (ArithmeticException e) {
            problems.add(get(name), "'" + name + "' in " + what + " must be a whole number, but was "
                    + DocNode.show(d));
            return fallback;
        }
    }

    /**
     * An optional boolean field.
     *
     * @param name the field name
     * @param fallback the value when absent or wrong
     * @return the value
     */
    public boolean bool(String name, boolean fallback) {
        DocNode n = get(name);
        if (n == null) {
            return fallback;
        }
        if (n.kind() != DocNode.Kind.BOOLEAN) {
            problems.add(n, "'" + name + "' in " + what + " must be true or false, but was " + n.describe());
            return fallback;
        }
        return n.bool();
    }

    /**
     * An optional enum field, matched case-insensitively with '-' read as '_' ({@code higher-is-better} matches
     * {@code HIGHER_IS_BETTER}).
     *
     * @param name the field name
     * @param type the enum class
     * @param fallback the value when absent or wrong
     * @param <E> the enum type
     * @return the constant
     */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) {
        String text = text(name, null);
        if (text == null) {
            return fallback;
        }
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) {
                return e;
            }
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problems.add(get(name), "'" + name + "' in " + what + " must be one of " + allowed + ", but was '" + text
                + "'" + Suggestions.didYouMean(text.toLowerCase(Locale.ROOT), allowed));
        return fallback;
    }

    /**
     * An optional list field; a single scalar is not accepted as a list.
     *
     * @param name the field name
     * @return the items, empty when absent or wrong
     */
    public List<DocNode> list(String name) {
        DocNode n = get(name);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            problems.add(n, "'" + name + "' in " + what + " must be a list, but was " + n.describe());
            return List.of();
        }
        return n.items();
    }

    /**
     * An optional list of text values.
     *
     * @param name the field name
     * @return the texts, empty when absent; wrong items are reported and skipped
     */
    public List<String> textList(String name) {
        List<String> out = new ArrayList<>();
        for (DocNode item : list(name)) {
            if (item.kind() != DocNode.Kind.STRING) {
                problems.add(item, "items of '" + name + "' in " + what + " must be text, but one was "
                        + item.describe());
            } else {
                out.add(item.scalarText());
            }
        }
        return List.copyOf(out);
    }

    /**
     * An optional object field.
     *
     * @param name the field name
     * @return the node, or null when absent or not an object (recorded)
     */
    public DocNode object(String name) {
        DocNode n = get(name);
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            problems.add(n, "'" + name + "' in " + what + " must be an object, but was " + n.describe());
            return null;
        }
        return n;
    }

    /**
     * The fields of an optional object field that maps names to values of any kind.
     *
     * @param name the field name
     * @return the entries, empty when absent or wrong
     */
    public Map<String, DocNode> map(String name) {
        DocNode n = object(name);
        return n == null ? Map.of() : n.fields();
    }
}
