package io.kpiengine.analysis;

/**
 * One stage of a {@link Funnel}.
 *
 * @param name the stage's name
 * @param count the number that reached the stage
 * @param fromPrevious the conversion from the previous stage, {@code count / previous count}; for the first stage
 *     1; absent when the previous count is 0
 * @param fromTop the conversion from the first stage; absent when the first count is 0
 * @param dropOff how many of the previous stage did not reach this one ({@code previous - count}; 0 for the first)
 * @param dropOffRate {@code 1 - fromPrevious}; absent when {@code fromPrevious} is
 */
public record FunnelStage(String name, double count, Figure fromPrevious, Figure fromTop, double dropOff,
        Figure dropOffRate) {
}
