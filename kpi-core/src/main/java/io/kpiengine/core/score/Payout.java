package io.kpiengine.core.score;

import java.util.Locale;
import java.util.Objects;

/**
 * One owner's incentive payout: see {@link IncentivePlan#pay(Scores)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param owner the owner paid
 * @param entity the entity whose measure counts
 * @param basis what is measured: {@code score:<node>} or {@code achievement:<leaf>}
 * @param measure the measure, NaN when there is none
 * @param multiple the multiple of the target incentive, from the payout curve
 * @param amount the target incentive times the multiple
 * @param detail why nothing is paid when the measure is missing, else empty
 */
public record Payout(String owner, String entity, String basis, double measure, double multiple, double amount,
        String detail) {

    /**
     * Validates the components.
     *
     * @param owner the owner paid
     * @param entity the entity whose measure counts
     * @param basis what is measured
     * @param measure the measure, NaN when there is none
     * @param multiple the multiple of the target incentive
     * @param amount the target incentive times the multiple
     * @param detail why nothing is paid when the measure is missing, else empty
     * @throws NullPointerException if a text is null
     */
    public Payout {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s %.1f -> %.0f%% = %,.2f%s", owner, basis, measure, 100 * multiple,
                amount, detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
