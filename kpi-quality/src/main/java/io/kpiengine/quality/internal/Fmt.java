package io.kpiengine.quality.internal;

import java.math.BigDecimal;
import java.time.Instant;

/** Text forms of values in reports and reasons. */
final class Fmt {

    private Fmt() {
    }

    /** A double as plain decimal text without exponent ("1200", "0.5"). */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** Microseconds since the epoch as an ISO-8601 instant. */
    static String instant(long micros) {
        return toInstant(micros).toString();
    }

    /** Microseconds since the epoch as an instant. */
    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
