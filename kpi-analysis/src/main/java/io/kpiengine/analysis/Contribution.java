package io.kpiengine.analysis;

/**
 * The part of a metric's change attributed to one driver or segment.
 *
 * @param name the driver's or segment's name
 * @param before its value in the earlier period
 * @param after its value in the later period
 * @param amount the part of the metric's change attributed to it, in the metric's unit
 * @param share {@code amount / total change}; absent when the total change is 0
 */
public record Contribution(String name, double before, double after, double amount, Figure share) {
}
