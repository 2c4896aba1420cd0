package io.kpiengine.data.doc.internal;

import io.kpiengine.data.doc.Location;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a parsed definition document, with its {@link Location}: an object (ordered fields), an array, a
 * string, a number, a boolean or null.
 *
 * <pre>{@code
 * DocNode root = DocumentReader.read(text, "catalog.yaml");
 * DocNode metrics = root.field("metrics").orElseThrow();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DocNode {

    /** The kind of a node. */
    public enum Kind {
        /** A mapping of unique field names to nodes, in document order. */
        OBJECT,
        /** A sequence of nodes. */
        ARRAY,
        /** A text scalar. */
        STRING,
        /** A numeric scalar. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** An explicit null or an empty value. */
        NULL
    }

    private final Kind kind;
    private final Location location;
    private final Object value;
    private final Map<String, DocNode> fields;
    private final Map<String, Location> keyLocations;
    private final List<DocNode> items;
    /** For a string read from a document: the document and where the scalar starts in it; else null and -1. */
    private final String document;
    private final int start;

    private DocNode(Kind kind, Location location, Object value, Map<String, DocNode> fields,
            Map<String, Location> keyLocations, List<DocNode> items) {
        this(kind, location, value, fields, keyLocations, items, null, -1);
    }

    private DocNode(Kind kind, Location location, Object value, Map<String, DocNode> fields,
            Map<String, Location> keyLocations, List<DocNode> items, String document, int start) {
        this.kind = kind;
        this.location = Objects.requireNonNull(location, "location");
        this.value = value;
        this.fields = fields;
        this.keyLocations = keyLocations;
        this.items = items;
        this.document = document;
        this.start = start;
    }

    /**
     * An object node.
     *
     * @param location where it starts
     * @param fields the fields in order
     * @param keyLocations where each field name stands
     * @return the node
     */
    public static DocNode object(Location location, Map<String, DocNode> fields, Map<String, Location> keyLocations) {
        return new DocNode(Kind.OBJECT, location, null, Collections.unmodifiableMap(new LinkedHashMap<>(fields)),
                Map.copyOf(keyLocations), List.of());
    }

    /**
     * An array node.
     *
     * @param location where it starts
     * @param items the items
     * @return the node
     */
    public static DocNode array(Location location, List<DocNode> items) {
        return new DocNode(Kind.ARRAY, location, null, Map.of(), Map.of(), List.copyOf(items));
    }

    /**
     * A string node.
     *
     * @param location where it stands
     * @param text the text
     * @return the node
     */
    public static DocNode string(Location location, String text) {
        return new DocNode(Kind.STRING, location, Objects.requireNonNull(text, "text"), Map.of(), Map.of(), List.of());
    }

    /**
     * A string node read from a document, which can locate each of its characters ({@link #locationAt(int)}).
     *
     * @param location where it stands
     * @param text the text
     * @param document the whole document text
     * @param start the position in {@code document} where the scalar starts (its quote or first character)
     * @return the node
     */
    public static DocNode string(Location location, String text, String document, int start) {
        return new DocNode(Kind.STRING, location, Objects.requireNonNull(text, "text"), Map.of(), Map.of(), List.of(),
                Objects.requireNonNull(document, "document"), start);
    }

    /**
     * A number node.
     *
     * @param location where it stands
     * @param number the exact number
     * @return the node
     */
    public static DocNode number(Location location, BigDecimal number) {
        return new DocNode(Kind.NUMBER, location, Objects.requireNonNull(number, "number"), Map.of(), Map.of(),
                List.of());
    }

    /**
     * A boolean node.
     *
     * @param location where it stands
     * @param b the value
     * @return the node
     */
    public static DocNode bool(Location location, boolean b) {
        return new DocNode(Kind.BOOLEAN, location, b, Map.of(), Map.of(), List.of());
    }

    /**
     * A null node.
     *
     * @param location where it stands
     * @return the node
     */
    public static DocNode nullNode(Location location) {
        return new DocNode(Kind.NULL, location, null, Map.of(), Map.of(), List.of());
    }

    /**
     * The kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Where the node starts.
     *
     * @return the location
     */
    public Location location() {
        return location;
    }

    /**
     * Where a character of a string's text stands in the document, such as the column of a name inside a formula.
     *
     * @param index a position in {@link #scalarText()}, 0 to its length
     * @return its location; this node's location for other kinds, strings not read from a document, or an index
     *     out of range
     */
    public Location locationAt(int index) {
        if (kind != Kind.STRING || document == null || index < 0 || index > ((String) value).length()) {
            return location;
        }
        return ScalarPositions.locate(document, start, location, (String) value, index);
    }

    /**
     * Whether this is an object.
     *
     * @return true for objects
     */
    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    /**
     * Whether this is an array.
     *
     * @return true for arrays
     */
    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /**
     * Whether this is null.
     *
     * @return true for null
     */
    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /**
     * The fields of an object, in document order; empty for other kinds.
     *
     * @return an unmodifiable map
     */
    public Map<String, DocNode> fields() {
        return fields;
    }

    /**
     * A field of an object.
     *
     * @param name the field name
     * @return the field's node, or empty when absent or when this is not an object
     */
    public Optional<DocNode> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * Where the name of a field stands.
     *
     * @param name the field name
     * @return the location of the key, or this node's location when unknown
     */
    public Location keyLocation(String name) {
        return keyLocations.getOrDefault(name, location);
    }

    /**
     * The items of an array; empty for other kinds.
     *
     * @return an immutable list
     */
    public List<DocNode> items() {
        return items;
    }

    /**
     * The scalar as text: strings as they are, numbers in plain notation, booleans as true/false.
     *
     * @return the text, or null for objects, arrays and null
     */
    public String scalarText() {
        switch (kind) {
            case STRING:
                return (String) value;
            case NUMBER:
                return ((BigDecimal) value).toPlainString();
            case BOOLEAN:
                return value.toString();
            default:
                return null;
        }
    }

    /**
     * The number of a NUMBER node.
     *
     * @return the number, or null for other kinds
     */
    public BigDecimal number() {
        return kind == Kind.NUMBER ? (BigDecimal) value : null;
    }

    /**
     * The value of a BOOLEAN node.
     *
     * @return the boolean, or null for other kinds
     */
    public Boolean bool() {
        return kind == Kind.BOOLEAN ? (Boolean) value : null;
    }

    /**
     * A short description for messages: the kind and, for scalars, the value.
     *
     * @return e.g. {@code "text 'ten'"}, {@code "a list"}, {@code "null"}
     */
    public String describe() {
        switch (kind) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "a list";
            case STRING:
                return "text '" + value + "'";
            case NUMBER:
                return "number " + show((BigDecimal) value);
            case BOOLEAN:
                return "boolean " + value;
            default:
                return "null";
        }
    }

    /**
     * A number for a message: plain notation ({@code 12.5}, {@code 1000000}) unless that takes more than 24
     * characters, then scientific ({@code 1E+300}), so that no message spells out hundreds of zeros.
     *
     * @param number the number
     * @return its text
     */
    public static String show(BigDecimal number) {
        long digits = (long) number.precision() - number.scale();
        if (digits > 24 || number.scale() > 24) {
            return number.stripTrailingZeros().toString();
        }
        return number.toPlainString();
    }

    @Override
    public String toString() {
        switch (kind) {
            case OBJECT:
                return fields.toString();
            case ARRAY:
                return items.toString();
            default:
                return String.valueOf(scalarText());
        }
    }
}
