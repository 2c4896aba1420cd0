package io.kpiengine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The YAML text of the starter catalog {@code kpi init} writes, with comments that say what was guessed and how to
 * go on. Header names and texts from the file are written as double-quoted YAML strings, so any header reads back.
 */
final class CatalogTemplate {

    /** The largest number of distinct values a category may have to be offered as a slice of the example sum. */
    static final int MAX_SLICES = 20;

    private CatalogTemplate() {
    }

    static String write(Path data, Path out, String source, String zone, char delimiter, List<ColumnGuess> columns,
            boolean ignoreHeaderCase, int sample) {
        ColumnGuess time = timeColumn(columns);
        StringBuilder y = new StringBuilder();
        y.append("# Starter catalog written by `kpi init` from ").append(comment(data.getFileName().toString()))
                .append(" (a sample of up to ").append(String.format(Locale.ROOT, "%,d", sample))
                .append(" records).\n")
                .append("# The types, date patterns and the time column are guesses from that sample: review them,\n")
                .append("# then check the catalog against the whole file and compute it:\n")
                .append("#   kpi run --catalog ").append(comment(out.toString())).append(" --data ").append(source)
                .append('=').append(comment(data.toString())).append(" --check\n")
                .append("#   kpi run --catalog ").append(comment(out.toString())).append(" --data ").append(source)
                .append('=')
                .append(comment(data.toString())).append(" --out results.json\n")
                .append("# The document's fields are described in docs/catalog.md.\n")
                .append("zone: ").append(quoted(zone)).append("                    # the business time zone: periods are cut"
                        + " in it\n")
                .append(grainLine(time))
                .append("sources:\n  ").append(source).append(":\n");
        if (time != null) {
            y.append("    time: ").append(time.name).append("    # guessed: ")
                    .append(otherTimes(columns, time)).append('\n');
        } else {
            y.append("    # time: <column>   no date or timestamp column was found; set the column that places a row"
                    + " in a period\n");
        }
        y.append("    columns:                         # name: type; any subset, in any order (found by header"
                + " name)\n");
        for (ColumnGuess c : columns) {
            y.append("      ").append(c.name).append(": ").append(c.type);
            y.append(pad(c.name.length() + c.type.length())).append("# ").append(comment(c.header))
                    .append(c.example == null ? ", always empty in the sample" : ", e.g. " + comment(c.example))
                    .append('\n');
        }
        y.append("    csv:\n");
        if (delimiter != ',') {
            y.append("      delimiter: ").append(quoted(String.valueOf(delimiter))).append('\n');
        }
        if (ignoreHeaderCase) {
            y.append("      ignoreHeaderCase: true           # 'Region' also finds 'REGION' or 'region'\n");
        }
        List<ColumnGuess> renamed = new ArrayList<>();
        for (ColumnGuess c : columns) {
            boolean same = ignoreHeaderCase ? c.header.equalsIgnoreCase(c.name) : c.header.equals(c.name);
            if (!same) {
                renamed.add(c);
            }
        }
        if (!renamed.isEmpty()) {
            y.append("      headerNames:                     # schema column: the header text it is read from\n");
            for (ColumnGuess c : renamed) {
                y.append("        ").append(c.name).append(": ").append(quoted(c.header)).append('\n');
            }
        }
        List<String> formats = new ArrayList<>();
        for (ColumnGuess c : columns) {
            if (!c.datePatterns.isEmpty()) {
                List<String> patterns = new ArrayList<>();
                c.datePatterns.forEach(p -> patterns.add(quoted(p)));
                formats.add(c.name + ": {datePatterns: [" + String.join(", ", patterns) + "]}"
                        + (c.datePatterns.size() > 1 ? "   # every shape found in the sample" : ""));
            } else if (c.decimalComma) {
                formats.add(c.name + ": {decimalSeparator: \",\"" + (c.thousands ? ", thousandsSeparator: \".\"" : "")
                        + "}");
            } else if (c.thousands) {
                formats.add(c.name + ": {thousandsSeparator: \",\"}");
            }
        }
        if (!formats.isEmpty()) {
            y.append("      formats:\n");
            formats.forEach(f -> y.append("        ").append(f).append('\n'));
        }
        if (renamed.isEmpty() && formats.isEmpty() && delimiter == ',' && !ignoreHeaderCase) {
            y.append("      header: true\n");
        }
        y.append("metrics:\n");
        y.append("  - id: ").append(source).append("_records\n")
                .append("    description: \"Records of ").append(source).append(" per period.\"\n")
                .append("    aggregate: count\n")
                .append("    unit: count\n");
        ColumnGuess amount = amountColumn(columns);
        if (amount != null) {
            List<String> slices = new ArrayList<>();
            for (ColumnGuess c : columns) {
                if (c.type.equals("category") && c.distinct >= 2 && c.distinct <= MAX_SLICES) {
                    slices.add(c.name);
                }
            }
            y.append("  - id: total_").append(amount.name).append('\n')
                    .append("    description: \"Sum of ").append(comment(amount.header).replace("\"", "'"))
                    .append(" per period.\"\n")
                    .append("    aggregate: sum                   # or average, min, max, median, stddev, ...\n")
                    .append("    column: ").append(amount.name).append('\n');
            if (!slices.isEmpty()) {
                y.append("    sliceBy: [").append(String.join(", ", slices))
                        .append("]   # kpi run --by ").append(slices.get(0)).append('\n');
            }
        }
        return y.toString();
    }

    /** The guessed time column: a date or timestamp column whose name says so, else the first one. */
    static @Nullable ColumnGuess timeColumn(List<ColumnGuess> columns) {
        ColumnGuess first = null;
        for (ColumnGuess c : columns) {
            if (c.isTime()) {
                if (first == null) {
                    first = c;
                }
                String n = c.name;
                if (n.contains("date") || n.contains("time") || n.equals("ts") || n.equals("day")) {
                    return c;
                }
            }
        }
        return first;
    }

    private static String otherTimes(List<ColumnGuess> columns, ColumnGuess time) {
        List<String> others = new ArrayList<>();
        for (ColumnGuess c : columns) {
            if (c.isTime() && c != time) {
                others.add(c.name);
            }
        }
        return others.isEmpty() ? "the only date or timestamp column"
                : "the first dated column; also dated: " + String.join(", ", others);
    }

    /** The example sum: the first decimal column, else the integer column with the largest mean, not an id. */
    static @Nullable ColumnGuess amountColumn(List<ColumnGuess> columns) {
        ColumnGuess best = null;
        for (ColumnGuess c : columns) {
            if (c.type.startsWith("decimal") && !c.looksLikeAnId()) {
                return c;
            }
            if (c.type.equals("integer") && !c.looksLikeAnId() && (best == null || c.mean > best.mean)) {
                best = c;
            }
        }
        return best;
    }

    /** The grain the time column suggests (day when there is none), with the other grains. */
    private static String grainLine(@Nullable ColumnGuess time) {
        String line = "grain: " + (time == null ? "day" : time.grain());
        return line + " ".repeat(Math.max(1, 34 - line.length()))
                + "# or day, week, month, quarter, year, fiscal-year, whole-range\n";
    }

    private static String pad(int used) {
        return " ".repeat(Math.max(1, 30 - used));
    }

    /** A text as a comment: one line, at most 60 characters. */
    private static String comment(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }

    /** A YAML double-quoted string. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
