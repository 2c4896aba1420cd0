package io.kpiengine.quality.internal;

import io.kpiengine.quality.OnInvalid;

/** The common handling of a value that breaks a single-column validity rule. */
final class Invalid {

    private Invalid() {
    }

    /** Quarantines, flags or clears the value of row {@code r}, as the rule says. */
    static void handle(Work w, int r, int rule, int column, OnInvalid action, String reason) {
        Col c = w.cols[column];
        String value = c.text(r);
        if (action == OnInvalid.QUARANTINE) {
            w.quarantine(r, rule, reason);
        } else if (action == OnInvalid.FLAG) {
            w.flag(r, rule, column, value, reason);
        } else {
            w.mark(r, rule);
            c.write().setNull(r);
            if (w.countChange(r, rule)) {
                w.change(r, rule, column, value, null);
            }
        }
    }
}
