/**
 * The problems found in a definition document (quality rules, metric catalog): {@link
 * io.kpiengine.data.doc.DocumentException} lists every {@link io.kpiengine.data.doc.Problem} at once, each at its
 * {@link io.kpiengine.data.doc.Location} (file, line and column), so a user fixes a document in one pass.
 *
 * <p>The strict reader itself (no duplicate keys, anchors, aliases or tags; size and depth limits) is an
 * implementation detail shared by the modules that read documents.
 */
@NullMarked
package io.kpiengine.data.doc;

import org.jspecify.annotations.NullMarked;
