package io.kpiengine.data.io.internal;

import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.data.Schema;
import java.util.Collection;
import java.util.List;

/**
 * The one check that options of a source name columns its schema has, for the CSV and JDBC readers and a catalog's
 * data sources, so that every such message reads the same:
 * {@code "format: no column 'vistors' in schema [ts, visitors]; did you mean 'visitors'?"}.
 */
public final class SchemaChecks {

    private SchemaChecks() {
    }

    /**
     * Adds a problem for each name the schema lacks.
     *
     * @param option the option that names the columns ({@code headerName}, {@code format}, ...)
     * @param names the column names it uses
     * @param schema the schema
     * @param problems receives one sentence per unknown name
     */
    public static void unknownColumns(String option, Collection<String> names, Schema schema, List<String> problems) {
        for (String n : names) {
            if (!schema.contains(n)) {
                problems.add(option + ": no column '" + n + "' in schema " + schema.names()
                        + Suggestions.didYouMean(n, schema.names()));
            }
        }
    }
}
