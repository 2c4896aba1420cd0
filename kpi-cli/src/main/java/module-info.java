/**
 * The {@code kpi} command line: {@code run}, {@code track}, {@code report}, {@code score}, {@code analyze},
 * {@code clean}, {@code lint}, {@code demo}.
 */
module io.kpiengine.cli {
    requires static transitive org.jspecify;
    requires io.kpiengine.core;
    requires io.kpiengine.report;
    requires io.kpiengine.samples;
    requires info.picocli;

    exports io.kpiengine.cli;
    // picocli reads the command classes and their annotated fields reflectively
    opens io.kpiengine.cli to info.picocli;
}
