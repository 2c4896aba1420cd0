package io.kpiengine.data.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A 128-bit digest of a text in two 64-bit lanes, defined on its UTF-8 bytes, so that a reader can digest the
 * bytes it has just parsed and get exactly what digesting the decoded {@link String} gives. Exact duplicate
 * detection uses it as the text part of a row's 128-bit fingerprint (which mixes the lanes further);
 * {@link TextVector#hashTo} returns it for any vector.
 *
 * <p><b>Definition.</b> Let u be the UTF-8 bytes of the text and n their number. A text of at most 8 bytes is
 * given as itself: lane 1 is the little-endian 64-bit word of u (zero-padded), lane 2 is that word rotated left by
 * 32 bits, xor {@code (n + 1) * 0xFF51AFD7ED558CCD}; two different short texts therefore never share a digest. A
 * longer text is hashed: lane 1 starts at {@code 0xD6E8FEB86659FD93 ^ n}, lane 2 at {@code 0xFF51AFD7ED558CCD + n};
 * u is read as little-endian 64-bit words, eight bytes at a time, the last word zero-padded; each word w folds into
 * lane 1 as {@code x = (h1 ^ w) * 0x9E3779B97F4A7C15; h1 = x ^ (x >>> 32)} and into lane 2 as
 * {@code y = (h2 + rotateLeft(w, 23)) * 0xC2B2AE3D27D4EB4F; h2 = y ^ (y >>> 29)}. Each fold is a bijection of the
 * lane for a fixed word and of the word for a fixed lane, so two long texts of the same length that differ in one
 * group of eight bytes never agree in either lane; other pairs agree in both lanes with probability about
 * 2^-128. The values are stable within a release of the library; they are not meant to be stored.
 *
 * <pre>{@code
 * long[] h = new long[2];
 * TextHash.of("paid_search", h, 0);           // h[0], h[1]: the two lanes (11 bytes: hashed)
 * byte[] u = "paid_search".getBytes(StandardCharsets.UTF_8);
 * long[] g = new long[2];
 * TextHash.ofAscii(u, 0, u.length, g, 0);     // true, and g equals h
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TextHash {

    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;
    private static final long K3 = 0xD6E8FEB86659FD93L;
    private static final long K4 = 0xFF51AFD7ED558CCDL;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private TextHash() {
    }

    /**
     * Writes the two hashes of a text into {@code out[at]} and {@code out[at + 1]}.
     *
     * @param text the text, not null
     * @param out the array to write into
     * @param at where lane 1 goes; lane 2 goes to {@code at + 1}
     */
    public static void of(String text, long[] out, int at) {
        int n = text.length();
        if (n <= SHORT) {
            long w = 0;
            int seen = 0;
            for (int j = 0; j < n; j++) {
                char c = text.charAt(j);
                seen |= c;
                w |= (long) c << (j << 3);
            }
            if (seen < 0x80) {
                out[at] = w;
                out[at + 1] = shortLane2(w, n);
                return;
            }
        } else {
            long h1 = K3 ^ n;
            long h2 = K4 + n;
            int seen = 0;
            int j = 0;
            for (; j + 8 <= n; j += 8) {
                long w = 0;
                for (int k = 0; k < 8; k++) {
                    char c = text.charAt(j + k);
                    seen |= c;
                    w |= (long) c << (k << 3);
                }
                h1 = lane1(h1, w);
                h2 = lane2(h2, w);
            }
            if (j < n) {
                long w = 0;
                for (int k = 0; j < n; j++, k += 8) {
                    char c = text.charAt(j);
                    seen |= c;
                    w |= (long) c << k;
                }
                h1 = lane1(h1, w);
                h2 = lane2(h2, w);
            }
            if (seen < 0x80) {
                out[at] = h1;
                out[at + 1] = h2;
                return;
            }
        }
        // not ASCII: chars are not bytes, so take the UTF-8 encoding (rare, and the same definition)
        byte[] u = text.getBytes(StandardCharsets.UTF_8);
        bytes(u, 0, u.length, out, at);
    }

    /**
     * Writes the two hashes of the text whose UTF-8 (or ASCII) bytes are {@code bytes[from, to)}, if they are all
     * ASCII; otherwise writes zeros and returns false, so that a caller that does not know how its bytes decode
     * can leave the hash to {@link #of(String, long[], int)}.
     *
     * @param bytes the bytes
     * @param from the first byte
     * @param to one past the last byte
     * @param out the array to write into
     * @param at where lane 1 goes; lane 2 goes to {@code at + 1}
     * @return true if the bytes were all ASCII and the hashes were written
     */
    public static boolean ofAscii(byte[] bytes, int from, int to, long[] out, int at) {
        if ((bytes(bytes, from, to, out, at) & HIGH_BITS) != 0) {
            out[at] = 0;
            out[at + 1] = 0;
            return false;
        }
        return true;
    }

    /** The longest text given as itself rather than hashed, in bytes. */
    private static final int SHORT = 8;

    /** Lane 2 of a short text: its word turned half round, marked with its length (so "a" and "a\0" differ). */
    private static long shortLane2(long w, int n) {
        return Long.rotateLeft(w, 32) ^ (n + 1) * K4;
    }

    private static long lane1(long h, long w) {
        long x = (h ^ w) * K1;
        return x ^ (x >>> 32);
    }

    private static long lane2(long h, long w) {
        long y = (h + Long.rotateLeft(w, 23)) * K2;
        return y ^ (y >>> 29);
    }

    /** Writes the hashes of bytes of any kind; returns the or of their words (high bits set: not ASCII). */
    private static long bytes(byte[] u, int from, int to, long[] out, int at) {
        int n = to - from;
        if (n <= SHORT) {
            long w;
            if (n == 0) {
                w = 0;
            } else if (from + 8 <= u.length) {
                w = (long) LONGS.get(u, from) & (-1L >>> (64 - (n << 3)));
            } else {
                w = 0;
                for (int j = from, k = 0; j < to; j++, k += 8) {
                    w |= (u[j] & 0xFFL) << k;
                }
            }
            out[at] = w;
            out[at + 1] = shortLane2(w, n);
            return w;
        }
        long h1 = K3 ^ n;
        long h2 = K4 + n;
        long seen = 0;
        int j = from;
        for (; j + 8 <= to; j += 8) {
            long w = (long) LONGS.get(u, j);
            seen |= w;
            h1 = lane1(h1, w);
            h2 = lane2(h2, w);
        }
        if (j < to) {
            long w;
            if (j + 8 <= u.length) {
                // one load of the whole word, the bytes past the text masked off
                w = (long) LONGS.get(u, j) & (-1L >>> (64 - ((to - j) << 3)));
            } else {
                w = 0;
                for (int k = 0; j < to; j++, k += 8) {
                    w |= (u[j] & 0xFFL) << k;
                }
            }
            seen |= w;
            h1 = lane1(h1, w);
            h2 = lane2(h2, w);
        }
        out[at] = h1;
        out[at + 1] = h2;
        return seen;
    }
}
