package io.kpiengine.quality.rules.internal;

import io.kpiengine.quality.RecordBatch;
import java.util.List;

/** The end of a buffered run. */
final class Flush {

    private final Plan plan;
    private final String source;
    private final Account account;

    Flush(Plan plan, String source, Account account) {
        this.plan = plan;
        this.source = source;
        this.account = account;
    }

    List<RecordBatch> run(List<RecordBatch> buffer) {
        throw new UnsupportedOperationException();
    }
}
