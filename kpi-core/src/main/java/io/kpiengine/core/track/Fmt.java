package io.kpiengine.core.track;

import java.util.Locale;

/** Numbers in messages: whole numbers with thousands separators, others with two decimals, tiny ones in 3 digits. */
final class Fmt {

    private Fmt() {
    }

    static String num(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) x);
        }
        if (Math.abs(x) >= 0.01) {
            return String.format(Locale.ROOT, "%,.2f", x);
        }
        return String.format(Locale.ROOT, "%.3g", x);
    }
}
