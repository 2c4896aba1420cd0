/**
 * Business time: {@link io.kpiengine.core.time.Grain grains} from hour to fiscal year, the
 * {@link io.kpiengine.core.time.BusinessCalendar business calendar} (time zone and fiscal year) that cuts them,
 * {@link io.kpiengine.core.time.Period periods} with a canonical text form, the allocation-free
 * {@link io.kpiengine.core.time.PeriodIndexer} for per-row bucketing and the
 * {@link io.kpiengine.core.time.DateSpine date spine}.
 *
 * <p>All periods are measured in the business zone and are daylight-saving correct: days last 23, 24 or 25 hours
 * and start at their first valid instant.
 */
@NullMarked
package io.kpiengine.core.time;

import org.jspecify.annotations.NullMarked;
