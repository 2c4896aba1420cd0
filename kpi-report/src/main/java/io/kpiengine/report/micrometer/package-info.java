/** KPIs as Micrometer gauges. */
@NullMarked
package io.kpiengine.report.micrometer;

import org.jspecify.annotations.NullMarked;
