package io.kpiengine.quality.internal;

import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.quality.AllowedValuesRule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Normalises and checks text values; see {@link AllowedValuesRule}. CATEGORY columns are translated code by code
 * (each distinct code is normalised once per partition) into a dictionary of normal values shared by the run.
 */
final class AllowedStep implements Step {

    private static final int NOT_ALLOWED = -1;
    private static final int UNKNOWN = -2;
    private static final int TEXT_CACHE = 1 << 16;

    private final int rule;
    private final int column;
    private final AllowedValuesRule spec;
    private final Map<String, String> folded;
    private final Dictionary normal = new Dictionary();

    AllowedStep(int rule, int column, AllowedValuesRule spec) {
        this.rule = rule;
        this.column = column;
        this.spec = spec;
        this.folded = new HashMap<>();
        for (Map.Entry<String, String> e : spec.map().entrySet()) {
            folded.put(AllowedValuesRule.normalize(e.getKey(), spec.trim(), spec.caseFold()), e.getValue());
        }
    }

    /** The normal value, or null if not allowed. */
    private String normal(String raw) {
        String n = AllowedValuesRule.normalize(raw, spec.trim(), spec.caseFold());
        String mapped = folded.get(n);
        if (mapped != null) {
            n = mapped;
        }
        return spec.allowed().isEmpty() || spec.allowed().contains(n) ? n : null;
    }

    @Override
    public void apply(Work w) {
        Col in = w.cols[column].load();
        if (in.type == ColumnType.CATEGORY) {
            categories(w, in);
        } else {
            texts(w, in);
        }
    }

    private void categories(Work w, Col in) {
        Map<Dictionary, int[]> caches = w.local(this, IdentityHashMap::new);
        int[] map = caches.get(in.dict);
        int[] out = new int[w.size];
        for (int r = 0; r < w.size; r++) {
            if (in.isNull(r) || w.isRemoved(r)) {
                continue;
            }
            int code = in.codes[r];
            if (map == null || code >= map.length) {
                int[] grown = new int[Math.max(code + 1, map == null ? 16 : map.length * 2)];
                Arrays.fill(grown, UNKNOWN);
                if (map != null) {
                    System.arraycopy(map, 0, grown, 0, map.length);
                }
                map = grown;
                caches.put(in.dict, map);
            }
            if (map[code] == UNKNOWN) {
                String n = normal(in.dict.value(code));
                map[code] = n == null ? NOT_ALLOWED : normal.encode(n);
            }
            int m = map[code];
            if (m == NOT_ALLOWED) {
                out[r] = normal.encode(in.dict.value(code));
                invalid(w, r, in.dict.value(code));
            } else {
                out[r] = m;
                String raw = in.dict.value(code);
                String n = normal.value(m);
                if (!raw.equals(n) && w.countChange(r, rule)) {
                    w.change(r, rule, column, raw, n);
                }
            }
        }
        Col c = w.cols[column].write();
        c.codes = out;
        c.dict = normal;
    }

    private void texts(Work w, Col in) {
        Map<String, String> cache = w.local(this, HashMap::new);
        Col c = in;
        for (int r = 0; r < w.size; r++) {
            if (in.isNull(r) || w.isRemoved(r)) {
                continue;
            }
            String raw = in.texts[r];
            String n = cache.get(raw);
            if (n == null) {
                n = normal(raw);
                if (n == null) {
                    invalid(w, r, raw);
                    continue;
                }
                if (cache.size() < TEXT_CACHE) {
                    cache.put(raw, n);
                }
            }
            if (!raw.equals(n)) {
                c = w.cols[column].write();
                c.texts[r] = n;
                if (w.countChange(r, rule)) {
                    w.change(r, rule, column, raw, n);
                }
            }
        }
    }

    private void invalid(Work w, int r, String raw) {
        String reason = "column '" + w.plan.output.column(column).name() + "': '" + raw + "' is not an allowed value"
                + (spec.allowed().size() <= 20 ? " " + spec.allowed() : "");
        Invalid.handle(w, r, rule, column, spec.onInvalid(), reason);
    }
}
