package io.kpiengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM users import names every artifact they can depend on, at the reactor's version: every module of the
 * build but the BOM itself, the course of examples and the benchmarks.
 */
class BomTest {

    static final List<String> NOT_PUBLISHED = List.of("kpi-bom", "kpi-examples", "kpi-benchmarks");

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("kpi-bom/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("kpi-bom/pom.xml not found above " + Path.of("").toAbsolutePath());
    }

    static List<String> all(String regex, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void bom_listsEveryPublishedModule_atTheProjectVersion() throws IOException {
        String parent = Files.readString(root().resolve("pom.xml"));
        String bom = Files.readString(root().resolve("kpi-bom/pom.xml"));
        List<String> modules = new ArrayList<>(all("<module>([^<]+)</module>", parent));
        modules.removeAll(NOT_PUBLISHED);
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"));
        assertThat(all("<artifactId>([^<]+)</artifactId>", managed)).containsExactlyInAnyOrderElementsOf(modules);
        assertThat(all("<version>([^<]+)</version>", managed)).containsOnly("${project.version}");
        String parentVersion = all("<version>([^<]+)</version>", parent).get(0);
        assertThat(all("<version>([^<]+)</version>", bom).get(0)).isEqualTo(parentVersion);
    }
}
