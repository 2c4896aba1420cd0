package io.kpiengine.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a numeric column of the small public datasets in the test resources (see SOURCES.md there). */
final class Datasets {

    private Datasets() {
    }

    /**
     * Returns one column of a CSV file with a quoted header row and unquoted numbers.
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
            String[] header = lines[0].replace("\"", "").split(",");
            int index = Arrays.asList(header).indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + file);
            }
            return Arrays.stream(lines, 1, lines.length)
                    .filter(line -> !line.isBlank())
                    .mapToDouble(line -> Double.parseDouble(line.split(",")[index].replace("\"", "")))
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lmtest ChickEgg data as series: chicken population and egg production, 1930-1983. */
    static Series chicken() {
        return Series.of("chicken", column("chickegg.csv", "chicken"));
    }

    static Series egg() {
        return Series.of("egg", column("chickegg.csv", "egg"));
    }
}
