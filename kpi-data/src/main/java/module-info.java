/**
 * The record model (schemas, columnar batches of primitive vectors), the streaming CSV, JDBC and in-memory readers,
 * and the problems of definition documents.
 */
module io.kpiengine.data {
    requires static transitive org.jspecify;
    requires transitive io.kpiengine.base;
    requires transitive java.sql;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;

    exports io.kpiengine.data;
    exports io.kpiengine.data.io;
    exports io.kpiengine.data.doc;
    exports io.kpiengine.data.doc.internal to io.kpiengine.quality, io.kpiengine.core, io.kpiengine.cli;
    exports io.kpiengine.data.internal to io.kpiengine.quality;
    exports io.kpiengine.data.io.internal to io.kpiengine.quality, io.kpiengine.core, io.kpiengine.cli;
}
