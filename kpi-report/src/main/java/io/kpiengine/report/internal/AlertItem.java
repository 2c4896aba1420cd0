package io.kpiengine.report.internal;

/**
 * An alert shown in the report: how urgent, about which KPI, segment and period, and in words.
 *
 * @param severity "critical", "warning" or "info"
 * @param state "new", "continuing", "resolved" or "open"
 * @param kpi the KPI's model
 * @param segment the segment label ("Total" for the roll-up)
 * @param period the index of the period in the report
 * @param periodText the period as text
 * @param message the alert in words
 * @param rule the rule or signal that raised it
 */
public record AlertItem(String severity, String state, KpiModel kpi, String segment, int period, String periodText,
        String message, String rule) {

    /**
     * Whether the alert is about the KPI's headline (its total, or its only series) rather than one segment.
     *
     * @return true for the headline
     */
    public boolean headline() {
        Line h = kpi.headline();
        return h != null && h.label.equals(segment);
    }

    /**
     * The order of severities: critical first.
     *
     * @return 0 critical, 1 warning, 2 anything else
     */
    public int rank() {
        return switch (severity) {
            case "critical" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }
}
