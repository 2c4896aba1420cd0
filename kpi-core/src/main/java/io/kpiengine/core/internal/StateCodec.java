package io.kpiengine.core.internal;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The byte format of an aggregation state, version 2 (documented in {@code docs/state-format.md}): big-endian
 * {@link java.io.DataOutput} encoding of
 * <pre>
 * magic "KPIS" | int version | string planFingerprint | int sourceCount |
 *   per source: string name | int columnCount | per column: string name, string type, int scale |
 *               long rowsAggregated | long rowsRejected | int groupCount | per group: GroupState
 * </pre>
 * where strings are length-prefixed UTF-8 and a GroupState is written by {@link GroupState#write}.
 */
public final class StateCodec {

    /** The format version this code writes and reads. */
    public static final int VERSION = 2;

    private static final int MAGIC = 0x4B504953; // "KPIS"

    private StateCodec() {
    }

    /**
     * Writes a state.
     *
     * @param fingerprint the plan fingerprint
     * @param sources the source states
     * @return the bytes
     */
    public static byte[] write(String fingerprint, List<SourceState> sources) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            StateIo.writeString(out, fingerprint);
            out.writeInt(sources.size());
            for (SourceState s : sources) {
                StateIo.writeString(out, s.source());
                out.writeInt(s.schema().size());
                for (Column c : s.schema().columns()) {
                    StateIo.writeString(out, c.name());
                    StateIo.writeString(out, c.type().name());
                    out.writeInt(c.scale());
                }
                s.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The plan fingerprint a saved state was computed for, read from its header only; an engine uses it to find
     * the grain a state was kept at.
     *
     * @param bytes the saved state
     * @return the fingerprint, or empty when the bytes are not a state of this format version
     */
    public static java.util.Optional<String> fingerprintOf(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (bytes.length < 8 || in.readInt() != MAGIC || in.readInt() != VERSION) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(StateIo.readString(in));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Reads a state.
     *
     * @param bytes the bytes
     * @param expectedFingerprint the fingerprint of the engine that reads
     * @param newState creates the empty state of a source for a schema
     * @return the source states
     * @throws IOException with a message naming what is wrong: not a state, another version, another plan,
     *     truncated or inconsistent data
     */
    public static List<SourceState> read(byte[] bytes, String expectedFingerprint,
            BiFunction<String, Schema, SourceState> newState) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            if (bytes.length < 8 || in.readInt() != MAGIC) {
                throw new IOException("the bytes are not a KPI engine state (no \"KPIS\" header)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("state format version " + version + " is not supported; this engine reads version "
                        + VERSION);
            }
            String fingerprint = StateIo.readString(in);
            if (!expectedFingerprint.equals(fingerprint)) {
                throw new IOException("the state was computed for other measures, grain or zone:\n  state:  "
                        + fingerprint + "\n  engine: " + expectedFingerprint);
            }
            int n = StateIo.readCount(in, "source");
            List<SourceState> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = StateIo.readString(in);
                int columns = StateIo.readCount(in, "column");
                List<Column> cols = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    String col = StateIo.readString(in);
                    ColumnType type = ColumnType.valueOf(StateIo.readString(in));
                    cols.add(new Column(col, type, in.readInt()));
                }
                SourceState s = newState.apply(name, Schema.of(cols));
                s.read(in);
                out.add(s);
            }
            if (in.available() > 0) {
                throw new IOException(in.available() + " unexpected bytes after the end of the state");
            }
            return out;
        } catch (java.io.EOFException e) {
            throw new IOException("the state is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("the state is inconsistent: " + e.getMessage(), e);
        }
    }
}
