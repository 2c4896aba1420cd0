/**
 * Strict reading of YAML and JSON definition documents (quality rules, metric catalogs) into a tree whose every
 * node knows its file, line and column.
 *
 * <p>{@link io.kpiengine.data.doc.DocumentReader} refuses duplicate keys, YAML anchors and aliases, tags,
 * documents over a size limit and nesting over a depth limit. {@link io.kpiengine.data.doc.Fields} reads the
 * fields of one object, collecting every problem (unknown field with "did you mean", wrong type, missing field)
 * into {@link io.kpiengine.data.doc.Problems}, so a user fixes a document in one pass.
 */
package io.kpiengine.data.doc;
