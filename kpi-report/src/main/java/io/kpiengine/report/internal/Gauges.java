package io.kpiengine.report.internal;

import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.track.Scorecard;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers behind the Micrometer gauges of {@code KpiMeterBinder}, computed by the report's model (so that a
 * gauge and the report always agree): per KPI and segment, and for the total, the current period's value, target,
 * achievement and status code. Kept free of Micrometer types so that this module works without Micrometer.
 */
public final class Gauges {

    private Gauges() {
    }

    /**
     * One KPI series as four numbers that change together: value, target, achievement, status code.
     */
    public static final class Reading {
        private final String metric;
        private final String segment;
        private final String unit;
        private volatile double[] numbers;

        Reading(String metric, String segment, String unit, double[] numbers) {
            this.metric = metric;
            this.segment = segment;
            this.unit = unit;
            this.numbers = numbers;
        }

        /**
         * The metric id.
         *
         * @return the id
         */
        public String metric() {
            return metric;
        }

        /**
         * The segment: {@code name=value} pairs joined by commas, or {@code all}.
         *
         * @return the segment tag
         */
        public String segment() {
            return segment;
        }

        /**
         * The unit, or the empty string.
         *
         * @return the unit tag
         */
        public String unit() {
            return unit;
        }

        /**
         * The value.
         *
         * @return the value or NaN
         */
        public double value() {
            return numbers[0];
        }

        /**
         * The target.
         *
         * @return the target or NaN
         */
        public double target() {
            return numbers[1];
        }

        /**
         * The achievement in percent.
         *
         * @return the achievement or NaN
         */
        public double achievement() {
            return numbers[2];
        }

        /**
         * The status code ({@link Status#code()}).
         *
         * @return the code or NaN
         */
        public double status() {
            return numbers[3];
        }

        /**
         * Takes the numbers of a newer reading of the same series.
         *
         * @param newer the newer reading
         */
        public void set(Reading newer) {
            this.numbers = newer.numbers;
        }

        /** Sets every number to NaN: the series is not in the latest run. */
        public void clear() {
            this.numbers = new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
    }

    /**
     * The readings of a run, keyed by metric and segment.
     *
     * @param catalog the catalog
     * @param results the results
     * @param card the scorecard of the results, or null for the results-based definitions
     * @return the readings in report order
     */
    public static Map<String, Reading> read(Catalog catalog, KpiResults results, Scorecard card) {
        ReportModel m = ModelBuilder.build(Inputs.of(catalog, results, Locale.ROOT, 2, card));
        Map<String, Reading> out = new LinkedHashMap<>();
        int c = m.current;
        for (KpiModel k : m.kpis) {
            String unit = catalog.unitOf(k.metric.id()).map(Object::toString).orElse("");
            if (k.total != null) {
                put(out, k, "all", unit, k.total, c);
            }
            for (Line l : k.segments) {
                put(out, k, segment(l.segment), unit, l, c);
            }
        }
        return out;
    }

    private static void put(Map<String, Reading> out, KpiModel k, String segment, String unit, Line l, int c) {
        double[] n = {l.value[c], Double.isFinite(l.target[c]) ? l.target[c] : Double.NaN, l.achievement[c],
            l.status[c].code()};
        out.put(k.metric.id() + "\u0000" + segment, new Reading(k.metric.id(), segment, unit, n));
    }

    static String segment(Map<String, String> dims) {
        if (dims.isEmpty()) {
            return "all";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : dims.entrySet()) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(e.getKey()).append('=').append(e.getValue() == null ? "" : e.getValue());
        }
        return b.toString();
    }
}
