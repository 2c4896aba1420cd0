package io.kpiengine.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java snippets of the README compile against the library as it is, and the first one prints what its
 * comment lines say.
 */
class ReadmeTest {

    /** Every public package together (no clashes: ApiNamesTest), and Period by name (java.time has one). */
    static final String IMPORTS = """
            import io.kpiengine.core.*;
            import io.kpiengine.core.metric.*;
            import io.kpiengine.core.time.*;
            import io.kpiengine.core.time.Period;
            import io.kpiengine.formula.*;
            import io.kpiengine.data.*;
            import io.kpiengine.data.io.*;
            import io.kpiengine.quality.*;
            import java.nio.file.*;
            import java.time.*;
            import java.util.*;
            """;

    static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("kpi-examples"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The bodies of the ```java blocks. */
    static List<String> snippets() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(readme())) {
            if (line.equals("```java")) {
                block = new StringBuilder();
            } else if (line.equals("```") && block != null) {
                out.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return out;
    }

    @Test
    void readmeSnippets_compileAndTheFirstPrintsItsComment(@TempDir Path dir) throws Exception {
        List<String> snippets = snippets();
        assertThat(snippets).hasSize(4);
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            sources.add(Files.writeString(dir.resolve("Snippet" + i + ".java"), IMPORTS + "public class Snippet" + i
                    + " {\n    public static void run() throws Exception {\n" + snippets.get(i) + "    }\n}\n"));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics, List.of("-d", dir.toString(), "-classpath",
                    System.getProperty("java.class.path")), null, files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                errors.add(d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
            assertThat(errors).as("compiling the README snippets").isEmpty();
            assertThat(ok).isTrue();
        }

        List<String> expected = snippets.get(0).lines().filter(l -> l.startsWith("// "))
                .map(l -> l.substring(3)).toList();
        assertThat(expected).isNotEmpty();
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader()); PrintStream capture = new PrintStream(buffer, true,
                StandardCharsets.UTF_8)) {
            Method run = loader.loadClass("Snippet0").getMethod("run");
            System.setOut(capture);
            run.invoke(null);
        } finally {
            System.setOut(saved);
        }
        assertThat(buffer.toString(StandardCharsets.UTF_8).lines().toList()).isEqualTo(expected);
    }
}
