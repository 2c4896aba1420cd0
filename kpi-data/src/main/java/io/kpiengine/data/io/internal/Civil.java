package io.kpiengine.data.io.internal;

import io.kpiengine.base.internal.Gregorian;

/**
 * The byte-level ISO-8601 readers of dates and timestamps (day arithmetic: {@link Gregorian}).
 */
public final class Civil {

    /** Microseconds per second. */
    public static final long MICROS = 1_000_000L;

    private Civil() {
    }

    private static int digits2(byte[] b, int i) {
        int a = b[i] - '0';
        int c = b[i + 1] - '0';
        return (a | c) >= 0 && a <= 9 && c <= 9 ? a * 10 + c : -1;
    }

    /**
     * Reads an ISO date {@code yyyy-MM-dd} that fills {@code b[s, e)} exactly.
     *
     * @param b the bytes
     * @param s first byte
     * @param e end (exclusive)
     * @return the epoch day, or {@code Long.MIN_VALUE} if the text is not a valid ISO date
     */
    public static long isoDate(byte[] b, int s, int e) {
        if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') {
            return Long.MIN_VALUE;
        }
        int y1 = digits2(b, s);
        int y2 = digits2(b, s + 2);
        int m = digits2(b, s + 5);
        int d = digits2(b, s + 8);
        if ((y1 | y2 | m | d) < 0) {
            return Long.MIN_VALUE;
        }
        int y = y1 * 100 + y2;
        if (m < 1 || m > 12 || d < 1 || d > Gregorian.lengthOfMonth(y, m)) {
            return Long.MIN_VALUE;
        }
        return Gregorian.epochDay(y, m, d);
    }

    /** The result of {@link #isoTimestamp}: not a timestamp. */
    public static final long BAD = Long.MIN_VALUE;
    /** The result of {@link #isoTimestamp}: a valid local timestamp without an offset (see {@link IsoParts}). */
    public static final long NO_OFFSET = Long.MIN_VALUE + 1;

    /** The parts of an ISO timestamp, filled by {@link #parseIso} (and by {@link #isoTimestamp} for a local time). */
    public static final class IsoParts {
        /** Local seconds since the epoch, as if the local time were UTC. */
        public long localSeconds;
        /** Microseconds within the second. */
        public int micros;
        /** Whether the text has an offset ({@code Z} or {@code ±HH[[:]MM]}). */
        public boolean hasOffset;
        /** The offset in seconds east of UTC, when there is one. */
        public int offsetSeconds;
        /** Where the zone id in brackets starts (after {@code [}), or -1 without one. */
        public int zoneStart = -1;
        /** Where the zone id ends (at {@code ]}). */
        public int zoneEnd = -1;
    }

    private static final int TABLE_FIRST_YEAR = 1900;
    private static final int TABLE_YEARS = 300;
    /** Epoch day of the first of each month of 1900..2199, so the common case needs no calendar arithmetic. */
    private static final int[] MONTH_STARTS = new int[TABLE_YEARS * 12];

    static {
        for (int y = 0; y < TABLE_YEARS; y++) {
            for (int m = 0; m < 12; m++) {
                MONTH_STARTS[y * 12 + m] = (int) Gregorian.epochDay(TABLE_FIRST_YEAR + y, m + 1, 1);
            }
        }
    }

    private static int digit(byte[] b, int i) {
        int d = b[i] - '0';
        return d >= 0 && d <= 9 ? d : -100_000;
    }

    /**
     * The fixed layouts {@code yyyy-MM-ddTHH:mm:ss+HH:MM} and {@code yyyy-MM-ddTHH:mm:ssZ}, by direct indexing;
     * {@link #BAD} when the text has another layout (the general reader then decides).
     */
    private static long fixedTimestamp(byte[] b, int s, int len) {
        if (b[s + 4] != '-' || b[s + 7] != '-' || b[s + 13] != ':' || b[s + 16] != ':'
                || b[s + 10] != 'T' && b[s + 10] != ' ') {
            return BAD;
        }
        int year = digit(b, s) * 1000 + digit(b, s + 1) * 100 + digit(b, s + 2) * 10 + digit(b, s + 3);
        int month = digit(b, s + 5) * 10 + digit(b, s + 6);
        int day = digit(b, s + 8) * 10 + digit(b, s + 9);
        int hour = digit(b, s + 11) * 10 + digit(b, s + 12);
        int minute = digit(b, s + 14) * 10 + digit(b, s + 15);
        int second = digit(b, s + 17) * 10 + digit(b, s + 18);
        int offset;
        if (len == 20) {
            if (b[s + 19] != 'Z') {
                return BAD;
            }
            offset = 0;
        } else {
            byte sign = b[s + 19];
            int oh = digit(b, s + 20) * 10 + digit(b, s + 21);
            int om = digit(b, s + 23) * 10 + digit(b, s + 24);
            if (sign != '+' && sign != '-' || b[s + 22] != ':' || oh < 0 || oh > 18 || om < 0 || om > 59) {
                return BAD;
            }
            offset = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
        }
        int y = year - TABLE_FIRST_YEAR;
        if (y < 0 || y >= TABLE_YEARS || month < 1 || month > 12 || day < 1 || day > Gregorian.lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return BAD;
        }
        long days = (long) MONTH_STARTS[y * 12 + month - 1] + day - 1;
        return (days * 86_400L + hour * 3600L + minute * 60L + second - offset) * MICROS;
    }

    /**
     * Reads an ISO-8601 timestamp that fills {@code b[s, e)} exactly:
     * {@code yyyy-MM-dd('T'|' ')HH:mm[:ss[.fraction]][Z|±HH[:mm]|±HHmm]}. Fractions beyond microseconds are
     * truncated.
     *
     * @param b the bytes
     * @param s first byte
     * @param e end (exclusive)
     * @param local receives the local time when there is no offset
     * @return microseconds since the epoch, {@link #NO_OFFSET} (then {@code local} is filled) or {@link #BAD}
     */
    public static long isoTimestamp(byte[] b, int s, int e, IsoParts local) {
        int len = e - s;
        if (len == 25 || len == 20) {
            long v = fixedTimestamp(b, s, len);
            if (v != BAD) {
                return v;
            }
        }
        if (!parseIso(b, s, e, local, false)) {
            return BAD;
        }
        if (!local.hasOffset) {
            return NO_OFFSET;
        }
        return (local.localSeconds - local.offsetSeconds) * MICROS + local.micros;
    }

    /**
     * The one general reader of ISO-8601 timestamps, for the CSV reader and the time-zone rule: a text that fills
     * {@code b[s, e)} exactly, {@code yyyy-MM-dd('T'|'t'|' ')HH:mm[:ss[(.|,)fraction]]}, then optionally
     * {@code Z}, {@code z} or an offset {@code ±HH}, {@code ±HHmm}, {@code ±HH:mm}, then (only when
     * {@code zoneId} is set) optionally a zone id in brackets, {@code [Europe/Paris]}. A fraction has 1 to 9
     * digits; beyond microseconds it is truncated.
     *
     * @param b the bytes
     * @param s first byte
     * @param e end (exclusive)
     * @param out receives the parts
     * @param zoneId whether a zone id in brackets may follow
     * @return false if the text is not of that form or not a valid date and time
     */
    public static boolean parseIso(byte[] b, int s, int e, IsoParts out, boolean zoneId) {
        if (e - s < 16) {
            return false;
        }
        long day = isoDate(b, s, s + 10);
        byte t = b[s + 10];
        if (day == Long.MIN_VALUE || t != 'T' && t != ' ' && t != 't' || b[s + 13] != ':') {
            return false;
        }
        int hh = digits2(b, s + 11);
        int mm = digits2(b, s + 14);
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59) {
            return false;
        }
        int i = s + 16;
        int ss = 0;
        int micros = 0;
        if (i < e && b[i] == ':') {
            if (e - i < 3) {
                return false;
            }
            ss = digits2(b, i + 1);
            if (ss < 0 || ss > 59) {
                return false;
            }
            i += 3;
            if (i < e && (b[i] == '.' || b[i] == ',')) {
                i++;
                int n = 0;
                while (i < e && b[i] >= '0' && b[i] <= '9') {
                    if (n < 6) {
                        micros = micros * 10 + (b[i] - '0');
                    }
                    n++;
                    i++;
                }
                if (n == 0 || n > 9) {
                    return false;
                }
                for (int k = n; k < 6; k++) {
                    micros *= 10;
                }
            }
        }
        out.localSeconds = day * 86_400L + hh * 3600L + mm * 60L + ss;
        out.micros = micros;
        out.hasOffset = false;
        out.offsetSeconds = 0;
        out.zoneStart = -1;
        out.zoneEnd = -1;
        if (i < e && (b[i] == 'Z' || b[i] == 'z')) {
            out.hasOffset = true;
            i++;
        } else if (i < e && (b[i] == '+' || b[i] == '-')) {
            int sign = b[i] == '-' ? -1 : 1;
            if (e - i < 3) {
                return false;
            }
            int oh = digits2(b, i + 1);
            int om = 0;
            i += 3;
            if (i < e && b[i] == ':') {
                if (e - i < 3) {
                    return false;
                }
                om = digits2(b, i + 1);
                i += 3;
            } else if (e - i >= 2 && b[i] >= '0' && b[i] <= '9') {
                om = digits2(b, i);
                i += 2;
            }
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return false;
            }
            out.hasOffset = true;
            out.offsetSeconds = sign * (oh * 3600 + om * 60);
        }
        if (zoneId && i < e && b[i] == '[' && b[e - 1] == ']') {
            out.zoneStart = i + 1;
            out.zoneEnd = e - 1;
            i = e;
        }
        return i == e;
    }

    private static final java.util.regex.Pattern ISO_SHAPE = java.util.regex.Pattern.compile(
            "([+-]?\\d{4,9})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2}))?.*)?");

    /**
     * For text in the shape of an ISO-8601 date or date-time whose fields name no real date or time (2025-02-30,
     * a leap second), what is wrong; null for other text, which is reported as not in the format.
     */
    public static String noSuchDateTime(String text) {
        java.util.regex.Matcher m = ISO_SHAPE.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (month < 1 || month > 12) {
            return " is no such date: there is no month " + month + " (months run 01 to 12)" + (day >= 1 && day <= 12
                    ? "; if the day comes before the month, declare datePatterns such as 'yyyy-dd-MM' in the column's"
                    + " format" : "");
        }
        int length = Gregorian.lengthOfMonth(year, month);
        if (day < 1 || day > length) {
            String name = java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL,
                    java.util.Locale.ENGLISH);
            return " is no such date: " + name + " " + year + " has " + length + " days";
        }
        if (m.group(4) == null) {
            return null;
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        if (hour > 23) {
            return " is no such time: there is no hour " + hour + " (hours run 00 to 23; midnight at the end of a day"
                    + " is 00:00 of the next)";
        }
        if (minute > 59) {
            return " is no such time: there is no minute " + minute + " (minutes run 00 to 59)";
        }
        if (second == 60) {
            return " is no such time: second 60 is a leap second, which timestamps do not hold (seconds run 00 to"
                    + " 59); write :59 instead";
        }
        if (second > 60) {
            return " is no such time: there is no second " + second + " (seconds run 00 to 59)";
        }
        return null;
    }
}
