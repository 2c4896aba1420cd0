package io.kpiengine.core.track;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Segment specifications of targets, alert rules and action plans: dimension values, all of which must match. */
final class Segments {

    private Segments() {
    }

    /** An unmodifiable copy in the given order; keys and values must not be null. */
    static Map<String, String> copy(Map<String, String> segment) {
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(segment, "segment").forEach((k, v) -> copy.put(Objects.requireNonNull(k, "segment key"),
                Objects.requireNonNull(v, "segment value")));
        return Collections.unmodifiableMap(copy);
    }

    /** Whether every dimension of the specification has its value in the segment. */
    static boolean matches(Map<String, String> spec, Map<String, String> segment) {
        for (Map.Entry<String, String> e : spec.entrySet()) {
            if (!e.getValue().equals(segment.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
