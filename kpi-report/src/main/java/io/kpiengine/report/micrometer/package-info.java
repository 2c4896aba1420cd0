/** KPIs as Micrometer gauges. */
package io.kpiengine.report.micrometer;
