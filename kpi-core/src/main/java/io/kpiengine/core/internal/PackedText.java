package io.kpiengine.core.internal;

/**
 * Lossless packing of short identifiers into a {@code long}, so that exact distinct counts of ids such as
 * {@code O1234567} or {@code cust_42} need 8 bytes per key instead of a String.
 *
 * <p>A string packs if it has at most 10 characters, each from the 63-character alphabet {@code [0-9A-Za-z_]}:
 * character i takes 6 bits (codes 1..63, so that a shorter string never equals a longer one) at bit 6 * i; the top
 * 4 bits stay 0. Packing is injective on packable strings; strings that do not pack are kept as strings by the
 * caller, in a separate set, so the two domains never collide.
 */
public final class PackedText {

    /** Returned by {@link #pack(CharSequence)} for strings that do not pack. */
    public static final long NOT_PACKABLE = -1L;

    /** The longest string that packs. */
    public static final int MAX_LENGTH = 10;

    private static final byte[] CODE = new byte[128];
    private static final char[] CHAR = new char[64];

    static {
        int c = 1;
        for (char ch = '0'; ch <= '9'; ch++) {
            CHAR[c] = ch;
            CODE[ch] = (byte) c++;
        }
        for (char ch = 'A'; ch <= 'Z'; ch++) {
            CHAR[c] = ch;
            CODE[ch] = (byte) c++;
        }
        for (char ch = 'a'; ch <= 'z'; ch++) {
            CHAR[c] = ch;
            CODE[ch] = (byte) c++;
        }
        CHAR[c] = '_';
        CODE['_'] = (byte) c;
    }

    private PackedText() {
    }

    /**
     * Packs a string.
     *
     * @param s the string
     * @return the packed value (never negative), or {@link #NOT_PACKABLE}
     */
    public static long pack(CharSequence s) {
        int n = s.length();
        if (n > MAX_LENGTH) {
            return NOT_PACKABLE;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            int code = ch < 128 ? CODE[ch] : 0;
            if (code == 0) {
                return NOT_PACKABLE;
            }
            v |= (long) code << (6 * i);
        }
        return v;
    }

    /**
     * Unpacks a value produced by {@link #pack(CharSequence)}.
     *
     * @param v the packed value
     * @return the string
     */
    public static String unpack(long v) {
        StringBuilder sb = new StringBuilder(MAX_LENGTH);
        while (v != 0) {
            sb.append(CHAR[(int) (v & 63)]);
            v >>>= 6;
        }
        return sb.toString();
    }
}
