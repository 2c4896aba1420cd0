package io.kpiengine.quality.internal;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.quality.ColumnUnit;
import io.kpiengine.quality.UnitRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Parses unit-bearing text cells and converts numeric columns between units; see {@link UnitRule}.
 */
final class UnitStep implements Step {

    private final int rule;
    private final int column;
    private final UnitRule spec;
    private final boolean parse;

    UnitStep(int rule, int column, UnitRule spec, boolean parse) {
        this.rule = rule;
        this.column = column;
        this.spec = spec;
        this.parse = parse;
    }

    @Override
    public void apply(Work w) {
        Col in = w.cols[column].load();
        String name = w.plan.output.column(column).name();
        if (parse) {
            parse(w, in, name);
        } else if (spec.converts()) {
            convert(w, in);
        }
    }

    private void parse(Work w, Col in, String name) {
        boolean converts = spec.converts();
        ColumnType type = converts ? ColumnType.DECIMAL : spec.parseType();
        int scale = converts ? Column.NO_SCALE : spec.parseScale();
        Col out = Col.empty(type, scale, w.size, null);
        for (int r = 0; r < w.size; r++) {
            if (in.isNull(r)) {
                continue;
            }
            out.clearNull(r);
            if (w.isRemoved(r)) {
                continue;
            }
            String text = in.string(r);
            BigDecimal v = number(text, spec.unit());
            if (v == null) {
                w.quarantine(r, rule, "column '" + name + "': '" + text + "' is not a number in "
                        + spec.unit().symbols().get(0) + " (digits with optional , . and a k/M/B/T suffix or a "
                        + spec.unit().kind().name().toLowerCase(Locale.ROOT) + " unit)");
                continue;
            }
            if (converts) {
                out.doubles[r] = spec.unit().convert(v, spec.convertTo()).doubleValue();
                if (w.countChange(r, rule)) {
                    w.change(r, rule, column, text, Fmt.number(out.doubles[r]));
                }
                continue;
            }
            try {
                if (type == ColumnType.INTEGER) {
                    out.longs[r] = v.longValueExact();
                } else if (scale >= 0) {
                    out.longs[r] = v.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
                } else {
                    out.doubles[r] = v.doubleValue();
                }
            } catch (ArithmeticException e) {
                w.quarantine(r, rule, "column '" + name + "': '" + text + "' does not fit " + (type == ColumnType.INTEGER
                        ? "an integer" : "a decimal with scale " + scale) + " exactly");
            }
        }
        w.cols[column] = out;
    }

    private void convert(Work w, Col in) {
        Col out = Col.empty(ColumnType.DECIMAL, Column.NO_SCALE, w.size, null);
        ColumnUnit from = spec.unit();
        ColumnUnit to = spec.convertTo();
        for (int r = 0; r < w.size; r++) {
            if (in.isNull(r)) {
                continue;
            }
            out.clearNull(r);
            if (w.isRemoved(r)) {
                continue;
            }
            double v = in.number(r);
            out.doubles[r] = from.convert(v, to);
            if (w.countChange(r, rule)) {
                w.change(r, rule, column, in.text(r) + " " + from.symbols().get(0), Fmt.number(out.doubles[r]) + " "
                        + to.symbols().get(0));
            }
        }
        w.cols[column] = out;
    }

    /**
     * Reads a text cell: sign, digits with optional thousands separators and fraction, optional scale suffix or
     * unit symbol of the same kind as {@code unit}; the result is in {@code unit}. Null if it does not read.
     */
    static BigDecimal number(String text, ColumnUnit unit) {
        String s = text.strip();
        int i = 0;
        int n = s.length();
        StringBuilder digits = new StringBuilder(n);
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            digits.append(s.charAt(i++));
        }
        int start = i;
        boolean dot = false;
        int groupDigits = -1;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                if (groupDigits >= 0) {
                    groupDigits++;
                }
            } else if (c == ',' && !dot && i > start && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                if (groupDigits >= 0 && groupDigits != 3) {
                    return null;
                }
                groupDigits = 0;
            } else if (c == '.' && !dot) {
                if (groupDigits >= 0 && groupDigits != 3) {
                    return null;
                }
                groupDigits = -1;
                dot = true;
                digits.append(c);
            } else {
                break;
            }
            i++;
        }
        if (i == start || (groupDigits >= 0 && groupDigits != 3)) {
            return null;
        }
        BigDecimal v;
        try {
            v = new BigDecimal(digits.toString());
        } catch (NumberFormatException e) {
            return null;
        }
        String suffix = s.substring(i).strip();
        if (suffix.isEmpty()) {
            return v;
        }
        switch (suffix) {
            case "k":
            case "K":
                return v.scaleByPowerOfTen(3);
            case "M":
                return v.scaleByPowerOfTen(6);
            case "B":
            case "bn":
                return v.scaleByPowerOfTen(9);
            case "T":
                return v.scaleByPowerOfTen(12);
            default:
                break;
        }
        ColumnUnit u = ColumnUnit.parse(suffix).orElse(null);
        if (u == null || !u.convertsTo(unit)) {
            return null;
        }
        return u.convert(v, unit).stripTrailingZeros();
    }
}
