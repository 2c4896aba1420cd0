package io.kpiengine.quality.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows per group and period for expected-rows and date-spine rules: group values (as text, null = missing)
 * to period start (local epoch second of the period start) to count. Mergeable by summing.
 */
final class PeriodCounts {

    final Map<List<String>, TreeMap<Long, long[]>> groups = new HashMap<>();

    void add(List<String> group, long period) {
        groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(period, p -> new long[1])[0]++;
    }

    void mergeFrom(PeriodCounts o) {
        for (Map.Entry<List<String>, TreeMap<Long, long[]>> e : o.groups.entrySet()) {
            TreeMap<Long, long[]> mine = groups.computeIfAbsent(e.getKey(), g -> new TreeMap<>());
            for (Map.Entry<Long, long[]> p : e.getValue().entrySet()) {
                mine.computeIfAbsent(p.getKey(), k -> new long[1])[0] += p.getValue()[0];
            }
        }
    }
}
