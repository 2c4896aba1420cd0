package io.kpiengine.core;

import java.util.List;
import java.util.Objects;

/**
 * The quality of the data behind a result table: the worst verdict of its sources and the account of each.
 *
 * <pre>{@code
 * DataQuality q = results.quality();
 * if (q.verdict() == QualityVerdict.FAIL) {
 *     q.sources().forEach(s -> System.err.println(s.source() + ": " + s.findings()));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param verdict the worst verdict over the sources
 * @param sources one account per data source, in catalog order
 */
public record DataQuality(QualityVerdict verdict, List<SourceAccount> sources) {

    /**
     * Validates and copies the components.
     *
     * @param verdict the worst verdict over the sources
     * @param sources one account per data source, in catalog order
     * @throws NullPointerException if a component is null
     */
    public DataQuality {
        Objects.requireNonNull(verdict, "verdict");
        sources = List.copyOf(sources);
    }

    /**
     * The quality of a set of sources: the verdict is the worst of theirs.
     *
     * @param sources the accounts
     * @return the data quality
     */
    public static DataQuality of(List<SourceAccount> sources) {
        QualityVerdict v = QualityVerdict.NOT_CHECKED;
        for (SourceAccount s : sources) {
            v = v.worst(s.verdict());
        }
        return new DataQuality(v, sources);
    }
}
