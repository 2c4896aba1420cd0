package io.kpiengine.quality.internal;

import io.kpiengine.base.internal.Pow10;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.quality.CurrencyRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Converts amounts into the target currency exactly, rounding once per row to the minor unit; see
 * {@link CurrencyRule}. Amounts and rates are unscaled longs; the product is rescaled with long arithmetic and
 * falls back to {@link BigDecimal} only when it would overflow.
 */
final class CurrencyStep implements Step {

    /** The rates of one source currency, by ascending start day. */
    private record Rates(String code, long[] fromDay, long[] unscaled, int[] scale, BigDecimal[] exact) {
    }

    private final int rule;
    private final int column;
    private final int currencyColumn;
    private final int dateColumn;
    private final boolean dateIsTimestamp;
    private final CurrencyRule spec;
    private final int targetScale;
    private final Map<String, Rates> rates = new HashMap<>();
    private final int offsetSeconds;
    private final boolean fixedZone;

    CurrencyStep(int rule, int column, int currencyColumn, int dateColumn, boolean dateIsTimestamp, CurrencyRule spec) {
        this.rule = rule;
        this.column = column;
        this.currencyColumn = currencyColumn;
        this.dateColumn = dateColumn;
        this.dateIsTimestamp = dateIsTimestamp;
        this.spec = spec;
        this.targetScale = spec.scale();
        for (Map.Entry<Currency, NavigableMap<LocalDate, BigDecimal>> e : spec.rates().rates().entrySet()) {
            List<Map.Entry<LocalDate, BigDecimal>> list = new ArrayList<>(e.getValue().entrySet());
            long[] from = new long[list.size()];
            long[] unscaled = new long[list.size()];
            int[] scale = new int[list.size()];
            BigDecimal[] exact = new BigDecimal[list.size()];
            for (int i = 0; i < list.size(); i++) {
                from[i] = list.get(i).getKey().equals(LocalDate.MIN) ? Long.MIN_VALUE : list.get(i).getKey().toEpochDay();
                exact[i] = list.get(i).getValue();
                BigDecimal r = exact[i].scale() < 0 ? exact[i].setScale(0) : exact[i];
                scale[i] = r.scale();
                unscaled[i] = r.unscaledValue().bitLength() < 63 ? r.unscaledValue().longValue() : Long.MIN_VALUE;
            }
            rates.put(e.getKey().getCurrencyCode(), new Rates(e.getKey().getCurrencyCode(), from, unscaled, scale, exact));
        }
        this.fixedZone = spec.dateZone().getRules().isFixedOffset();
        this.offsetSeconds = fixedZone ? spec.dateZone().getRules().getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    }

    @Override
    public void apply(Work w) {
        // the amount and the currency are only read (into reusable arrays); the converted amounts and the
        // currency column, which holds the target currency in every row that stays, are new columns
        Col amount = w.cols[column].load();
        Col cur = w.cols[currencyColumn].load();
        Col date = dateColumn < 0 ? null : w.cols[dateColumn].load();
        Col out = Col.empty(ColumnType.DECIMAL, targetScale, w.size, null);
        // the converted column is missing exactly where the amount is
        out.nulls = amount.nulls == null ? null : amount.nulls.clone();
        String target = spec.target().getCurrencyCode();
        boolean category = cur.type == ColumnType.CATEGORY;
        Local local = w.local(this, Local::new);
        Col targetColumn = category ? Col.filled(cur.dict.encode(target), cur.dict, w.size, cur.scale)
                : Col.filled(target, w.size, cur.scale);
        Batch b = new Batch(w, local, amount, cur, date, out.longs, target);
        if (category && !b.doubles && (date == null || date.nulls == null)) {
            fast(b);
        } else {
            long[] removed = w.removed;
            long[] amountNulls = amount.nulls;
            for (int r = 0; r < w.size; r++) {
                long bit = 1L << r;
                if ((removed[r >>> 6] & bit) == 0 && (amountNulls == null || (amountNulls[r >>> 6] & bit) == 0)) {
                    b.convert(r);
                }
            }
        }
        w.cols[column] = out;
        w.cols[currencyColumn] = targetColumn;
    }

    /**
     * The common case, a dictionary-encoded currency column, amounts as unscaled longs and no row whose rate
     * depends on a missing date: each row's code is looked up in per-code arrays (the rate and the power of ten
     * to divide by, filled when a code is first resolved), and the rows still in the batch are visited a mask
     * word at a time. Every other row (missing currency, a code with dated rates, a product that overflows, a
     * code not resolved yet) takes {@link Batch#convert}, with the same result.
     */
    private void fast(Batch b) {
        Work w = b.w;
        Fast f = b.local.fast(b.cur.dict, b.amountScale);
        RoundingMode mode = spec.rounding();
        int n = w.size;
        long[] removed = w.removed;
        long[] amountNulls = b.amount.nulls;
        long[] curNulls = b.cur.nulls;
        long[] amounts = b.amount.longs;
        int[] curCodes = b.cur.codes;
        long[] converted = b.converted;
        long changes = 0;
        long[] rowNumbers = w.rowNumbers;
        long keepBelow = w.changeKeepLimit();
        for (int wi = 0, words = (n + 63) >>> 6; wi < words; wi++) {
            long go = ~removed[wi];
            if (amountNulls != null) {
                go &= ~amountNulls[wi];
            }
            if (wi == words - 1 && (n & 63) != 0) {
                go &= (1L << n) - 1;
            }
            long slow = curNulls == null ? 0 : curNulls[wi];
            for (; go != 0; go &= go - 1) {
                int r = wi << 6 | Long.numberOfTrailingZeros(go);
                int c = curCodes[r];
                if ((slow & (1L << r)) != 0 || c >= f.rate.length || f.rate[c] == Long.MIN_VALUE) {
                    b.convert(r);
                    if ((slow & (1L << r)) == 0) {
                        f.learn(c, b.byCode, targetScale);
                    }
                    continue;
                }
                long a = amounts[r];
                long rate = f.rate[c];
                long p = a * rate;
                if (Math.multiplyHigh(a, rate) != p >> 63) {
                    b.convert(r);
                    continue;
                }
                long value = RoundedDivision.byPowerOfTen(p, f.power[c], mode);
                converted[r] = value;
                // counted without a branch (currencies alternate from row to row); an entry is made only for rows
                // the report still keeps, which soon is none
                @SuppressWarnings("ShortCircuitBoolean") // no branch on purpose: currencies alternate row by row
                boolean changed = f.changes[c] | a != value;
                changes += changed ? 1 : 0;
                if (rowNumbers[r] <= keepBelow && changed) {
                    b.recordChange(r, f.currency[c], value);
                    keepBelow = w.changeKeepLimit();
                }
            }
        }
        w.addChanges(rule, changes);
    }

    /** Per currency code of one dictionary: what {@link #fast} needs, {@code Long.MIN_VALUE} rates elsewhere. */
    private static final class Fast {
        final int amountScale;
        long[] rate = new long[0];
        int[] power = new int[0];
        boolean[] changes = new boolean[0];
        Currencyish[] currency = new Currencyish[0];

        Fast(int amountScale) {
            this.amountScale = amountScale;
        }

        /**
         * Takes in the code once it is resolved: a code converts on the fast path when it is the target or has
         * one rate for every date, and the product is brought to the target scale by dividing (not multiplying).
         */
        void learn(int c, Currencyish[] byCode, int targetScale) {
            Currencyish cy = c < byCode.length ? byCode[c] : null;
            if (cy == null || !cy.isTarget() && cy.fixedRate() == Long.MIN_VALUE) {
                return;
            }
            int k = amountScale + cy.fixedScale() - targetScale;
            if (k < 0 || k > 18) {
                return;
            }
            if (c >= rate.length) {
                int len = Math.max(c + 1, 2 * rate.length);
                int from = rate.length;
                rate = Arrays.copyOf(rate, len);
                Arrays.fill(rate, from, len, Long.MIN_VALUE);
                power = Arrays.copyOf(power, len);
                changes = Arrays.copyOf(changes, len);
                currency = Arrays.copyOf(currency, len);
            }
            rate[c] = cy.fixedRate();
            power[c] = k;
            changes[c] = !cy.isTarget() || amountScale != targetScale;
            currency[c] = cy;
        }
    }

    /** One batch's columns and the conversion of one row by the general path. */
    private final class Batch {
        final Work w;
        final Local local;
        final Col amount;
        final Col cur;
        final Col date;
        final long[] converted;
        final String target;
        final boolean doubles;
        final int amountScale;
        Currencyish[] byCode;

        Batch(Work w, Local local, Col amount, Col cur, Col date, long[] converted, String target) {
            this.w = w;
            this.local = local;
            this.amount = amount;
            this.cur = cur;
            this.date = date;
            this.converted = converted;
            this.target = target;
            this.doubles = amount.type == ColumnType.DECIMAL && amount.scale < 0;
            this.amountScale = amount.type == ColumnType.DECIMAL ? Math.max(amount.scale, 0) : 0;
            this.byCode = cur.type == ColumnType.CATEGORY ? local.byCode.get(cur.dict) : null;
        }

        /** Converts row r (present, with an amount), or quarantines it with the reason. */
        void convert(int r) {
            if (cur.isNull(r)) {
                w.quarantine(r, rule, "column '" + w.plan.output.column(currencyColumn).name()
                        + "' is missing, so amount " + amount.text(r) + " cannot be converted to " + target);
                return;
            }
            Currencyish cy;
            if (cur.type == ColumnType.CATEGORY) {
                int c = cur.codes[r];
                if (byCode == null || c >= byCode.length) {
                    byCode = Arrays.copyOf(byCode == null ? new Currencyish[0] : byCode,
                            Math.max(c + 1, byCode == null ? 16 : byCode.length * 2));
                    local.byCode.put(cur.dict, byCode);
                }
                cy = byCode[c];
                if (cy == null) {
                    cy = resolve(cur.dict.value(c).strip(), target);
                    byCode[c] = cy;
                }
            } else {
                cy = resolve(cur.texts[r].strip(), target);
            }
            long a;
            int sa;
            if (doubles) {
                BigDecimal d = BigDecimal.valueOf(amount.doubles[r]);
                if (d.scale() < 0) {
                    d = d.setScale(0);
                }
                if (d.unscaledValue().bitLength() >= 63) {
                    w.quarantine(r, rule, "column '" + w.plan.output.column(column).name() + "': " + amount.text(r)
                            + " is too large");
                    return;
                }
                a = d.unscaledValue().longValue();
                sa = d.scale();
            } else {
                a = amount.longs[r];
                sa = amountScale;
            }
            long value;
            if (cy.isTarget() || cy.fixedRate() != Long.MIN_VALUE && (date == null || !date.isNull(r))) {
                // the target itself (no rate, no date needed), or one rate on every date for a row with its date
                value = rescale(a, sa, cy.fixedRate(), cy.fixedScale());
                if (value == Long.MIN_VALUE && !cy.isTarget()) {
                    value = big(a, sa, cy.rates().exact()[0]);
                }
            } else {
                value = dated(w, r, cy, a, sa, date, target);
                if (value == NO_RATE) {
                    return;
                }
            }
            if (value == Long.MIN_VALUE) {
                w.quarantine(r, rule, "column '" + w.plan.output.column(column).name() + "': " + amount.text(r) + " "
                        + cy.code() + " does not fit 18 digits in " + target);
                return;
            }
            converted[r] = value;
            if ((!cy.isTarget() || sa != targetScale || a != value) && w.countChange(r, rule)) {
                recordChange(r, cy, value);
            }
        }

        /** The change entry of a converted row that the report keeps. */
        void recordChange(int r, Currencyish cy, long value) {
            w.change(r, rule, column, amount.text(r) + " " + cy.code(), BigDecimal.valueOf(value, targetScale)
                    .toPlainString() + " " + target);
        }
    }

    /** What a partition keeps from batch to batch. */
    private static final class Local {
        /** Per currency dictionary: the resolved currency of each code. */
        final Map<Dictionary, Currencyish[]> byCode = new IdentityHashMap<>();
        /** Per currency dictionary: the codes that convert on the fast path. */
        private final Map<Dictionary, Fast> fast = new IdentityHashMap<>();

        /** The fast-path arrays of a dictionary for amounts of one scale (made again if the scale differs). */
        Fast fast(Dictionary dict, int amountScale) {
            Fast f = fast.get(dict);
            if (f == null || f.amountScale != amountScale) {
                f = new Fast(amountScale);
                fast.put(dict, f);
            }
            return f;
        }
    }

    /** Marks a row quarantined by {@link #dated}. */
    private static final long NO_RATE = Long.MIN_VALUE + 1;

    /**
     * Converts with the rate valid on the row's date (or any rate when there is no date column), or quarantines
     * the row and returns {@link #NO_RATE}; Long.MIN_VALUE when the result does not fit.
     */
    private long dated(Work w, int r, Currencyish cy, long a, int sa, Col date, String target) {
        String code = cy.code();
        Rates rs = cy.rates();
        if (rs == null) {
            w.quarantine(r, rule, "column '" + w.plan.output.column(currencyColumn).name() + "': no rate from '" + code
                    + "' to " + target + (isIso(code) ? "" : " ('" + code + "' is not an ISO 4217 code)"));
            return NO_RATE;
        }
        long day = Long.MAX_VALUE;
        if (date != null) {
            if (date.isNull(r)) {
                w.quarantine(r, rule, "column '" + w.plan.output.column(dateColumn).name()
                        + "' is missing, so the rate of " + code + " is unknown");
                return NO_RATE;
            }
            day = dateIsTimestamp ? dayOf(date.longs[r]) : date.longs[r];
        }
        int k = floor(rs.fromDay(), day);
        if (k < 0) {
            w.quarantine(r, rule, "no rate from " + code + " to " + target + " on or before "
                    + (day == Long.MAX_VALUE ? "any date" : LocalDate.ofEpochDay(day).toString()));
            return NO_RATE;
        }
        long converted = rs.unscaled()[k] == Long.MIN_VALUE ? Long.MIN_VALUE
                : rescale(a, sa, rs.unscaled()[k], rs.scale()[k]);
        return converted == Long.MIN_VALUE ? big(a, sa, rs.exact()[k]) : converted;
    }

    /**
     * A currency code with what converting from it needs.
     *
     * @param code the code as in the data, stripped
     * @param isTarget whether it is the target currency
     * @param rates its rates to the target, or null when there are none
     * @param fixedRate the unscaled rate when one rate holds on every date (1 for the target), else Long.MIN_VALUE
     * @param fixedScale the scale of {@code fixedRate}
     */
    private record Currencyish(String code, boolean isTarget, Rates rates, long fixedRate, int fixedScale) {
    }

    private Currencyish resolve(String code, String target) {
        Rates rs = rates.get(code);
        if (code.equals(target)) {
            return new Currencyish(code, true, rs, 1, 0);
        }
        boolean fixed = rs != null && rs.fromDay().length == 1 && rs.fromDay()[0] == Long.MIN_VALUE;
        return new Currencyish(code, false, rs, fixed ? rs.unscaled()[0] : Long.MIN_VALUE, fixed ? rs.scale()[0] : 0);
    }

    private static boolean isIso(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private long dayOf(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        if (fixedZone) {
            return Math.floorDiv(seconds + offsetSeconds, 86400L);
        }
        return Instant.ofEpochSecond(seconds).atZone(spec.dateZone()).toLocalDate().toEpochDay();
    }

    private static int floor(long[] days, long day) {
        int lo = 0;
        int hi = days.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (days[mid] <= day) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** a * 10^-sa * rate * 10^-sr at the target scale, or Long.MIN_VALUE when long arithmetic overflows. */
    private long rescale(long a, int sa, long rate, int sr) {
        long hi = Math.multiplyHigh(a, rate);
        long p = a * rate;
        if ((hi != 0 || p < 0) && (hi != -1 || p >= 0)) {
            return Long.MIN_VALUE;
        }
        int diff = sa + sr - targetScale;
        if (diff > 18 || diff < -18) {
            return Long.MIN_VALUE;
        }
        if (diff >= 0) {
            return RoundedDivision.byPowerOfTen(p, diff, spec.rounding());
        }
        long f = Pow10.asLong(-diff);
        long q = p * f;
        if (Math.multiplyHigh(p, f) != (q < 0 ? -1 : 0)) {
            return Long.MIN_VALUE;
        }
        return q;
    }

    private long big(long a, int sa, BigDecimal rate) {
        BigDecimal v = BigDecimal.valueOf(a, sa).multiply(rate).setScale(targetScale, spec.rounding());
        return v.unscaledValue().bitLength() < 63 ? v.unscaledValue().longValue() : Long.MIN_VALUE;
    }
}
