package io.kpiengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module descriptors of the library, checked the way a user on the module path meets them: the built jars are
 * resolved as named modules in a layer of their own (the other tests run on the class path).
 *
 * <ul>
 *   <li>The modules resolve together with their third-party dependencies: every {@code requires} is satisfied.</li>
 *   <li>Each module exports exactly the packages docs/ARCHITECTURE.md lists; no {@code internal} package is
 *       exported to users, and a qualified export names only KPI Engine modules.</li>
 *   <li>The code works as named modules: a formula compiles to bytecode and a catalog document is read.</li>
 * </ul>
 */
class ModuleDescriptorsTest {

    /** The packages each library module exports to everyone, as docs/ARCHITECTURE.md lists them. */
    private static final Map<String, Set<String>> EXPORTED = Map.of(
            "io.kpiengine.base", Set.of("io.kpiengine.base"),
            "io.kpiengine.formula", Set.of("io.kpiengine.formula"),
            "io.kpiengine.analysis", Set.of("io.kpiengine.analysis"),
            "io.kpiengine.data", Set.of("io.kpiengine.data", "io.kpiengine.data.io", "io.kpiengine.data.doc"),
            "io.kpiengine.quality", Set.of("io.kpiengine.quality"),
            "io.kpiengine.core", Set.of("io.kpiengine.core", "io.kpiengine.core.metric", "io.kpiengine.core.score",
                    "io.kpiengine.core.time", "io.kpiengine.core.track", "io.kpiengine.core.analyze"),
            "io.kpiengine.report", Set.of("io.kpiengine.report", "io.kpiengine.report.micrometer"),
            "io.kpiengine.cli", Set.of("io.kpiengine.cli"));

    private static ModuleLayer layer;

    @BeforeAll
    static void resolveTheJarsAsModules() {
        List<ModuleFinder> finders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            ModuleFinder one = ModuleFinder.of(Path.of(entry));
            try {
                one.findAll();   // an entry that is no module (a class directory without descriptor) is skipped
                finders.add(one);
            } catch (FindException e) {
                // not a module: test class directories and jars whose names give no automatic module name
            }
        }
        ModuleFinder all = ModuleFinder.compose(finders.toArray(new ModuleFinder[0]));
        Configuration cf = ModuleLayer.boot().configuration()
                .resolve(all, ModuleFinder.of(), List.of("io.kpiengine.core", "io.kpiengine.cli", "io.kpiengine.analysis"));
        layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void libraryModules_areNamedModulesWithDescriptors() {
        for (String name : EXPORTED.keySet()) {
            Module m = layer.findModule(name).orElseThrow(() -> new AssertionError(name + " is not resolved"));
            assertThat(m.getDescriptor().isAutomatic()).as(name + " has a module-info").isFalse();
        }
    }

    @Test
    void everyModule_exportsExactlyItsPublicPackages() {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (String name : EXPORTED.keySet()) {
            ModuleDescriptor d = layer.findModule(name).orElseThrow().getDescriptor();
            Set<String> unqualified = new TreeSet<>();
            for (Exports e : d.exports()) {
                if (!e.isQualified()) {
                    unqualified.add(e.source());
                }
            }
            actual.put(name, unqualified);
        }
        assertThat(actual).isEqualTo(new TreeMap<>(EXPORTED));
    }

    @Test
    void internalPackages_areNotExportedToUsers_andQualifiedExportsNameOnlyOurModules() {
        List<String> problems = new ArrayList<>();
        for (String name : EXPORTED.keySet()) {
            Module m = layer.findModule(name).orElseThrow();
            for (String pkg : m.getPackages()) {
                if (pkg.contains("internal") && m.isExported(pkg)) {
                    problems.add(name + " exports " + pkg + " to everyone");
                }
            }
            for (Exports e : m.getDescriptor().exports()) {
                for (String target : e.targets()) {
                    if (!target.startsWith("io.kpiengine.")) {
                        problems.add(name + " exports " + e.source() + " to " + target);
                    }
                }
            }
            assertThat(m.getDescriptor().isOpen()).as(name + " is not an open module").isFalse();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void internalPackage_isNotAccessibleFromAnotherModule() {
        Module core = layer.findModule("io.kpiengine.core").orElseThrow();
        Module data = layer.findModule("io.kpiengine.data").orElseThrow();
        Module cli = layer.findModule("io.kpiengine.cli").orElseThrow();
        assertThat(core.isExported("io.kpiengine.core.internal", cli)).isFalse();
        assertThat(data.isExported("io.kpiengine.data.doc.internal", core)).isTrue();   // the qualified export
        assertThat(data.isExported("io.kpiengine.data.doc.internal", cli)).isTrue();
        assertThat(data.isExported("io.kpiengine.data.internal", core)).isFalse();   // only to kpi-quality
    }

    @Test
    void formula_compilesAndEvaluates_asANamedModule() throws Exception {
        Class<?> formula = Class.forName(layer.findModule("io.kpiengine.formula").orElseThrow(),
                "io.kpiengine.formula.Formula");
        assertThat(formula).isNotNull();
        Object compiled = formula.getMethod("compile", String.class).invoke(null, "conversions / visitors * 100");
        Method evaluate = formula.getMethod("evaluate", double[].class);
        assertThat((double) evaluate.invoke(compiled, (Object) new double[] {25, 1_000})).isEqualTo(2.5);
    }

    /** ASM is relocated into kpi-formula's jar: the formula module resolves, and generates code, without it. */
    @Test
    void formula_needsNoAsmModule_itsAsmIsRelocated() {
        Module formula = layer.findModule("io.kpiengine.formula").orElseThrow();
        assertThat(layer.findModule("org.objectweb.asm")).isEmpty();
        assertThat(formula.getPackages()).contains("io.kpiengine.formula.internal.asm")
                .noneMatch(p -> p.startsWith("org.objectweb"));
        assertThat(formula.getDescriptor().requires()).filteredOn(r -> r.name().equals("org.objectweb.asm"))
                .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC));
    }

    @Test
    void catalogDocument_isRead_asANamedModule() throws Exception {
        Class<?> catalog = Class.forName(layer.findModule("io.kpiengine.core").orElseThrow(),
                "io.kpiengine.core.metric.Catalog");
        String yaml = """
                zone: UTC
                sources:
                  web:
                    time: day
                    columns: {day: date, visitors: integer}
                metrics:
                  - id: visitors
                    source: web
                    aggregate: sum
                    column: visitors
                    unit: count
                """;
        InputStream in = new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
        Object c = catalog.getMethod("read", InputStream.class, String.class).invoke(null, in, "module.yaml");
        assertThat(c.getClass().getModule().getName()).isEqualTo("io.kpiengine.core");
        assertThat(c.toString()).isEqualTo("catalog module.yaml (UTC, day, 1 sources, 1 metrics)");
        ModuleReference ref = layer.configuration().findModule("io.kpiengine.core").orElseThrow().reference();
        assertThat(ref.location()).isPresent();
    }
}
