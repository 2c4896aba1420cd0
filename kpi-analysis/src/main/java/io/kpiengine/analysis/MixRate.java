package io.kpiengine.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mix and rate effects: did an overall rate (conversion, margin, defect rate) move because the segments' own rates
 * moved, or because the mix shifted towards segments with other rates?
 *
 * <p><b>Definition.</b> With segment weights {@code w = D_s / sum D} (shares of the denominator) and rates
 * {@code r = N_s / D_s}, the overall rate is {@code R = sum w r}, and the exact identity
 * <pre>
 *   w1 r1 - w0 r0 = (w1 - w0) (r0 + r1) / 2  +  (r1 - r0) (w0 + w1) / 2
 * </pre>
 * gives each segment a mix effect (first term) and a rate effect (second term) that sum to its part of the change:
 * the symmetric (midpoint) split, which does not depend on which period is taken as the base. A segment with no
 * denominator in one period (new or closed) has weight 0 there and takes the other period's rate, so its whole part
 * is mix.
 *
 * <pre>{@code
 * MixRateSplit split = MixRate.of(List.of(
 *         new SegmentRatio("search", 300, 10_000, 330, 9_000),
 *         new SegmentRatio("social", 40, 4_000, 90, 9_000)));
 * split.mixEffect();    // the share of traffic moved to the weaker channel
 * split.rateEffect();   // each channel's own conversion moved
 * }</pre>
 */
public final class MixRate {

    private MixRate() {
    }

    /**
     * Splits the change of a ratio across segments.
     *
     * @param segments the segments, at least one
     * @return the split
     * @throws NullPointerException if the list or a segment is null
     * @throws IllegalArgumentException if the list is empty or a name repeats
     * @throws AnalysisException if the total denominator is 0 in a period
     */
    public static MixRateSplit of(List<SegmentRatio> segments) {
        List<SegmentRatio> list = List.copyOf(segments);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("at least one segment is needed");
        }
        Set<String> names = new HashSet<>();
        double n0 = 0;
        double d0 = 0;
        double n1 = 0;
        double d1 = 0;
        for (SegmentRatio s : list) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("segment names must be distinct, but '" + s.name()
                        + "' appears twice");
            }
            n0 += s.numeratorBefore();
            d0 += s.denominatorBefore();
            n1 += s.numeratorAfter();
            d1 += s.denominatorAfter();
        }
        if (d0 == 0 || d1 == 0) {
            throw new AnalysisException("mix/rate", "segments", "have a total denominator of 0 in the "
                    + (d0 == 0 ? "earlier" : "later") + " period; the overall rate is undefined");
        }
        double mixTotal = 0;
        double rateTotal = 0;
        List<SegmentMixRate> out = new ArrayList<>(list.size());
        for (SegmentRatio s : list) {
            double w0 = s.denominatorBefore() / d0;
            double w1 = s.denominatorAfter() / d1;
            boolean has0 = s.denominatorBefore() > 0;
            boolean has1 = s.denominatorAfter() > 0;
            double r0 = has0 ? s.numeratorBefore() / s.denominatorBefore() : 0;
            double r1 = has1 ? s.numeratorAfter() / s.denominatorAfter() : 0;
            if (!has0) {
                r0 = r1;
            }
            if (!has1) {
                r1 = r0;
            }
            double mix = (w1 - w0) * (r0 + r1) / 2;
            double rate = (r1 - r0) * (w0 + w1) / 2;
            mixTotal += mix;
            rateTotal += rate;
            out.add(new SegmentMixRate(s.name(), w0, w1,
                    has0 ? Figure.of(r0) : Figure.absent("segment '" + s.name() + "' has no denominator before"),
                    has1 ? Figure.of(r1) : Figure.absent("segment '" + s.name() + "' has no denominator after"),
                    mix, rate));
        }
        return new MixRateSplit(n0 / d0, n1 / d1, mixTotal, rateTotal, out);
    }
}
