package io.kpiengine.core.internal.result;

import io.kpiengine.core.internal.GroupState;
import io.kpiengine.core.internal.SourceState;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The periods that hold data: the first period with rows of each source, and the first and last over all of them.
 *
 * @param starts the absolute index of the first period with rows, per source that has any
 * @param first the earliest start, {@link Coverage#NONE} when no source has data
 * @param last the latest period with rows, {@link Long#MIN_VALUE} when no source has data
 */
public record DataExtent(Map<String, Long> starts, long first, long last) {

    /**
     * Copies the components.
     *
     * @param starts the starts component
     * @param first the first component
     * @param last the last component
     */
    public DataExtent {
        starts = Map.copyOf(starts);
    }

    /**
     * The extent of merged states: every slot of every grouping counts.
     *
     * @param states the merged state of each source
     * @return the extent
     */
    public static DataExtent of(Collection<SourceState> states) {
        return of(states, LongUnaryOperator.identity());
    }

    /**
     * The extent of merged states in the periods of the results: every slot of every grouping counts, through a
     * map from state periods to result periods; slots the map excludes do not count.
     *
     * @param states the merged state of each source
     * @param map the state period of a slot to its result period, or {@link PeriodMap#EXCLUDED}
     * @return the extent, in result periods
     */
    public static DataExtent of(Collection<SourceState> states, LongUnaryOperator map) {
        Map<String, Long> starts = new HashMap<>();
        long first = Coverage.NONE;
        long last = Long.MIN_VALUE;
        for (SourceState source : states) {
            long start = Coverage.NONE;
            for (GroupState g : source.groups()) {
                for (int s = 0; s < g.slots(); s++) {
                    long p = map.applyAsLong(g.period(s));
                    if (p == PeriodMap.EXCLUDED) {
                        continue;
                    }
                    start = Math.min(start, p);
                    last = Math.max(last, p);
                }
            }
            if (start != Coverage.NONE) {
                starts.put(source.source(), start);
                first = Math.min(first, start);
            }
        }
        return new DataExtent(starts, first, last);
    }

    /**
     * Whether no source has data.
     *
     * @return true without any row in any period
     */
    public boolean isEmpty() {
        return first == Coverage.NONE;
    }

    /**
     * The first period with rows of a source.
     *
     * @param source the source name
     * @return its absolute index, or {@link Coverage#NONE} when the source has no data
     */
    public long start(String source) {
        return starts.getOrDefault(source, Coverage.NONE);
    }
}
