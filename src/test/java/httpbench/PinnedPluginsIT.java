package httpbench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The enforcer's requirePluginVersions rule guards the pom: the project's pom passes {@code validate}, and the
 * same pom with one plugin added without a version fails it, naming the plugin. Offline (every plugin the rule
 * needs was fetched by the build running this test). Tagged "full": two Maven starts, a few seconds each.
 */
@Tag("full")
class PinnedPluginsIT {
    static final String UNPINNED = """
                <plugin>
                  <groupId>org.apache.maven.plugins</groupId>
                  <artifactId>maven-antrun-plugin</artifactId>
                </plugin>
            """;

    static JarProcess.Result validate(Path pom) throws Exception {
        return JarProcess.exec(List.of("mvn", "-B", "-o", "-q", "validate", "-f", pom.toString()), 120);
    }

    @Test
    @Timeout(300)
    void aPluginWithoutAVersionFailsTheBuild(@TempDir Path tmp) throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Path ok = Files.createDirectories(tmp.resolve("ok")).resolve("pom.xml");
        Files.writeString(ok, pom);
        JarProcess.Result pass = validate(ok);
        assertEquals(0, pass.exit(), "the project's own pom must pass: " + pass.out() + pass.err());

        String marker = "    <plugins>\n";
        int at = pom.indexOf(marker, pom.indexOf("</pluginManagement>"));
        assertTrue(at > 0, "the build's <plugins> after <pluginManagement>");
        String broken = pom.substring(0, at + marker.length()) + UNPINNED + pom.substring(at + marker.length());
        Path bad = Files.createDirectories(tmp.resolve("bad")).resolve("pom.xml");
        Files.writeString(bad, broken);
        JarProcess.Result fail = validate(bad);
        String all = fail.out() + fail.err();
        assertNotEquals(0, fail.exit(), "an unpinned plugin must fail the build: " + all);
        assertTrue(all.contains("RequirePluginVersions") && all.contains("maven-antrun-plugin"), all);
    }
}
