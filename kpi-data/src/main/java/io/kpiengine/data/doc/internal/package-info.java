/**
 * The strict YAML/JSON document reader behind catalogs and rules documents: {@code DocumentReader} parses into a
 * {@code DocNode} tree whose every node knows file:line:column, {@code Fields} reads one object's fields and
 * collects every problem into {@code Problems}. Exported only to kpi-quality, kpi-core and kpi-cli; not for users.
 */
package io.kpiengine.data.doc.internal;
