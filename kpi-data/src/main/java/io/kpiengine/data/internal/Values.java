package io.kpiengine.data.internal;

import io.kpiengine.data.Column;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The boxed Java values a column of each type accepts ({@code RecordBatch.Builder}, {@code MemorySource.Builder}),
 * converted to the vector's element: one place for the rule and for the message that names the row, the column, the
 * expected types and the given one.
 */
public final class Values {

    private Values() {
    }

    /**
     * The element of a vector for a value.
     *
     * @param c the column
     * @param v the value, null for missing
     * @param rowNumber the 1-based row, for the message
     * @return the element ({@code String}, {@code Long} or {@code Double}), null for missing
     * @throws IllegalArgumentException if the column cannot hold the value, naming row, column, expected and given
     *     type
     */
    public static @Nullable Object coerce(Column c, @Nullable Object v, long rowNumber) {
        if (v == null) {
            return null;
        }
        String where = "row " + rowNumber + ", column '" + c.name() + "' (" + typeName(c) + ")";
        switch (c.type()) {
            case TEXT:
            case CATEGORY:
                if (v instanceof String) {
                    return v;
                }
                throw wrong(where, "String", v);
            case INTEGER:
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ((Number) v).longValue();
                }
                throw wrong(where, "Long, Integer, Short or Byte", v);
            case DECIMAL:
                if (!(v instanceof Number n)) {
                    throw wrong(where, "a Number (BigDecimal, Double, Long, ...)", v);
                }
                if (!c.isExactDecimal()) {
                    double d = n.doubleValue();
                    if (!Double.isFinite(d)) {
                        throw new IllegalArgumentException(where + ": " + v + " is not a finite number");
                    }
                    return d;
                }
                BigDecimal bd;
                try {
                    bd = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": " + v + " is not a finite number", e);
                }
                BigDecimal scaled;
                try {
                    scaled = bd.setScale(c.scale(), RoundingMode.UNNECESSARY);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(where + ": " + v + " has more than " + c.scale() + " decimal"
                            + (c.scale() == 1 ? " place" : " places") + "; round it first", e);
                }
                try {
                    return scaled.unscaledValue().longValueExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(where + ": " + v + " is out of the 64-bit range of "
                            + typeName(c), e);
                }
            case BOOLEAN:
                if (v instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                throw wrong(where, "Boolean", v);
            case TIMESTAMP:
                Instant instant = v instanceof Instant i ? i
                        : v instanceof OffsetDateTime o ? o.toInstant()
                        : v instanceof ZonedDateTime z ? z.toInstant() : null;
                if (instant == null) {
                    throw wrong(where, "Instant, OffsetDateTime or ZonedDateTime (a LocalDateTime has no time zone:"
                            + " add one with atZone or atOffset)", v);
                }
                try {
                    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                            instant.getNano() / 1000L);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(where + ": " + v + " is out of the range of microseconds"
                            + " since 1970 in 64 bits", e);
                }
            case DATE:
                if (v instanceof LocalDate d) {
                    return d.toEpochDay();
                }
                throw wrong(where, "LocalDate", v);
            default:
                throw wrong(where, "a value of " + c.type(), v);
        }
    }

    private static String typeName(Column c) {
        return c.isExactDecimal() ? c.type() + "(" + c.scale() + ")" : c.type().toString();
    }

    private static IllegalArgumentException wrong(String where, String expected, Object v) {
        String text = String.valueOf(v);
        if (text.length() > 80) {
            text = text.substring(0, 80) + "...";
        }
        return new IllegalArgumentException(where + ": expected " + expected + ", but was "
                + v.getClass().getSimpleName() + " '" + text + "'");
    }
}
