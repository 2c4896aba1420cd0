package io.kpiengine.quality.internal;

import io.kpiengine.data.io.internal.Civil;

/**
 * Fast reading of ISO-8601 date-times: {@code yyyy-MM-dd(T| )HH:mm[:ss[.fraction]]} followed by nothing (a local
 * time), {@code Z}, an offset {@code +HH:MM}, {@code +HHMM} or {@code +HH}, and optionally a zone id in
 * brackets. The result is written into a {@link Parsed} without allocation.
 */
final class Timestamps {

    /** The parts of one parsed text. */
    static final class Parsed {
        long epochDay;
        int secondOfDay;
        int micros;
        boolean hasOffset;
        int offsetSeconds;
        String zone;
    }

    private Timestamps() {
    }

    /** Parses {@code s} into {@code p}; false if it is not of the accepted form or not a valid date-time. */
    static boolean parse(String s, Parsed p) {
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':') {
            return false;
        }
        int y = digits(s, 0, 4);
        int mo = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        int h = digits(s, 11, 2);
        int mi = digits(s, 14, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > Civil.lengthOfMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59) {
            return false;
        }
        int i = 16;
        int sec = 0;
        int micros = 0;
        if (i < n && s.charAt(i) == ':') {
            sec = i + 3 <= n ? digits(s, i + 1, 2) : -1;
            if (sec < 0 || sec > 59) {
                return false;
            }
            i += 3;
            if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                i++;
                int start = i;
                int scale = 100_000;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    micros += (s.charAt(i) - '0') * scale;
                    scale /= 10;
                    i++;
                }
                if (i == start || i - start > 9) {
                    return false;
                }
            }
        }
        p.epochDay = Civil.epochDay(y, mo, d);
        p.secondOfDay = h * 3600 + mi * 60 + sec;
        p.micros = micros;
        p.hasOffset = false;
        p.offsetSeconds = 0;
        p.zone = null;
        if (i < n && s.charAt(i) == 'Z') {
            p.hasOffset = true;
            i++;
        } else if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            int sign = s.charAt(i) == '-' ? -1 : 1;
            int oh = i + 3 <= n ? digits(s, i + 1, 2) : -1;
            if (oh < 0 || oh > 18) {
                return false;
            }
            i += 3;
            int om = 0;
            if (i < n && s.charAt(i) == ':') {
                i++;
            }
            if (i + 2 <= n && Character.isDigit(s.charAt(i))) {
                om = digits(s, i, 2);
                if (om < 0 || om > 59) {
                    return false;
                }
                i += 2;
            }
            p.hasOffset = true;
            p.offsetSeconds = sign * (oh * 3600 + om * 60);
        }
        if (i < n && s.charAt(i) == '[' && s.charAt(n - 1) == ']') {
            p.zone = s.substring(i + 1, n - 1);
            i = n;
        }
        return i == n;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
