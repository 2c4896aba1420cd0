package io.kpiengine.core.track;

import java.util.Locale;

/**
 * How a horizon target (an annual or other long-term target with a start and a due date) is split over the periods
 * of its horizon. A phased target is a total over the horizon; the periods' targets add up to it.
 */
public enum Phasing {
    /** Not split: the value is a level to reach by the due date (and the target of every period of the horizon). */
    NONE,
    /** Equal shares: each of the {@code n} periods of the horizon gets {@code total / n}. */
    LINEAR,
    /**
     * Shares proportional to the seasonally adjusted baseline of each period as of the horizon's start:
     * {@code total * b(i) / sum of b over the horizon}; needs two full seasonal cycles of history before it.
     */
    SEASONAL;

    /**
     * The phasing as written in documents: {@code none}, {@code linear}, {@code seasonal}.
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
