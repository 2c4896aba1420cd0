package io.kpiengine.analysis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a {@link LeadLagScan}: every ordered pair, ranked from the strongest evidence that the first series
 * leads the second to the weakest.
 *
 * <p>Ranking: by p-value ascending (equivalently q-value, which is monotone in it), ties by the absolute
 * correlation at the lead time descending, then by the names; pairs without a p-value come last. Instances are
 * immutable and thread-safe.
 *
 * @param findings every ordered pair, ranked
 * @param tested the number of pairs with a p-value, the {@code m} of the Benjamini–Hochberg adjustment
 * @param fdr the false discovery rate below which a pair is {@link LeadLagFinding#significant()}
 */
public record LeadLagRanking(List<LeadLagFinding> findings, int tested, double fdr) {

    /**
     * Copies the list.
     *
     * @param findings every ordered pair, ranked
     * @param tested the number of pairs with a p-value, the {@code m} of the Benjamini–Hochberg adjustment
     * @param fdr the false discovery rate below which a pair is {@link LeadLagFinding#significant()}
     * @throws NullPointerException if {@code findings} is null
     */
    public LeadLagRanking {
        findings = List.copyOf(findings);
    }

    /**
     * Returns the significant pairs, in rank order.
     *
     * @return the findings whose q-value is at most {@link #fdr()}
     */
    public List<LeadLagFinding> significant() {
        return findings.stream().filter(LeadLagFinding::significant).toList();
    }

    /**
     * Returns the finding of one ordered pair.
     *
     * @param leading the name of the leading series
     * @param lagging the name of the lagging series
     * @return the finding, or empty when the scan had no such pair
     * @throws NullPointerException if a name is null
     */
    public Optional<LeadLagFinding> finding(String leading, String lagging) {
        Objects.requireNonNull(leading, "leading");
        Objects.requireNonNull(lagging, "lagging");
        return findings.stream().filter(f -> f.leading().equals(leading) && f.lagging().equals(lagging)).findFirst();
    }
}
