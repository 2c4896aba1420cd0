package io.kpiengine.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A buffered UTF-8 writer of bytes for outputs written a piece at a time (the results of {@code kpi run}).
 *
 * <p>Design note: a result table repeats a handful of texts (metric ids, periods, segments, statuses) once per
 * cell, and a short run writes megabytes of them before the JIT has compiled anything. Going through a
 * {@code Writer} encodes every character again; here the repeated pieces are encoded once ({@link #utf8},
 * {@link #jsonString(String)}) and copied as bytes, and the rest is encoded directly into one fixed buffer.
 * The buffer bounds the memory: the output never exists as one string or array.
 *
 * <p>The encoding equals {@code OutputStreamWriter} with UTF-8: a lone surrogate is written as {@code ?}.
 * Not thread-safe.
 */
final class Utf8Out implements AutoCloseable {

    /** The size of the buffer, also the largest single write to the stream. */
    static final int BUFFER = 1 << 16;

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int n;

    Utf8Out(OutputStream out) {
        this.out = out;
    }

    /** The UTF-8 bytes of a text, to be written many times with {@link #bytes}. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes of a JSON string literal (quoted and escaped), or of {@code null}. */
    static byte[] jsonString(@Nullable String s) {
        return utf8(ResultsFormat.str(s));
    }

    Utf8Out bytes(byte[] b) throws IOException {
        if (b.length > buf.length - n) {
            flushBuffer();
            if (b.length > buf.length) {
                out.write(b);
                return this;
            }
        }
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
        return this;
    }

    Utf8Out ascii(char c) throws IOException {
        if (n == buf.length) {
            flushBuffer();
        }
        buf[n++] = (byte) c;
        return this;
    }

    /** Writes a text as UTF-8. */
    Utf8Out text(CharSequence s) throws IOException {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else {
                i = encode(s, i, c);
            }
        }
        return this;
    }

    /** Writes {@code null} or the JSON string literal of {@code s}, escaped as {@link ResultsFormat#str}. */
    Utf8Out json(@Nullable String s) throws IOException {
        if (s == null) {
            return bytes(NULL);
        }
        ascii('"');
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ascii(c);
            } else if (c >= 0x80) {
                i = encode(s, i, c);
            } else {
                text(ResultsFormat.escape(c));
            }
        }
        return ascii('"');
    }

    Utf8Out number(long v) throws IOException {
        if (v >= 0 && v < 10) {
            return ascii((char) ('0' + v));
        }
        return text(Long.toString(v));
    }

    /** Encodes the non-ASCII character at {@code i}; returns the index of the last character it used. */
    private int encode(CharSequence s, int i, char c) throws IOException {
        if (buf.length - n < 4) {
            flushBuffer();
        }
        if (c < 0x800) {
            buf[n++] = (byte) (0xC0 | c >> 6);
            buf[n++] = (byte) (0x80 | c & 0x3F);
            return i;
        }
        if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                buf[n++] = (byte) (0xF0 | cp >> 18);
                buf[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[n++] = (byte) (0x80 | cp & 0x3F);
                return i + 1;
            }
            buf[n++] = '?';
            return i;
        }
        buf[n++] = (byte) (0xE0 | c >> 12);
        buf[n++] = (byte) (0x80 | c >> 6 & 0x3F);
        buf[n++] = (byte) (0x80 | c & 0x3F);
        return i;
    }

    private void flushBuffer() throws IOException {
        if (n > 0) {
            out.write(buf, 0, n);
            n = 0;
        }
    }

    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    /** Flushes and closes the stream (closing an output of {@link OutputFiles} does not commit it). */
    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
