/** Reports. */
package io.kpiengine.report;
