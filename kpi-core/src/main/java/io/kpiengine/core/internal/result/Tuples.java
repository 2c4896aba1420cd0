package io.kpiengine.core.internal.result;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dimension value combinations ("tuples", a null element for a missing value): their order in results (by value,
 * missing last, so that results do not depend on partitioning) and their union over inputs.
 */
public final class Tuples {

    /** Element by element, {@link String#compareTo}, null after every value. */
    public static final Comparator<List<String>> ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            int c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private Tuples() {
    }

    /**
     * The sorted union of some sets of tuples; without dimensions it holds the one empty tuple even when the
     * inputs hold none (a total has its row without data).
     *
     * @param dims the dimensions of the tuples
     * @param inputs the sets
     * @return a new sorted list
     */
    public static List<List<String>> union(List<String> dims, Collection<? extends Collection<List<String>>> inputs) {
        Set<List<String>> set = new HashSet<>();
        for (Collection<List<String>> in : inputs) {
            set.addAll(in);
        }
        if (dims.isEmpty()) {
            set.add(List.of());
        }
        List<List<String>> out = new ArrayList<>(set);
        out.sort(ORDER);
        return out;
    }

    /**
     * The dimensions of a tuple by name.
     *
     * @param names the dimension names
     * @param values the tuple, in the same order
     * @return a new map in dimension order
     */
    public static Map<String, String> dimensionMap(List<String> names, List<String> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), values.get(i));
        }
        return map;
    }
}
