package io.kpiengine.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a numeric column of the small public datasets in the test resources (see SOURCES.md there). */
final class Datasets {

    private Datasets() {
    }

    /**
     * Returns one numeric column of a CSV file (quoted fields and thousands separators allowed).
     *
     * @param file the file name beside this class
     * @param column the header of the column, without quotes
     */
    static double[] column(String file, String column) {
        try (InputStream in = Datasets.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + file);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            int index = fields(lines[0]).indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + file);
            }
            return Arrays.stream(lines, 1, lines.length)
                    .filter(line -> !line.isBlank())
                    .mapToDouble(line -> Double.parseDouble(fields(line).get(index).replace(",", "")))
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits one RFC 4180 line (no embedded line breaks) into its unquoted fields. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    /** A column of the daily website visitors data (2,167 days from 2014-09-14, no gaps). */
    static Series visitors(String column) {
        return Series.of(column, column("daily_website_visitors.csv", column));
    }

    /** The lmtest ChickEgg data as series: chicken population and egg production, 1930-1983. */
    static Series chicken() {
        return Series.of("chicken", column("chickegg.csv", "chicken"));
    }

    static Series egg() {
        return Series.of("egg", column("chickegg.csv", "egg"));
    }
}
