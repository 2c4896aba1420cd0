package io.kpiengine.data.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * The bytes a CSV reader parses: a range of a file read with positional reads, an {@code InputStream}, or text
 * (a {@code Reader}, or a stream in a charset that is not ASCII-compatible) re-encoded as UTF-8.
 *
 * <p>When re-encoding, a malformed input sequence becomes the byte {@code 0xFF}, which never occurs in UTF-8, so
 * the reader's UTF-8 check rejects the record that holds it instead of silently replacing the character.
 */
public abstract class ByteInput implements AutoCloseable {

    /**
     * Reads up to {@code len} bytes.
     *
     * @param b destination
     * @param off offset
     * @param len maximum count, at least 1
     * @return bytes read, or -1 at the end
     * @throws IOException on failure
     */
    public abstract int read(byte[] b, int off, int len) throws IOException;

    @Override
    public abstract void close() throws IOException;

    /**
     * Positional reads from a file channel, from {@code start} to the end of the file.
     *
     * @param channel the channel (closed with this input when {@code owned})
     * @param start the first byte
     * @param owned whether closing this input closes the channel
     * @return the input
     */
    public static ByteInput file(FileChannel channel, long start, boolean owned) {
        return new ByteInput() {
            private long position = start;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = channel.read(ByteBuffer.wrap(b, off, len), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                if (owned) {
                    channel.close();
                }
            }
        };
    }

    /**
     * The bytes of a stream.
     *
     * @param in the stream, closed with this input
     * @return the input
     */
    public static ByteInput stream(InputStream in) {
        return new ByteInput() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * The text of a stream in any charset, re-encoded as UTF-8.
     *
     * @param in the stream, closed with this input
     * @param charset its charset
     * @return the input
     */
    public static ByteInput transcode(InputStream in, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith("\uffff");
        return new Utf8Encoding(new InputStreamReader(in, decoder));
    }

    /**
     * The text of a reader, re-encoded as UTF-8.
     *
     * @param reader the reader, closed with this input
     * @return the input
     */
    public static ByteInput text(Reader reader) {
        return new Utf8Encoding(reader);
    }

    /** Encodes chars as UTF-8; U+FFFF (a decoding error) and unpaired surrogates become the invalid byte 0xFF. */
    private static final class Utf8Encoding extends ByteInput {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private int pos;
        private int limit;
        private boolean eof;
        private final byte[] pending = new byte[4];
        private int pendingPos;
        private int pendingLen;

        Utf8Encoding(Reader reader) {
            this.reader = reader;
        }

        private void fill() throws IOException {
            System.arraycopy(chars, pos, chars, 0, limit - pos);
            limit -= pos;
            pos = 0;
            while (true) {
                int n = reader.read(chars, limit, chars.length - limit);
                if (n < 0) {
                    eof = true;
                    return;
                }
                if (n > 0) {
                    limit += n;
                    return;
                }
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = off;
            int end = off + len;
            while (n < end) {
                if (pendingPos < pendingLen) {
                    b[n++] = pending[pendingPos++];
                    continue;
                }
                if (limit - pos < 2 && !eof) {
                    fill();
                    continue;
                }
                if (pos == limit) {
                    break;
                }
                char c = chars[pos++];
                pendingPos = 0;
                pendingLen = 0;
                if (c < 0x80) {
                    b[n++] = (byte) c;
                } else if (c < 0x800) {
                    pending[0] = (byte) (0xC0 | c >> 6);
                    pending[1] = (byte) (0x80 | c & 0x3F);
                    pendingLen = 2;
                } else if (Character.isHighSurrogate(c) && pos < limit && Character.isLowSurrogate(chars[pos])) {
                    int cp = Character.toCodePoint(c, chars[pos++]);
                    pending[0] = (byte) (0xF0 | cp >> 18);
                    pending[1] = (byte) (0x80 | cp >> 12 & 0x3F);
                    pending[2] = (byte) (0x80 | cp >> 6 & 0x3F);
                    pending[3] = (byte) (0x80 | cp & 0x3F);
                    pendingLen = 4;
                } else if (Character.isSurrogate(c) || c == '\uffff') {
                    pending[0] = (byte) 0xFF;
                    pendingLen = 1;
                } else {
                    pending[0] = (byte) (0xE0 | c >> 12);
                    pending[1] = (byte) (0x80 | c >> 6 & 0x3F);
                    pending[2] = (byte) (0x80 | c & 0x3F);
                    pendingLen = 3;
                }
            }
            return n == off ? -1 : n - off;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
