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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.zip.CRC32C;

/**
 * The byte format of an aggregation state (documented in {@code docs/state-format.md}).
 *
 * <p>Version 3, written: a 20-byte header {@code magic "KPIS" | int version | long payloadLength | int crc32c}
 * followed by the payload, whose CRC32C the header holds:
 * <pre>
 * string planFingerprint | long runs | int absorbedCount |
 *   per absorbed input: string source, string id, string name, long bytes, long run, long epochSecond, int nano |
 * int sourceCount |
 *   per source: string name | int columnCount | per column: string name, string type, int scale |
 *               long rowsAggregated | long rowsRejected | int groupCount | per group: GroupState
 * </pre>
 * Version 2, still read: {@code magic | int version} then the payload without runs and absorbed inputs, and no
 * checksum. Strings are length-prefixed UTF-8 and a GroupState is written by {@link GroupState#write}.
 *
 * <p><b>Integrity.</b> The checksum is verified before anything of the payload is interpreted, so a flipped bit or
 * a cut file is refused with what was found; every count is also bounded by the bytes that follow it, so that no
 * input, however crafted, makes the reader allocate more than a small multiple of its size.
 */
public final class StateCodec {

    /** The format version this code writes. */
    public static final int VERSION = 3;

    /** The oldest format version this code reads. */
    public static final int OLDEST_READ = 2;

    private static final int MAGIC = 0x4B504953; // "KPIS"
    private static final int HEADER = 20;

    /**
     * One absorbed input as stored.
     *
     * @param source the data source
     * @param id the input id
     * @param name its name
     * @param bytes its size, -1 if unknown
     * @param run the run that absorbed it
     * @param epochSecond when, seconds
     * @param nano when, nanoseconds of the second
     */
    public record Absorbed(String source, String id, String name, long bytes, long run, long epochSecond, int nano) {
    }

    /**
     * A state's parts.
     *
     * @param sources the source states
     * @param runs the number of runs that produced it
     * @param absorbed the absorbed inputs
     */
    public record Decoded(List<SourceState> sources, long runs, List<Absorbed> absorbed) {
    }

    private StateCodec() {
    }

    /**
     * Writes a state.
     *
     * @param fingerprint the plan fingerprint
     * @param state the parts
     * @return the bytes
     */
    public static byte[] write(String fingerprint, Decoded state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(0); // payload length, set below
            out.writeInt(0); // checksum, set below
            StateIo.writeString(out, fingerprint);
            out.writeLong(state.runs());
            out.writeInt(state.absorbed().size());
            for (Absorbed a : state.absorbed()) {
                StateIo.writeString(out, a.source());
                StateIo.writeString(out, a.id());
                StateIo.writeString(out, a.name());
                out.writeLong(a.bytes());
                out.writeLong(a.run());
                out.writeLong(a.epochSecond());
                out.writeInt(a.nano());
            }
            writeSources(out, state.sources());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] b = bytes.toByteArray();
        ByteBuffer header = ByteBuffer.wrap(b);
        header.putLong(8, b.length - HEADER);
        header.putInt(16, crc(b, HEADER, b.length - HEADER));
        return b;
    }

    private static void writeSources(DataOutputStream out, List<SourceState> sources) throws IOException {
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
    }

    /** A string of an absorbed input, which is never null. */
    private static String text(DataInputStream in, String what) throws IOException {
        String s = StateIo.readString(in);
        if (s == null) {
            throw new IOException("the state is inconsistent: an absorbed input has no " + what);
        }
        return s;
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return (int) crc.getValue();
    }

    /**
     * The plan fingerprint a saved state was computed for, read from its header only; an engine uses it to find
     * the grain a state was kept at.
     *
     * @param bytes the saved state
     * @return the fingerprint, or empty when the bytes are not a state of a format version this code reads
     */
    public static java.util.Optional<String> fingerprintOf(byte[] bytes) {
        try {
            if (bytes.length < 8 || ByteBuffer.wrap(bytes).getInt(0) != MAGIC) {
                return java.util.Optional.empty();
            }
            int version = ByteBuffer.wrap(bytes).getInt(4);
            int start = version >= 3 ? HEADER : 8;
            if (version < OLDEST_READ || version > VERSION || bytes.length < start) {
                return java.util.Optional.empty();
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, start, bytes.length - start));
            return java.util.Optional.ofNullable(StateIo.readString(in));
        } catch (IOException | RuntimeException e) {
            // not readable as a header: the full read reports what is wrong
            return java.util.Optional.empty();
        }
    }

    /**
     * Reads a state.
     *
     * @param bytes the bytes
     * @param expectedFingerprint the fingerprint of the engine that reads
     * @param newState creates the empty state of a source for a schema
     * @return the parts
     * @throws IOException with a message naming what is wrong: not a state, another version, a checksum mismatch,
     *     another plan, truncated or inconsistent data
     */
    public static Decoded read(byte[] bytes, String expectedFingerprint,
            BiFunction<String, Schema, SourceState> newState) throws IOException {
        if (bytes.length < 8 || ByteBuffer.wrap(bytes).getInt(0) != MAGIC) {
            throw new IOException("the bytes are not a KPI engine state (no \"KPIS\" header)");
        }
        int version = ByteBuffer.wrap(bytes).getInt(4);
        if (version < OLDEST_READ || version > VERSION) {
            throw new IOException("state format version " + version + " is not supported; this engine reads versions "
                    + OLDEST_READ + " to " + VERSION);
        }
        int start = 8;
        if (version >= 3) {
            if (bytes.length < HEADER) {
                throw new IOException("the state is truncated: " + bytes.length + " bytes, shorter than its "
                        + HEADER + "-byte header");
            }
            ByteBuffer header = ByteBuffer.wrap(bytes);
            long declared = header.getLong(8);
            long actual = (long) bytes.length - HEADER;
            if (declared != actual) {
                throw new IOException(declared > actual
                        ? String.format(Locale.ROOT, "the state is truncated: its header declares %,d bytes of"
                                + " content, but only %,d follow", declared, actual)
                        : String.format(Locale.ROOT, "the state has %,d bytes after the end of its content (its"
                                + " header declares %,d)", actual - Math.max(0, declared), declared));
            }
            int stored = header.getInt(16);
            int computed = crc(bytes, HEADER, bytes.length - HEADER);
            if (stored != computed) {
                throw new IOException(String.format(Locale.ROOT, "the state is corrupt: its checksum (CRC32C) is"
                        + " %08x, but its content gives %08x; restore the file from a backup, or compute the state"
                        + " again from the inputs", stored, computed));
            }
            start = HEADER;
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, start, bytes.length - start));
        try {
            String fingerprint = StateIo.readString(in);
            if (!expectedFingerprint.equals(fingerprint)) {
                throw new IOException("the state was computed for other measures, grain or zone:\n  state:  "
                        + fingerprint + "\n  engine: " + expectedFingerprint);
            }
            long runs = 0;
            List<Absorbed> absorbed = new ArrayList<>();
            if (version >= 3) {
                runs = in.readLong();
                int n = StateIo.readCount(in, "absorbed input");
                for (int i = 0; i < n; i++) {
                    absorbed.add(new Absorbed(text(in, "source"), text(in, "id"), text(in, "name"), in.readLong(),
                            in.readLong(), in.readLong(), in.readInt()));
                }
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
            return new Decoded(out, runs, absorbed);
        } catch (java.io.EOFException e) {
            throw new IOException("the state is truncated" + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException
                | IndexOutOfBoundsException | java.time.DateTimeException e) {
            throw new IOException("the state is inconsistent: " + e.getMessage(), e);
        }
    }
}
