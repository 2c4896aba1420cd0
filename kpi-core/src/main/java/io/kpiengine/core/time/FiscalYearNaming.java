package io.kpiengine.core.time;

/**
 * How a fiscal year that does not start in January is named.
 *
 * <p>With a fiscal year starting in October, the year October 2024 to September 2025 is {@code FY2025} under
 * {@link #END_YEAR} (the United States federal government's convention, and the default) and {@code FY2024} under
 * {@link #START_YEAR} (Japan's convention). With a January start both name it by the calendar year, so
 * {@code FY2025} is the calendar year 2025.
 */
public enum FiscalYearNaming {
    /** Named by the calendar year in which the fiscal year ends: October 2024 to September 2025 is FY2025. */
    END_YEAR,
    /** Named by the calendar year in which the fiscal year starts: April 2025 to March 2026 is FY2025. */
    START_YEAR
}
