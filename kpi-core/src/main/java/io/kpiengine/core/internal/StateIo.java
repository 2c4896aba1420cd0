package io.kpiengine.core.internal;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Primitive encodings of the state format: strings as length-prefixed UTF-8, null as length -1. */
final class StateIo {

    /** Largest count or string length a state file may declare (guards against corrupt input). */
    static final int MAX_COUNT = 1 << 28;

    private StateIo() {
    }

    static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException("string length " + n + " is out of range");
        }
        requireBytes(in, n, "a string of " + n + " bytes");
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static int readCount(DataInput in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException(what + " count " + n + " is out of range 0.." + MAX_COUNT);
        }
        requireBytes(in, n, n + " " + what + " entries");
        return n;
    }

    /**
     * Refuses a count or length that the rest of the input cannot hold (every entry takes at least one byte), so
     * that a corrupt count never allocates more than the input's size.
     */
    private static void requireBytes(DataInput in, int n, String what) throws IOException {
        if (in instanceof DataInputStream d && n > d.available()) {
            throw new java.io.EOFException("the state declares " + what + ", but only " + d.available()
                    + " bytes follow");
        }
    }
}
