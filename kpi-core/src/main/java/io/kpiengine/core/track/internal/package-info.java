/**
 * Plumbing of tracking, not for users: the reader of the {@code tracking}, {@code alerts} and {@code actions}
 * sections of a catalog document, the checks of a tracking plan against the metrics, and the tracking lint rules.
 */
package io.kpiengine.core.track.internal;
