/**
 * Data-quality rules and the lossless cleaner: declare rules with {@link io.kpiengine.quality.QualityRules}
 * (fluent builder or YAML/JSON document), bind them to a schema, clean any
 * {@link io.kpiengine.data.RecordSource} and read the {@link io.kpiengine.quality.QualityReport}.
 *
 * <pre>{@code
 * QualityRules rules = QualityRules.builder()
 *         .rule(DuplicateRule.exact())
 *         .rule(MissingValueRule.zero("visitors"))
 *         .rule(RangeRule.of("visitors").min(0))
 *         .build();
 * Cleaner cleaner = rules.bind(source.schema());
 * try (CleanedSource clean = cleaner.clean(source)) {
 *     for (RecordBatch b = clean.next(); b != null; b = clean.next()) {
 *         // clean rows; b.rejected() holds the quarantined ones
 *     }
 *     QualityReport report = clean.report();
 * }
 * }</pre>
 *
 * <p>Every input row ends in exactly one place: a clean row, a quarantined row (with its reason) or a duplicate
 * merged into a named row, so that {@code input rows + inserted rows = clean + quarantined + merged}. See
 * {@code docs/quality-rules.md} for the rules document, the order in which rules run, their exact definitions
 * and the JSON schema of the report.
 */
@NullMarked
package io.kpiengine.quality;

import org.jspecify.annotations.NullMarked;
