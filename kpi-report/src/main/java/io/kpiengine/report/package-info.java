/**
 * Self-contained HTML dashboards of KPI results: {@link io.kpiengine.report.Report} builds one file with an
 * executive, a manager and an analyst {@link io.kpiengine.report.View} and a detail view per KPI, fed by a run's
 * results and, when given, its tracking scorecard, composite scores and improvement points. The file opens offline
 * and makes no network request (docs/report.md).
 */
@NullMarked
package io.kpiengine.report;

import org.jspecify.annotations.NullMarked;
