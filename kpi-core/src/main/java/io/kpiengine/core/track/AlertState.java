package io.kpiengine.core.track;

import io.kpiengine.core.StateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Where every alert rule stood for every metric and segment at the end of a tracking run: whether an alert was open
 * and since which period, the consecutive periods counted towards opening, the cooldown left, and the EWMA charts.
 * The next run ({@link Tracker#track(io.kpiengine.core.KpiResults, AlertState)}) tells from it which alerts are new,
 * continuing or resolved. It is saved beside the aggregation state, as a file of its own:
 *
 * <pre>{@code
 * Files.write(Path.of("alerts.state"), card.alertState().toBytes());
 * AlertState previous = AlertState.fromBytes(Files.readAllBytes(Path.of("alerts.state")));
 * Scorecard next = tracker.track(engine.evaluate(engine.restore(aggregation), sources), previous);
 * }</pre>
 *
 * <p>Format (version 1, big-endian): magic {@code "KPIA"}, int version, the calendar and grain it was written for
 * (UTF), int entry count, per entry (ordered by rule, metric, segment) the rule, metric and segment texts, long last
 * period index, boolean open, long since, int pending, int cooldown, boolean chart, double mean, double sigma,
 * double statistic, long points; then the CRC-32 of everything before it. Instances are immutable and thread-safe.
 */
public final class AlertState {

    /** No alert was ever evaluated: every open alert of a first run is new. */
    public static final AlertState EMPTY = new AlertState("", Map.of());

    /** Whether the state holds no entry. */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    private static final int MAGIC = 0x4B504941; // "KPIA"
    private static final int VERSION = 1;

    private final String calendar;
    private final Map<String, MachineState> entries;

    /** A state over entries keyed by {@link MachineState#key()}; the map is kept, not copied. */
    AlertState(String calendar, Map<String, MachineState> entries) {
        this.calendar = calendar;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The calendar and grain the state was written for; empty for EMPTY. */
    String calendar() {
        return calendar;
    }

    @Nullable MachineState get(String key) {
        return entries.get(key);
    }

    Collection<MachineState> entries() {
        return entries.values();
    }

    /**
     * How many rule, metric and segment combinations the state holds.
     *
     * @return the count
     */
    public int size() {
        return entries.size();
    }

    /**
     * How many alerts were open at the end of the run.
     *
     * @return the count
     */
    public int openAlerts() {
        int open = 0;
        for (MachineState s : entries.values()) {
            open += s.open() ? 1 : 0;
        }
        return open;
    }

    /**
     * The state as bytes, in the format of the class comment.
     *
     * @return a new array
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(calendar);
            out.writeInt(entries.size());
            for (MachineState s : new TreeMap<>(entries).values()) {
                out.writeUTF(s.rule());
                out.writeUTF(s.metric());
                out.writeInt(s.segment().size());
                for (Map.Entry<String, String> e : s.segment().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue());
                }
                out.writeLong(s.last());
                out.writeBoolean(s.open());
                out.writeLong(s.since());
                out.writeInt(s.pending());
                out.writeInt(s.cooldown());
                out.writeBoolean(s.ewma());
                out.writeDouble(s.mean());
                out.writeDouble(s.sigma());
                out.writeDouble(s.statistic());
                out.writeLong(s.points());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a state written by {@link #toBytes()}.
     *
     * @param bytes the bytes
     * @return the state
     * @throws NullPointerException if bytes is null
     * @throws StateException if the bytes are not an alert state, have another version, are truncated or fail their
     *     checksum; the message says which
     */
    public static AlertState fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < 12) {
            throw new StateException("not an alert state: " + bytes.length + " bytes is shorter than its header", null);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ((bytes[bytes.length - 4] & 0xff) << 24) | ((bytes[bytes.length - 3] & 0xff) << 16)
                | ((bytes[bytes.length - 2] & 0xff) << 8) | (bytes[bytes.length - 1] & 0xff);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4))) {
            if (in.readInt() != MAGIC) {
                throw new StateException("not an alert state: the bytes do not start with KPIA (an aggregation state"
                        + " starts with KPIS: give it to the engine, and the alert state to the tracker)", null);
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new StateException("alert state version " + version + " is not supported; this tracker reads"
                        + " version " + VERSION, null);
            }
            if ((int) crc.getValue() != stored) {
                throw new StateException("alert state is damaged: its checksum does not match", null);
            }
            String calendar = in.readUTF();
            int count = in.readInt();
            Map<String, MachineState> entries = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String rule = in.readUTF();
                String metric = in.readUTF();
                int size = in.readInt();
                Map<String, String> segment = new LinkedHashMap<>();
                for (int k = 0; k < size; k++) {
                    segment.put(in.readUTF(), in.readUTF());
                }
                segment = Collections.unmodifiableMap(segment);
                MachineState s = new MachineState(rule, metric, segment, in.readLong(), in.readBoolean(), in.readLong(),
                        in.readInt(), in.readInt(), in.readBoolean(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readLong());
                entries.put(s.key(), s);
            }
            if (in.available() > 0) {
                throw new StateException("alert state has " + in.available() + " bytes after its last entry", null);
            }
            return new AlertState(calendar, entries);
        } catch (EOFException e) {
            throw new StateException("alert state is truncated", e);
        } catch (IOException e) {
            throw new StateException("alert state cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertState s && s.calendar.equals(calendar) && s.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(calendar, entries);
    }

    @Override
    public String toString() {
        return "alert state (" + entries.size() + " rule and segment combinations, " + openAlerts() + " open)";
    }
}
