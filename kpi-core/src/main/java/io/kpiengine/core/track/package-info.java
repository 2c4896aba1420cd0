/**
 * Tracking: for every KPI, period and segment of a result table, the baseline (with its method and window), the
 * targets, achievement, gaps and changes, pace towards horizon targets with a forecast, a status decided by ordered
 * rules, and alerts with hysteresis, cooldown and severity that carry over from run to run; owners, action plans and
 * findings. The answer to "are we on track, and what needs attention?" in one call:
 *
 * <pre>{@code
 * Tracker tracker = Tracker.of(catalog);                 // the catalog's tracking, alerts and actions sections
 * Scorecard card = tracker.track(results);               // results of KpiEngine.evaluate
 * card.offTrack().forEach(row -> System.out.println(row.metric() + " " + row.segment() + " " + row.statusRule()));
 * card.alerts(AlertSeverity.CRITICAL).forEach(System.out::println);
 * Files.write(Path.of("alerts.state"), card.alertState().toBytes());   // next run: tracker.track(results, state)
 * }</pre>
 *
 * <p>The definitions (baselines, achievement, pace and forecast, alert signals, status rules) are in
 * {@code docs/tracking.md}.
 */
@NullMarked
package io.kpiengine.core.track;

import org.jspecify.annotations.NullMarked;
