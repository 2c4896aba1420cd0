package io.kpiengine.data.doc.internal;

import io.kpiengine.data.doc.DocumentException;
import io.kpiengine.data.doc.Location;
import io.kpiengine.data.doc.Problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a YAML or JSON definition document into a {@link DocNode} tree, strictly.
 *
 * <p>Refused, each with file, line and column: duplicate keys, YAML anchors, aliases, explicit tags and complex
 * (non-scalar) keys, more than one YAML document, documents larger than {@link #maxBytes(int)} (default 4 MiB;
 * reading stops there, so {@code /dev/zero} is refused, not read to exhaustion), nesting deeper than
 * {@link #maxDepth(int)} (default 64), invalid UTF-8 and NUL characters, numbers out of range, and syntax errors.
 *
 * <p><b>Numbers are bounded here</b>, once for every field of every document: a number must be 0 or have a
 * magnitude from {@code 1e-300} to {@code 1e300} ({@link #MIN_MAGNITUDE}, {@link #MAX_MAGNITUDE}), so that no
 * reader of a field meets an exponent that overflows an {@code int}, a number that underflows a {@code double} to
 * 0, or a message that spells out a billion zeros.
 *
 * <p><b>YAML is read by the YAML 1.2 core schema, strictly.</b> Plain scalars that YAML 1.1 reads differently are
 * refused instead of guessed: {@code yes}, {@code no}, {@code on}, {@code off}, {@code y}, {@code n} (a boolean in
 * 1.1, a text in 1.2: write {@code true}/{@code false}, or quote the text), and numbers not written in decimal
 * ({@code 0x64}, {@code 0o17}, {@code 1_000}, {@code 1:30}, {@code .inf}: write the decimal, or quote the text).
 *
 * <pre>{@code
 * DocNode root = DocumentReader.read(Path.of("catalog.yaml"));
 * DocNode fromText = DocumentReader.read("{\"metrics\": []}", "inline.json");
 * }</pre>
 *
 * <p>The format follows the name: {@code .json} is JSON, anything else YAML (JSON is valid YAML too, but the JSON
 * parser gives sharper positions). Instances are immutable and thread-safe.
 */
public final class DocumentReader {

    /** The default size limit: 4 MiB. */
    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

    /** The default nesting limit. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /** The largest magnitude of a number in a document. */
    public static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1e300");

    /** The smallest magnitude of a non-zero number in a document. */
    public static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1e-300");

    private static final java.util.regex.Pattern YAML_BOOLEAN = java.util.regex.Pattern.compile(
            "true|True|TRUE|false|False|FALSE");
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private static final DocumentReader DEFAULT = new DocumentReader(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH);

    private final int maxBytes;
    private final int maxDepth;

    private DocumentReader(int maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /**
     * The reader with default limits.
     *
     * @return the default reader
     */
    public static DocumentReader standard() {
        return DEFAULT;
    }

    /**
     * A reader with another size limit.
     *
     * @param bytes the largest accepted document, at least 1
     * @return a new reader
     */
    public DocumentReader maxBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, but was " + bytes);
        }
        return new DocumentReader(bytes, maxDepth);
    }

    /**
     * A reader with another nesting limit.
     *
     * @param depth the deepest accepted nesting, at least 1
     * @return a new reader
     */
    public DocumentReader maxDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1, but was " + depth);
        }
        return new DocumentReader(maxBytes, depth);
    }

    /**
     * Reads a file with the default limits.
     *
     * <pre>{@code
     * DocNode root = DocumentReader.read(Path.of("rules.yaml"));
     * }</pre>
     *
     * @param file a .yaml, .yml or .json file
     * @return the root node
     * @throws DocumentException if the file is unreadable, too large or malformed
     */
    public static DocNode read(Path file) {
        return DEFAULT.readFile(file);
    }

    /**
     * Reads text with the default limits.
     *
     * <pre>{@code
     * DocNode root = DocumentReader.read("{\"rules\": []}", "inline.json");
     * }</pre>
     *
     * @param text the document
     * @param name the document name; {@code .json} names are parsed as JSON, others as YAML
     * @return the root node
     * @throws DocumentException if the text is too large or malformed
     */
    public static DocNode read(String text, String name) {
        return DEFAULT.readText(text, name);
    }

    /**
     * Reads a UTF-8 stream with the default limits, e.g. a class-path resource; the stream is read and closed.
     *
     * <pre>{@code
     * DocNode root = DocumentReader.read(MyApp.class.getResourceAsStream("rules.yaml"), "rules.yaml");
     * }</pre>
     *
     * @param in the document's bytes in UTF-8
     * @param name the document name for messages; {@code .json} names are parsed as JSON, others as YAML
     * @return the root node
     * @throws NullPointerException if {@code in} is null (as {@code getResourceAsStream} returns for a missing
     *     resource) or name is null
     * @throws DocumentException if the stream cannot be read, or the document is too large or malformed
     */
    public static DocNode read(InputStream in, String name) {
        return DEFAULT.readStream(in, name);
    }

    /**
     * Reads a file.
     *
     * @param file a .yaml, .yml or .json file
     * @return the root node
     * @throws DocumentException if the file is unreadable, too large or malformed
     */
    public DocNode readFile(Path file) {
        String name = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // a bounded read: the size of a device or pipe (/dev/zero) is not known in advance
            bytes = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
        } catch (NoSuchFileException e) {
            throw new DocumentException(name, List.of(new Problem(new Location(name, 0, 0), "no such file")));
        } catch (IOException e) {
            throw new DocumentException(name, List.of(new Problem(new Location(name, 0, 0),
                    "cannot read file: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
        }
        if (bytes.length > maxBytes) {
            throw new DocumentException(name, List.of(new Problem(new Location(name, 0, 0),
                    "document is larger than the limit of " + maxBytes + " bytes; reading stopped there")));
        }
        return readText(utf8(bytes, name, "file"), name);
    }

    /**
     * Reads a UTF-8 stream to its end and closes it.
     *
     * @param in the document's bytes in UTF-8
     * @param name the document name for messages; {@code .json} names are parsed as JSON, others as YAML
     * @return the root node
     * @throws NullPointerException if an argument is null
     * @throws DocumentException if the stream cannot be read, or the document is too large or malformed
     */
    public DocNode readStream(InputStream in, String name) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, () -> "in must be a stream, but was null: is '" + name
                + "' on the class path?");
        byte[] bytes;
        try (InputStream stream = in) {
            bytes = stream.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
        } catch (IOException e) {
            throw new DocumentException(name, List.of(new Problem(new Location(name, 0, 0), "cannot read: " + e)));
        }
        if (bytes.length > maxBytes) {
            throw new DocumentException(name, List.of(new Problem(new Location(name, 0, 0),
                    "document is larger than the limit of " + maxBytes + " bytes")));
        }
        return readText(utf8(bytes, name, "stream"), name);
    }

    private static String utf8(byte[] bytes, String name, String what) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new DocumentException(name, List.of(new Problem(new Location(name, line, column), what
                    + " is not valid UTF-8: byte 0x" + String.format("%02X", bytes[at] & 0xFF) + " is not part of a"
                    + " valid character; save the document as UTF-8")));
        }
        out.flip();
        return out.toString();
    }

    /**
     * Reads text.
     *
     * @param text the document
     * @param name the document name; {@code .json} names are parsed as JSON, others as YAML
     * @return the root node
     * @throws DocumentException if the text is too large or malformed
     */
    public DocNode readText(String text, String name) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        long size = text.length(); // UTF-16 units; at most 3 bytes each, checked exactly below when close
        if (size > maxBytes || (size * 3 > maxBytes && text.getBytes(StandardCharsets.UTF_8).length > maxBytes)) {
            throw tooLarge(name, text.getBytes(StandardCharsets.UTF_8).length);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        refuseControlCharacters(text, name);
        boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
        if (!json) {
            refuseYamlReferences(text, name);
        }
        try (JsonParser p = factory(json).createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new DocumentException(name, List.of(new Problem(new Location(name, 1, 1), "document is empty")));
            }
            DocNode root = node(p, name, text, 1);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new DocumentException(name, List.of(new Problem(loc(p, name),
                        json ? "unexpected content after the end of the document"
                             : "more than one YAML document; a definition file holds exactly one")));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            int cut = msg.indexOf("\n at [Source");
            Location at = l == null ? new Location(name, 0, 0) : new Location(name, l.getLineNr(), l.getColumnNr());
            // YAML: the place of the problem (a tab that starts line 5 is found "while scanning for the next
            // token" from line 4), or, when the problem is the end of the file, where the unclosed thing began
            if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                boolean atEnd = String.valueOf(y.getProblem()).contains("stream end")
                        || String.valueOf(y.getProblem()).contains("end of stream");
                org.yaml.snakeyaml.error.Mark m = atEnd && y.getContextMark() != null ? y.getContextMark()
                        : y.getProblemMark();
                at = new Location(name, m.getLine() + 1, m.getColumn() + 1);
            }
            throw new DocumentException(name, List.of(new Problem(at, "syntax error: "
                    + plain((cut >= 0 ? msg.substring(0, cut) : msg).trim()).replace(" in 'reader', line ", " at line "))));
        } catch (IOException e) {
            throw new DocumentException(name, List.of(new Problem(new Location(name, 0, 0), "cannot read: " + e)));
        }
    }

    /** A parser message without the class names of the YAML library. */
    private static String plain(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event\\([^>]*\\)>").matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1).replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement("a " + kind));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Refuses NUL and the other C0 controls but tab, line feed and carriage return, at their position. */
    private static void refuseControlCharacters(String text, String name) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7F) {
                throw new DocumentException(name, List.of(new Problem(new Location(name, line, column),
                        String.format("control character U+%04X%s is not allowed in a definition document; remove"
                                + " it (is the file binary, or saved in UTF-16?)", (int) c, c == 0 ? " (NUL)" : ""))));
            }
            column++;
        }
    }

    private DocumentException tooLarge(String name, long size) {
        return new DocumentException(name, List.of(new Problem(new Location(name, 0, 0),
                "document is " + size + " bytes; the limit is " + maxBytes + " bytes")));
    }

    private JsonFactory factory(boolean json) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth + 1)
                .maxDocumentLength(maxBytes)
                .build();
        if (json) {
            JsonFactory f = JsonFactory.builder().streamReadConstraints(constraints).build();
            f.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return f;
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(maxBytes, 1));
        options.setMaxAliasesForCollections(0);
        options.setAllowDuplicateKeys(true); // detected by us, with a better message
        options.setNestingDepthLimit(maxDepth + 1);
        return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints).build();
    }

    /**
     * Anchors, aliases and explicit tags make a document mean more than it shows (and aliases allow "billion
     * laughs" expansion); they are refused before the document is read. Jackson does not report anchors on
     * scalars, so the check reads SnakeYAML's event stream itself.
     */
    private void refuseYamlReferences(String text, String name) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(maxBytes, 1));
        options.setNestingDepthLimit(maxDepth + 1);
        // per open collection: {is a mapping, expects a key next}
        java.util.ArrayDeque<boolean[]> open = new java.util.ArrayDeque<>();
        Location last = new Location(name, 1, 1);
        try {
            // the parser alone: new Yaml(options).parse(...) would first build a constructor and a representer
            // that the event stream does not use (a third of this check on a short run's start)
            Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
            for (Event e = parser.getEvent(); !e.is(Event.ID.StreamEnd); e = parser.getEvent()) {
                Location at = new Location(name, e.getStartMark().getLine() + 1, e.getStartMark().getColumn() + 1);
                if (e.getEndMark() != null) {
                    last = new Location(name, e.getEndMark().getLine() + 1, e.getEndMark().getColumn() + 1);
                }
                boolean[] top = open.peek();
                if (e instanceof NodeEvent) {
                    if (top != null && top[0] && top[1] && e instanceof CollectionStartEvent) {
                        throw new DocumentException(name, List.of(new Problem(at, "a key must be a plain text,"
                                + " but this key is a " + (e instanceof org.yaml.snakeyaml.events.MappingStartEvent
                                ? "mapping" : "list") + " (a YAML complex key); write the key as text")));
                    }
                    if (e instanceof CollectionStartEvent) {
                        open.push(new boolean[] {e instanceof org.yaml.snakeyaml.events.MappingStartEvent, true});
                    } else if (top != null && top[0]) {
                        top[1] = !top[1];
                    }
                } else if (e instanceof org.yaml.snakeyaml.events.CollectionEndEvent) {
                    open.poll();
                    boolean[] parent = open.peek();
                    if (parent != null && parent[0]) {
                        parent[1] = !parent[1];
                    }
                }
                if (e instanceof AliasEvent a) {
                    throw new DocumentException(name, List.of(new Problem(at,
                            "YAML alias '*" + a.getAnchor() + "' is not allowed; write the value out")));
                }
                if (e instanceof NodeEvent n && n.getAnchor() != null) {
                    throw new DocumentException(name, List.of(new Problem(at,
                            "YAML anchor '&" + n.getAnchor() + "' is not allowed; write values out")));
                }
                String tag = e instanceof ScalarEvent s ? s.getTag()
                        : e instanceof CollectionStartEvent c ? c.getTag() : null;
                if (tag != null) {
                    throw new DocumentException(name, List.of(new Problem(at,
                            "YAML tag '" + tag + "' is not allowed")));
                }
            }
        } catch (MarkedYAMLException e) {
            // syntax errors are reported by the main parse, with the same position
        } catch (YAMLException e) {
            // an error the YAML library reports without a position: at the end of the last well-formed part
            throw new DocumentException(name, List.of(new Problem(last,
                    "syntax error after this point: " + plain(String.valueOf(e.getMessage())))));
        }
    }

    /**
     * A number of the document, from its text: decimal notation only, 0 or a magnitude within
     * [{@link #MIN_MAGNITUDE}, {@link #MAX_MAGNITUDE}].
     */
    private static BigDecimal number(String text, String name, Location at) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        if (!DECIMAL.matcher(text).matches()) {
            throw new DocumentException(name, List.of(new Problem(at, "number '" + shown + "' is not written in"
                    + " decimal (YAML 1.1 reads hexadecimal, octal, sexagesimal, '_' groups and .inf/.nan, YAML 1.2"
                    + " reads them otherwise or not at all): write the decimal value, or quote it for a text")));
        }
        BigDecimal v;
        try {
            v = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException | ArithmeticException e) {
            v = null;
        }
        if (v == null || v.signum() != 0 && (v.abs().compareTo(MAX_MAGNITUDE) > 0
                || v.abs().compareTo(MIN_MAGNITUDE) < 0)) {
            throw new DocumentException(name, List.of(new Problem(at, "number '" + shown + "' is out of range: a"
                    + " number in a definition document is 0 or has a magnitude from 1e-300 to 1e300")));
        }
        return v;
    }

    private static Location loc(JsonParser p, String name) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(name, l.getLineNr(), l.getColumnNr());
    }

    private DocNode node(JsonParser p, String name, String text, int depth) throws IOException {
        Location at = loc(p, name);
        if (depth > maxDepth) {
            throw new DocumentException(name, List.of(new Problem(at,
                    "nesting is deeper than the limit of " + maxDepth + " levels")));
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, DocNode> fields = new LinkedHashMap<>();
                Map<String, Location> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = loc(p, name);
                    if (fields.containsKey(key)) {
                        throw new DocumentException(name, List.of(new Problem(keyAt,
                                "duplicate key '" + key + "' (first at line " + keys.get(key).line() + ")")));
                    }
                    p.nextToken();
                    fields.put(key, node(p, name, text, depth + 1));
                    keys.put(key, keyAt);
                }
                return DocNode.object(at, fields, keys);
            }
            case START_ARRAY: {
                List<DocNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, name, text, depth + 1));
                }
                return DocNode.array(at, items);
            }
            case VALUE_STRING:
                long start = p.currentTokenLocation().getCharOffset();
                return start < 0 || start > text.length() ? DocNode.string(at, p.getText())
                        : DocNode.string(at, p.getText(), text, (int) start);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return DocNode.number(at, number(p.getText(), name, at));
            case VALUE_TRUE:
            case VALUE_FALSE:
                if (!YAML_BOOLEAN.matcher(p.getText()).matches()) {
                    throw new DocumentException(name, List.of(new Problem(at, "'" + p.getText() + "' is a boolean"
                            + " in YAML 1.1 but a text in YAML 1.2, so it is refused: write true or false for a"
                            + " boolean, or quote it ('" + p.getText() + "') for a text")));
                }
                return DocNode.bool(at, t == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return DocNode.nullNode(at);
            default:
                throw new DocumentException(name, List.of(new Problem(at, "unexpected " + t)));
        }
    }
}
