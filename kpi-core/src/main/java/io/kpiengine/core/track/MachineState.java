package io.kpiengine.core.track;

import java.util.Map;

/**
 * Where one alert rule stands for one metric and segment after the last period it evaluated: open or not (and
 * since which period), how many consecutive periods met the enter condition, how many cooldown periods are left,
 * and the EWMA chart's calibration and statistic. Period positions are period indexes of the tracked grain.
 */
record MachineState(String rule, String metric, Map<String, String> segment, long last, boolean open, long since,
        int pending, int cooldown, boolean ewma, double mean, double sigma, double statistic, long points) {

    /** A state; {@code segment} must be unmodifiable (the series' own map, or a copy read from bytes). */
    MachineState {
    }

    /** The key of a rule, metric and segment in an {@link AlertState}. */
    static String key(String rule, String metric, Map<String, String> segment) {
        StringBuilder sb = new StringBuilder(rule).append('\u0001').append(metric);
        segment.forEach((k, v) -> sb.append('\u0001').append(k).append('\u0002').append(v));
        return sb.toString();
    }

    String key() {
        return key(rule, metric, segment);
    }
}
