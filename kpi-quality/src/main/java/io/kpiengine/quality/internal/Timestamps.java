package io.kpiengine.quality.internal;

import io.kpiengine.data.io.internal.Civil;

/**
 * ISO-8601 date-times in text columns, read by the same parser as the CSV reader ({@link Civil#parseIso}) with a
 * zone id in brackets allowed at the end: {@code yyyy-MM-dd(T| )HH:mm[:ss[.fraction]]} followed by nothing (a local
 * time), {@code Z}, an offset {@code +HH:MM}, {@code +HHMM} or {@code +HH}, and optionally {@code [zone]}. The
 * result is written into a {@link Parsed} without allocation (but for the zone id).
 */
final class Timestamps {

    /** The parts of one parsed text, and the bytes of the text being read (reused). */
    static final class Parsed {
        long localSeconds;
        int micros;
        boolean hasOffset;
        int offsetSeconds;
        String zone;
        private final Civil.IsoParts parts = new Civil.IsoParts();
        private byte[] bytes = new byte[64];
    }

    private Timestamps() {
    }

    /** Parses {@code s} into {@code p}; false if it is not of the accepted form or not a valid date-time. */
    static boolean parse(String s, Parsed p) {
        int n = s.length();
        if (p.bytes.length < n) {
            p.bytes = new byte[Math.max(n, 2 * p.bytes.length)];
        }
        byte[] b = p.bytes;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b[i] = c < 128 ? (byte) c : 0;   // no accepted text has other characters
        }
        Civil.IsoParts parts = p.parts;
        if (!Civil.parseIso(b, 0, n, parts, true)) {
            return false;
        }
        p.localSeconds = parts.localSeconds;
        p.micros = parts.micros;
        p.hasOffset = parts.hasOffset;
        p.offsetSeconds = parts.offsetSeconds;
        p.zone = parts.zoneStart < 0 ? null : s.substring(parts.zoneStart, parts.zoneEnd);
        return true;
    }
}
