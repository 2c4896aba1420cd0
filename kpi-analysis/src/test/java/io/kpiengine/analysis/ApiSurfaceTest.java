package io.kpiengine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported surface of {@code io.kpiengine.analysis}, read by reflection: no Hipparchus or internal type in a
 * public signature, and every public class closed to extension (final, record, enum or interface). The project-wide
 * {@code PublicApiTest} does the same across modules from their jars.
 */
class ApiSurfaceTest {

    @Test
    void publicSignatures_mentionNoHipparchusOrInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : exported()) {
            List<Type> types = new ArrayList<>();
            types.add(c.getGenericSuperclass());
            types.addAll(List.of(c.getGenericInterfaces()));
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    types.add(f.getGenericType());
                }
            }
            List<Executable> members = new ArrayList<>(List.of(c.getDeclaredConstructors()));
            members.addAll(List.of(c.getDeclaredMethods()));
            for (Executable e : members) {
                if (visible(e.getModifiers()) && !e.isSynthetic()) {
                    types.addAll(List.of(e.getGenericParameterTypes()));
                    types.addAll(List.of(e.getGenericExceptionTypes()));
                    if (e instanceof Method m) {
                        types.add(m.getGenericReturnType());
                    }
                }
            }
            for (Type t : types) {
                collect(t, c.getName(), leaks);
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void publicClasses_areClosedToExtension() {
        List<String> open = new ArrayList<>();
        for (Class<?> c : exported()) {
            boolean closed = Modifier.isFinal(c.getModifiers()) || c.isInterface() || c.isRecord() || c.isEnum()
                    || c.isSealed();
            if (!closed) {
                open.add(c.getName());
            }
        }
        assertThat(open).isEmpty();
    }

    private static void collect(Type t, String owner, List<String> leaks) {
        if (t == null) {
            return;
        }
        if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), owner, leaks);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, owner, leaks);
            }
        } else if (t instanceof Class<?> k) {
            while (k.isArray()) {
                k = k.getComponentType();
            }
            String name = k.getName();
            if (name.startsWith("org.hipparchus.") || name.contains(".internal.")) {
                leaks.add(owner + " -> " + name);
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<Class<?>> exported() {
        try {
            Path root = Path.of(Series.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = root.resolve("io/kpiengine/analysis");
            List<Class<?>> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String file = f.getFileName().toString();
                    if (file.endsWith(".class") && !file.equals("package-info.class")) {
                        Class<?> c = Class.forName("io.kpiengine.analysis." + file.substring(0, file.length() - 6));
                        if (Modifier.isPublic(c.getModifiers())) {
                            out.add(c);
                        }
                    }
                }
            }
            assertThat(out).hasSizeGreaterThan(30);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
