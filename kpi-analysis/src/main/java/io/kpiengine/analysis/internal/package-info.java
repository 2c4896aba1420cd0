/**
 * Numerical kernels of the analysis module: distribution tails, small dense solvers and lagged sums. No
 * compatibility promise; not for use outside kpi-analysis.
 */
package io.kpiengine.analysis.internal;
