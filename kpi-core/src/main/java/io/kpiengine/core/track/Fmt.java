package io.kpiengine.core.track;

import java.util.Locale;

/**
 * Numbers in messages: whole numbers with thousands separators ({@code 12,345}), others rounded half away from
 * zero to two decimals ({@code 84.20}), magnitudes below 0.01 in three significant digits ({@code 0.00373}).
 * Written by hand: messages are composed for thousands of alerts and findings, and {@code String.format} costs
 * microseconds a call.
 */
final class Fmt {

    private Fmt() {
    }

    static String num(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return grouped((long) x, new StringBuilder()).toString();
        }
        if (Math.abs(x) < 0.01) {
            return String.format(Locale.ROOT, "%.3g", x);
        }
        if (Math.abs(x) >= 1e13) {
            return String.format(Locale.ROOT, "%,.2f", x);
        }
        long cents = Math.round(Math.abs(x) * 100);
        StringBuilder sb = new StringBuilder(x < 0 ? "-" : "");
        grouped(cents / 100, sb).append('.');
        long frac = cents % 100;
        return sb.append(frac < 10 ? "0" : "").append(frac).toString();
    }

    private static StringBuilder grouped(long v, StringBuilder sb) {
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        String digits = Long.toString(v);
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb;
    }
}
