/**
 * Helpers shared by the KPI Engine modules (exported only to them): the "did you mean" search behind every
 * message about an unknown name, proleptic Gregorian day arithmetic and the powers-of-ten tables. Not for users;
 * no compatibility promise.
 */
package io.kpiengine.base.internal;
