package io.kpiengine.quality.internal;

import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.quality.PatternRule;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks text values against a regular expression; see {@link PatternRule}. Categories are matched once per code. */
final class PatternStep implements Step {

    private final int rule;
    private final int column;
    private final PatternRule spec;
    private final Pattern pattern;

    PatternStep(int rule, int column, PatternRule spec) {
        this.rule = rule;
        this.column = column;
        this.spec = spec;
        this.pattern = Pattern.compile(spec.regex());
    }

    @Override
    public void apply(Work w) {
        Col in = w.cols[column].load();
        Map<Dictionary, byte[]> caches = w.local(this, IdentityHashMap::new);
        for (int r = 0; r < w.size; r++) {
            if (in.isNull(r) || w.isRemoved(r)) {
                continue;
            }
            boolean ok;
            if (in.type == ColumnType.CATEGORY) {
                byte[] seen = caches.get(in.dict);
                int code = in.codes[r];
                if (seen == null || code >= seen.length) {
                    byte[] grown = new byte[Math.max(code + 1, seen == null ? 16 : seen.length * 2)];
                    if (seen != null) {
                        System.arraycopy(seen, 0, grown, 0, seen.length);
                    }
                    seen = grown;
                    caches.put(in.dict, seen);
                }
                if (seen[code] == 0) {
                    seen[code] = (byte) (pattern.matcher(in.dict.value(code)).matches() ? 1 : 2);
                }
                ok = seen[code] == 1;
            } else {
                ok = pattern.matcher(in.texts[r]).matches();
            }
            if (!ok) {
                Invalid.handle(w, r, rule, column, spec.onInvalid(), "column '" + w.plan.output.column(column).name()
                        + "': '" + in.string(r) + "' does not match the pattern " + spec.regex());
            }
        }
    }
}
