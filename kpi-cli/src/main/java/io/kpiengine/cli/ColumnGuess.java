package io.kpiengine.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The type of one CSV column guessed from a sample of its texts, for {@code kpi init}.
 *
 * <p>Design note. Every non-empty text of the sample must fit a type for the type to be chosen; the candidates are
 * tried from the narrowest: boolean ({@code true/false}), integer (optionally with {@code ,} thousands separators;
 * a leading zero such as a postal code {@code 01234} keeps the column text), decimal (the largest number of
 * decimal places seen becomes the scale when it is at most {@value #MAX_SCALE}, for exact money; more places make
 * it a double), date (every shape seen: the separator and field order of each text, with one-digit fields written
 * {@code M}/{@code d}, which also read two digits, and a day-first order when a first field exceeds 12 or the
 * separator is a dot (unless a second field exceeds 12); decimals with a decimal comma ({@code 99,00},
 * {@code 1.234,50});
 * a year and a month such as {@code 1964-01}; four-digit integers from 1000 to 2999 in a column named like a year),
 * timestamp (ISO-8601 with an offset or {@code Z}), else category (at most {@value #MAX_CATEGORIES} distinct texts
 * and at most half the values) or text. The guess is a starting point a person reviews: it never sees the rows
 * after the sample.
 */
final class ColumnGuess {

    static final int MAX_SCALE = 6;
    static final int MAX_CATEGORIES = 1000;

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern GROUPED_INTEGER = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+|\\d{1,3}(,\\d{3})+)?\\.(\\d+)");
    private static final Pattern DATE = Pattern.compile("(\\d{1,4})([/.-])(\\d{1,2})\\2(\\d{1,4})");
    /** A decimal with a comma before its fraction, optionally with dots between groups of three: 1.234,50. */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?(\\d+|\\d{1,3}(\\.\\d{3})+),(\\d+)");
    private static final Pattern DOT_GROUPED_INTEGER = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{3})+");
    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})([/.-])(\\d{1,2})");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})");

    final String header;
    final String name;
    String type = "text";
    final List<String> datePatterns = new ArrayList<>();
    boolean thousands;
    /** A decimal comma ({@code 1.234,50}): the decimal separator is {@code ,} and the thousands separator {@code .}. */
    boolean decimalComma;
    @Nullable String example;
    int distinct;
    int values;
    double mean;

    private ColumnGuess(String header, String name) {
        this.header = header;
        this.name = name;
    }

    /**
     * Guesses the type of a column from its sample texts.
     *
     * @param header the header text
     * @param name the schema column name
     * @param texts the sample texts, missing values as null or empty
     * @return the guess
     */
    static ColumnGuess of(String header, String name, List<String> texts) {
        ColumnGuess g = new ColumnGuess(header, name);
        List<String> present = new ArrayList<>();
        for (String t : texts) {
            if (t != null && !t.isBlank()) {
                present.add(t.trim());
            }
        }
        g.values = present.size();
        g.distinct = new HashSet<>(present).size();
        g.example = present.isEmpty() ? null : present.get(0);
        if (present.isEmpty()) {
            return g;
        }
        if (present.stream().allMatch(t -> t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false"))) {
            g.type = "boolean";
        } else if (g.looksLikeAYear() && present.stream().allMatch(t -> t.length() == 4 && isInteger(t)
                && Integer.parseInt(t) >= 1000 && Integer.parseInt(t) <= 2999)) {
            g.type = "date";
            g.datePatterns.add("yyyy");
        } else if (present.stream().allMatch(ColumnGuess::isInteger)) {
            g.type = "integer";
            g.thousands = present.stream().anyMatch(t -> t.contains(","));
            g.mean = present.stream().mapToDouble(t -> Double.parseDouble(t.replace(",", ""))).average().orElse(0);
        } else if (present.stream().allMatch(t -> isInteger(t) || DECIMAL.matcher(t).matches())) {
            g.decimal(present, DECIMAL, ',', '.');
        } else if (present.stream().anyMatch(t -> DECIMAL_COMMA.matcher(t).matches())
                && present.stream().allMatch(t -> DECIMAL_COMMA.matcher(t).matches() || INTEGER.matcher(t).matches()
                        || DOT_GROUPED_INTEGER.matcher(t).matches())) {
            // only texts no US-style number reads (99,00 or 1.234,50; 1,234 alone stays a grouped integer above)
            g.decimal(present, DECIMAL_COMMA, '.', ',');
            g.decimalComma = true;
        } else if (!yearMonthPatterns(present).isEmpty()) {
            g.type = "date";
            g.datePatterns.addAll(yearMonthPatterns(present));
        } else if (present.stream().allMatch(t -> DATE.matcher(t).matches())) {
            g.datePatterns.addAll(datePatterns(present));
            g.type = g.datePatterns.isEmpty() ? "text" : "date";
        } else if (present.stream().allMatch(t -> TIMESTAMP.matcher(t).matches())) {
            g.type = "timestamp";
        }
        if (g.type.equals("text") && g.distinct <= MAX_CATEGORIES && g.distinct * 2 <= g.values) {
            g.type = "category";
        }
        return g;
    }

    /**
     * A decimal column: the scale is the most fraction digits seen (group 3 of the pattern), at most
     * {@value #MAX_SCALE} for exact money, else a double.
     */
    private void decimal(List<String> present, Pattern pattern, char grouping, char point) {
        int scale = 0;
        for (String t : present) {
            Matcher m = pattern.matcher(t);
            if (m.matches()) {
                scale = Math.max(scale, m.group(3).length());
            }
        }
        type = scale <= MAX_SCALE ? "decimal(" + scale + ")" : "decimal";
        thousands = present.stream().anyMatch(t -> t.indexOf(grouping) >= 0);
        mean = present.stream().mapToDouble(t -> Double.parseDouble(t.replace(String.valueOf(grouping), "")
                .replace(point, '.'))).average().orElse(0);
    }

    private static boolean isInteger(String t) {
        boolean plain = INTEGER.matcher(t).matches() && !(t.length() > 1 && t.charAt(0) == '0');
        if (plain || GROUPED_INTEGER.matcher(t).matches()) {
            String digits = t.replace(",", "");
            return new BigDecimal(digits).abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
        }
        return false;
    }

    /**
     * The patterns of texts that are all a year and a month ({@code 1964-01}, {@code 1964/1}): per separator,
     * {@code yyyy-MM}, or {@code yyyy-M} when a one-digit month was seen. Empty when a text is not one.
     */
    static List<String> yearMonthPatterns(List<String> texts) {
        Map<String, Boolean> shapes = new LinkedHashMap<>();
        for (String t : texts) {
            Matcher m = YEAR_MONTH.matcher(t);
            if (!m.matches()) {
                return List.of();
            }
            int month = Integer.parseInt(m.group(3));
            if (month < 1 || month > 12) {
                return List.of();
            }
            shapes.merge(m.group(2), m.group(3).length() == 1, Boolean::logicalOr);
        }
        List<String> out = new ArrayList<>();
        shapes.forEach((sep, oneDigit) -> out.add("yyyy" + sep + (oneDigit ? "M" : "MM")));
        return out;
    }

    /**
     * The grain a time column suggests: {@code year} for years alone, {@code month} for years and months, else
     * {@code day}.
     */
    String grain() {
        if (!datePatterns.isEmpty() && datePatterns.stream().allMatch(p -> p.equals("yyyy"))) {
            return "year";
        }
        if (!datePatterns.isEmpty() && datePatterns.stream().noneMatch(p -> p.contains("d"))) {
            return "month";
        }
        return "day";
    }

    /** Whether the name says the column holds years ({@code year}, {@code fiscal_year}, {@code yr}). */
    boolean looksLikeAYear() {
        return name.equals("year") || name.equals("yr") || name.endsWith("_year") || name.startsWith("year_");
    }

    /**
     * The date patterns of every shape in the texts: per separator and field order, with one-letter month and day
     * fields when a one-digit field was seen. Empty when a text is no date (a month above 12, a year not of four
     * digits).
     */
    static List<String> datePatterns(List<String> texts) {
        Map<String, boolean[]> shapes = new LinkedHashMap<>();
        for (String t : texts) {
            Matcher m = DATE.matcher(t);
            if (!m.matches()) {
                return List.of();
            }
            String a = m.group(1);
            String sep = m.group(2);
            String b = m.group(3);
            String c = m.group(4);
            String order;
            if (a.length() == 4 && c.length() <= 2) {
                order = "ymd";
            } else if (c.length() == 4 && a.length() <= 2) {
                order = "mdy";
            } else {
                return List.of();
            }
            boolean[] s = shapes.computeIfAbsent(order + sep, k -> new boolean[3]);
            String first = order.equals("ymd") ? b : a;
            String second = order.equals("ymd") ? c : b;
            s[0] |= first.length() == 1 || second.length() == 1;
            if (order.equals("mdy") && Integer.parseInt(a) > 12) {
                s[1] = true;
            }
            if (order.equals("mdy") && Integer.parseInt(b) > 12) {
                s[2] = true;
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, boolean[]> e : shapes.entrySet()) {
            String order = e.getKey().substring(0, 3);
            String sep = e.getKey().substring(3);
            boolean[] s = e.getValue();
            String m = s[0] ? "M" : "MM";
            String d = s[0] ? "d" : "dd";
            if (order.equals("ymd")) {
                out.add("yyyy" + sep + m + sep + d);
            } else if (s[1] && s[2]) {
                return List.of();
            } else {
                // day first when a first field exceeds 12, or with dots (01.02.2025 is 1 February wherever dots
                // separate a date) unless a second field exceeds 12
                boolean dayFirst = s[1] || (sep.equals(".") && !s[2]);
                out.add(dayFirst ? d + sep + m + sep + "yyyy" : m + sep + d + sep + "yyyy");
            }
        }
        return List.copyOf(out);
    }

    /**
     * A schema column name for a header text: lower case, runs of other characters as one {@code _}, a leading
     * digit prefixed with {@code c_}: {@code Order Date} is {@code order_date}, {@code Page.Loads} is
     * {@code page_loads}.
     *
     * @param header the header text
     * @return the name
     */
    static String identifier(String header) {
        String id = header.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        if (id.isEmpty()) {
            id = "column";
        }
        return Character.isDigit(id.charAt(0)) ? "c_" + id : id;
    }

    boolean isTime() {
        return type.equals("date") || type.equals("timestamp");
    }

    boolean isNumber() {
        return type.equals("integer") || type.startsWith("decimal");
    }

    /** Whether the name says the column is a key or code rather than an amount. */
    boolean looksLikeAnId() {
        return name.equals("id") || name.endsWith("_id") || name.startsWith("row") || name.contains("postal")
                || name.contains("zip") || name.contains("code") || name.contains("of_week") || name.equals("year")
                || name.equals("month");
    }
}
