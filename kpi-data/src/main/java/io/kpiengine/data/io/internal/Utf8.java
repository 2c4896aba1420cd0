package io.kpiengine.data.io.internal;

/**
 * UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The first byte of {@code b[s, e)} that does not start a valid UTF-8 sequence.
     *
     * @return its index, or -1 when all bytes are valid
     */
    static int firstInvalid(byte[] b, int s, int e) {
        int i = s;
        while (i < e) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + n >= e) {
                return i;
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int x = b[i + k] & 0xFF;
                if ((x & 0xC0) != 0x80) {
                    return i;
                }
                cp = cp << 6 | x & 0x3F;
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                return i;
            }
            i += n + 1;
        }
        return -1;
    }
}
