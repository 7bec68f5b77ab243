package httpbench.report.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one Markdown table writer: its cells, its alignment row, and a row that does not fit its header. */
class MdTableTest {
    @Test
    void writesHeaderAlignmentAndRows() {
        String t = new MdTable("lrl", "row", "ms", "note").row("`serial`", "1,001", "").row("a", "2", "b").toString();
        assertEquals("| row | ms | note |\n|---|---:|---|\n| `serial` | 1,001 |  |\n| a | 2 | b |\n", t);
    }

    @Test
    void aRowWithMoreOrFewerCellsThanTheHeaderFails() {
        MdTable t = new MdTable("lr", "row", "ms");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.row("a", "1", "extra"));
        assertTrue(e.getMessage().startsWith("3 cells for 2 columns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.row("a"));
        assertThrows(NullPointerException.class, () -> t.row("a", null), "a missing value is written n/a, never null");
    }

    @Test
    void theAlignmentNamesEachColumnOnce() {
        assertThrows(IllegalArgumentException.class, () -> new MdTable("l", "row", "ms"));
        assertThrows(IllegalArgumentException.class, () -> new MdTable("lc", "row", "ms"));
    }
}
