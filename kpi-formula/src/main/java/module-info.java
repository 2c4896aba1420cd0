/**
 * The formula compiler: {@code conversions / visitors * 100} parsed (exp4j's tokenizer), checked, and compiled to
 * bytecode that evaluates without allocation from many threads. Knows nothing of KPIs or records.
 */
module io.kpiengine.formula {
    requires static transitive org.jspecify;
    requires transitive io.kpiengine.base;
    // exp4j 0.4.8 has no module descriptor: it is the automatic module named after its jar
    requires exp4j;
    // ASM is compiled against, then relocated into this module's jar (io.kpiengine.formula.internal.asm) by the
    // shade plugin: at run time the jar needs no ASM module, hence "static"
    requires static org.objectweb.asm;

    exports io.kpiengine.formula;
}
