package httpbench.jmh;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's methodology section is what the code says; a stale README fails the build. */
class MethodologyTest {

    @Test
    void readmeMethodologyMatchesTheCode() throws Exception {
        String readme = Files.readString(Path.of("src/site/markdown/methodology.md"));
        assertEquals(Methodology.replaced(readme), readme,
                "README methodology section is stale: run scripts/methodology.sh --write");
    }

    /** Every row has its line; the settings on it are read from the clients' objects (ClientSettingsTest). */
    @Test
    void generatedTextNamesEveryRow() {
        String md = Methodology.markdown();
        for (String s : httpbench.strategy.Registry.names()) assertTrue(md.contains("| `" + s + "`"), s);
    }

    @Test
    void missingMarkersAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> Methodology.replaced("# no markers here\n"));
    }
}
