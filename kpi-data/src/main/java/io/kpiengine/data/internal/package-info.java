/**
 * Record-model plumbing shared with kpi-quality: {@code TextHash}, the 128-bit text digest behind exact duplicate
 * detection. Not for users; no compatibility promise.
 */
package io.kpiengine.data.internal;
