package io.kpiengine.core;

import java.util.Objects;

/**
 * The identity of one input of a run (a file, a day's batch), by which an {@link AggregationState} remembers what it
 * has absorbed and refuses to absorb the same input twice (see {@link KpiInputs}).
 *
 * <p>The {@code id} decides identity: two inputs with the same id for the same data source are the same input.
 * {@code kpi run} uses the content digest of a file ({@code sha256:} and 64 hex digits), so that the same bytes
 * under another name are recognised too; a service that receives batches may use its own batch ids
 * ({@code orders-2025-03-02}). The name and size only serve messages.
 *
 * <pre>{@code
 * InputId day2 = InputId.of("orders-2025-03-02");                               // a caller's batch id
 * InputId file = new InputId("sha256:9f86d0...", "events-0302.csv", 1_234_567);  // what kpi run records
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the identity: a batch id or a content digest, 1 to 256 characters without line breaks
 * @param name a name for messages (a file name), 1 to 256 characters without line breaks
 * @param bytes the size of the input in bytes, or -1 when unknown
 */
public record InputId(String id, String name, long bytes) {

    /** The longest id or name. */
    public static final int MAX_LENGTH = 256;

    /**
     * Validates the components.
     *
     * @param id the identity: a batch id or a content digest, 1 to 256 characters without line breaks
     * @param name a name for messages (a file name), 1 to 256 characters without line breaks
     * @param bytes the size of the input in bytes, or -1 when unknown
     * @throws NullPointerException if id or name is null
     * @throws IllegalArgumentException if id or name is empty, longer than 256 characters or holds a line break,
     *     or bytes is below -1
     */
    public InputId {
        check("id", id);
        check("name", name);
        if (bytes < -1) {
            throw new IllegalArgumentException("bytes must be -1 (unknown) or more, but was " + bytes);
        }
    }

    /**
     * An input known by a caller's batch id alone (the name is the id, the size unknown).
     *
     * <pre>{@code
     * InputId id = InputId.of("orders-2025-03-02");
     * }</pre>
     *
     * @param id the batch id
     * @return the identity
     * @throws IllegalArgumentException if the id is empty, too long or holds a line break
     */
    public static InputId of(String id) {
        return new InputId(id, id, -1);
    }

    private static void check(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_LENGTH || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_LENGTH + " characters without line"
                    + " breaks, but was '" + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + "'");
        }
    }

    /**
     * The input for messages: its name, size and id, e.g. {@code 'events-0302.csv' (1,234,567 bytes,
     * sha256:9f86d0...)}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("'").append(name).append("'");
        if (bytes >= 0 || !id.equals(name)) {
            sb.append(" (");
            if (bytes >= 0) {
                sb.append(String.format(java.util.Locale.ROOT, "%,d bytes", bytes));
            }
            if (!id.equals(name)) {
                sb.append(bytes >= 0 ? ", " : "").append(id);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
