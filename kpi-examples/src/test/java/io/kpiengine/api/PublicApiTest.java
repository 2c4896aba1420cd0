package io.kpiengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.analysis.Series;
import io.kpiengine.base.KpiException;
import io.kpiengine.cli.KpiCli;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.formula.Formula;
import io.kpiengine.data.Schema;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box checks of the exported API of kpi-base, kpi-formula, kpi-analysis, kpi-data, kpi-quality, kpi-core and kpi-cli, the way a user's compiler
 * sees it: every class of a package that is not {@code internal} is read from the modules' jars (or class
 * directories) and inspected by reflection alone.
 *
 * <ul>
 *   <li>No public or protected signature (supertypes, fields, constructors, methods, type bounds, thrown types)
 *       mentions a third-party type (exp4j, ASM, Jackson, SnakeYAML, FastCSV, picocli, SLF4J, Hipparchus) or a type of an
 *       {@code internal} package: either would tie users to an implementation detail.</li>
 *   <li>Every exported class is closed to extension: final, an interface, a record, an enum or sealed, unless it is
 *       listed in {@link #OPEN_BY_DESIGN} with the reason.</li>
 * </ul>
 */
class PublicApiTest {

    /** Package prefixes of the libraries the modules use internally. */
    private static final List<String> THIRD_PARTY = List.of(
            "net.objecthunter.exp4j.", "org.objectweb.asm.", "com.fasterxml.jackson.", "org.yaml.snakeyaml.",
            "de.siegmar.fastcsv.", "picocli.", "org.slf4j.", "org.hipparchus.", "io.micrometer.");

    /**
     * Packages whose public signatures name a host library's types on purpose: an integration follows the host's
     * own convention, so that its users meet the shape they know.
     */
    private static final Map<String, String> HOST_INTEGRATIONS = Map.of(
            "io.kpiengine.report.micrometer", "io.micrometer.");

    /**
     * Exported classes that are deliberately open, with the reason. The root of the library's exceptions is extended
     * in every module, and a sealed class may only permit subclasses of its own module.
     */
    private static final Map<String, String> OPEN_BY_DESIGN = Map.of(
            "io.kpiengine.base.KpiException",
            "root of every library exception, subclassed in kpi-formula, kpi-data, kpi-quality and kpi-core");

    /** One class of each module whose public API is checked. */
    private static final List<Class<?>> MODULES = List.of(KpiException.class, Formula.class, Series.class,
            Schema.class, QualityRules.class, KpiEngine.class, Report.class, KpiCli.class);

    private static List<Class<?>> exported;

    @BeforeAll
    static void loadExportedClasses() {
        Set<String> names = new TreeSet<>();
        for (Class<?> anchor : MODULES) {
            names.addAll(classNames(location(anchor)));
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (name.contains(".internal.") || name.endsWith("package-info") || name.endsWith("module-info")) {
                continue;
            }
            Class<?> c = load(name);
            if (isExported(c)) {
                classes.add(c);
            }
        }
        exported = List.copyOf(classes);
    }

    @Test
    void exportedClasses_areFoundInEveryModule() {
        // guards the other checks against an empty scan: each module contributes its entry point
        assertThat(exported).containsAll(MODULES);
        assertThat(exported).hasSizeGreaterThan(100);
    }

    @Test
    void publicSignatures_mentionNoThirdPartyType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : exported) {
            signatureTypes(c).forEach((where, type) -> {
                String name = type.getName();
                String host = HOST_INTEGRATIONS.get(c.getPackageName());
                if (THIRD_PARTY.stream().anyMatch(name::startsWith) && (host == null || !name.startsWith(host))) {
                    leaks.add(where + " mentions " + name);
                }
            });
        }
        assertThat(leaks).as("third-party types in the public API").isEmpty();
    }

    @Test
    void publicSignatures_mentionNoInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : exported) {
            signatureTypes(c).forEach((where, type) -> {
                if (type.getName().startsWith("io.kpiengine.") && type.getName().contains(".internal.")) {
                    leaks.add(where + " mentions " + type.getName());
                }
            });
        }
        assertThat(leaks).as("internal types in the public API").isEmpty();
    }

    @Test
    void exportedClasses_areClosedToExtension() {
        List<String> open = new ArrayList<>();
        for (Class<?> c : exported) {
            boolean closed = c.isInterface() || c.isRecord() || c.isEnum() || c.isSealed()
                    || Modifier.isFinal(c.getModifiers());
            if (!closed && !OPEN_BY_DESIGN.containsKey(c.getName())) {
                open.add(c.getName());
            }
        }
        assertThat(open).as("exported classes that are neither final, sealed, a record, an enum nor an interface")
                .isEmpty();
    }

    @Test
    void openByDesign_listsOnlyExportedOpenClasses() {
        // an entry that has become final or was removed must leave the list, so that it stays a true account
        for (String name : OPEN_BY_DESIGN.keySet()) {
            Class<?> c = load(name);
            assertThat(exported).as(name).contains(c);
            assertThat(Modifier.isFinal(c.getModifiers()) || c.isSealed()).as(name + " is closed").isFalse();
        }
    }

    /** Whether a class is visible to users: public, its enclosing classes public, not synthetic or anonymous. */
    private static boolean isExported(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass() || k.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every class a user's code can meet in the signature of an exported class, keyed by where it appears; a type
     * met in several places is reported once per place.
     */
    private static Map<String, Class<?>> signatureTypes(Class<?> c) {
        Map<String, Class<?>> found = new java.util.LinkedHashMap<>();
        String at = c.getName();
        collect(at + " extends", c.getGenericSuperclass(), found);
        for (Type t : c.getGenericInterfaces()) {
            collect(at + " implements", t, found);
        }
        for (TypeVariable<?> v : c.getTypeParameters()) {
            collect(at + "<" + v.getName() + ">", v, found);
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                collect(at + "." + f.getName(), f.getGenericType(), found);
            }
        }
        List<Executable> executables = new ArrayList<>();
        executables.addAll(Arrays.asList(c.getDeclaredConstructors()));
        executables.addAll(Arrays.asList(c.getDeclaredMethods()));
        for (Executable e : executables) {
            if (!visible(e.getModifiers()) || e.isSynthetic() || (e instanceof Method m && m.isBridge())) {
                continue;
            }
            String where = at + "#" + (e instanceof Constructor<?> ? "<init>" : e.getName()) + "("
                    + String.join(", ", Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName).toList()) + ")";
            if (e instanceof Method m) {
                collect(where, m.getGenericReturnType(), found);
            }
            for (Type t : e.getGenericParameterTypes()) {
                collect(where, t, found);
            }
            for (Type t : e.getGenericExceptionTypes()) {
                collect(where, t, found);
            }
            for (TypeVariable<?> v : e.getTypeParameters()) {
                collect(where, v, found);
            }
        }
        return found;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void collect(String where, Type type, Map<String, Class<?>> found) {
        collect(where, type, found, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void collect(String where, Type type, Map<String, Class<?>> found, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> k) {
            while (k.isArray()) {
                k = k.getComponentType();
            }
            if (!k.isPrimitive()) {
                found.putIfAbsent(where + " [" + k.getName() + "]", k);
            }
        } else if (type instanceof ParameterizedType p) {
            collect(where, p.getRawType(), found, seen);
            collect(where, p.getOwnerType(), found, seen);
            for (Type a : p.getActualTypeArguments()) {
                collect(where, a, found, seen);
            }
        } else if (type instanceof WildcardType w) {
            Stream.concat(Arrays.stream(w.getUpperBounds()), Arrays.stream(w.getLowerBounds()))
                    .forEach(b -> collect(where, b, found, seen));
        } else if (type instanceof GenericArrayType g) {
            collect(where, g.getGenericComponentType(), found, seen);
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                collect(where, b, found, seen);
            }
        }
    }

    private static Path location(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("location of " + anchor.getName() + " must be a file URI", e);
        }
    }

    /** The binary names of the io.kpiengine classes in a jar or a class directory. */
    private static List<String> classNames(Path location) {
        List<String> entries = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.filter(Files::isRegularFile)
                            .forEach(p -> entries.add(location.relativize(p).toString().replace('\\', '/')));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().forEach(e -> entries.add(e.getName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of " + location, e);
        }
        return entries.stream()
                .filter(e -> e.startsWith("io/kpiengine/") && e.endsWith(".class"))
                .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.'))
                .toList();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class " + name + " must be loadable", e);
        }
    }
}
