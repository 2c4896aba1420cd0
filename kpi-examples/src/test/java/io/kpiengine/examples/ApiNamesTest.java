package io.kpiengine.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user may import every public package of the library together ({@code import io.kpiengine.core.*;
 * import io.kpiengine.quality.*; ...}): no two public packages may hold a public type of the same simple
 * name, or using it would be ambiguous. Clashes with {@code java.lang} (always imported), {@code java.util} and
 * {@code java.time} are allowed only where {@code docs/ARCHITECTURE.md} explains them.
 */
class ApiNamesTest {

    /** The documented clashes with the JDK, and why they stay (see docs/ARCHITECTURE.md, "Names"). */
    static final Set<String> DOCUMENTED_JDK_CLASHES = Set.of(
            "io.kpiengine.core.time.Period ~ java.time.Period",
            "io.kpiengine.data.Vector ~ java.util.Vector",
            "io.kpiengine.data.Dictionary ~ java.util.Dictionary");

    /** Every public top-level type of a non-internal io.kpiengine package, by fully qualified name. */
    static List<String> publicTypes() throws IOException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p.resolve("io/kpiengine"))) {
                try (Stream<Path> files = Files.walk(p.resolve("io/kpiengine"))) {
                    files.map(f -> p.relativize(f).toString().replace(File.separatorChar, '/')).forEach(names::add);
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        names.add(e.nextElement().getName());
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith("io/kpiengine/") && n.endsWith(".class") && !n.contains("$") && !n.contains("/internal/")
                    && !n.endsWith("package-info.class") && !n.contains("/examples/") && !n.contains("/benchmarks/")) {
                String type = n.substring(0, n.length() - ".class".length()).replace('/', '.');
                if (Modifier.isPublic(Class.forName(type, false, ApiNamesTest.class.getClassLoader()).getModifiers())) {
                    out.add(type);
                }
            }
        }
        return out;
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    @Test
    void publicPackages_shareNoSimpleName_andJdkClashesAreDocumented() throws Exception {
        List<String> types = publicTypes();
        assertThat(types).contains("io.kpiengine.core.KpiEngine", "io.kpiengine.quality.QualityRules",
                "io.kpiengine.formula.Formula", "io.kpiengine.core.time.Grain", "io.kpiengine.quality.RowGrain",
                "io.kpiengine.core.metric.Unit", "io.kpiengine.quality.ColumnUnit");
        Map<String, List<String>> bySimpleName = new TreeMap<>();
        for (String t : types) {
            bySimpleName.computeIfAbsent(simpleName(t), k -> new ArrayList<>()).add(t);
        }
        List<String> clashes = new ArrayList<>();
        bySimpleName.forEach((simple, list) -> {
            if (list.size() > 1) {
                clashes.add(String.join(" ~ ", list));
            }
        });
        assertThat(clashes).as("public types of the same simple name in two packages").isEmpty();

        Set<String> jdk = new TreeSet<>();
        for (String t : types) {
            for (String pkg : List.of("java.lang.", "java.util.", "java.time.")) {
                try {
                    Class.forName(pkg + simpleName(t), false, ClassLoader.getPlatformClassLoader());
                    jdk.add(t + " ~ " + pkg + simpleName(t));
                } catch (ClassNotFoundException e) {
                    // no clash with this package
                }
            }
        }
        assertThat(jdk).as("clashes with java.lang, java.util and java.time").isEqualTo(DOCUMENTED_JDK_CLASHES);
    }
}
