package httpbench.report.render;

import java.util.List;

/**
 * A Markdown table: the header, the alignment row, then a line per row. Every Markdown table the report writes is
 * built here, so a cell is written one way ({@code "| a | b |"}, an empty cell {@code "|  |"}) and a row with more or
 * fewer cells than the header fails at once instead of shifting its columns.
 */
public final class MdTable {
    private final StringBuilder b = new StringBuilder();
    private final int width;

    /**
     * @param align  one letter a column: {@code l} left ({@code ---}) or {@code r} right ({@code ---:}), for numbers
     * @param header the columns' names
     */
    public MdTable(String align, List<String> header) {
        if (align.length() != header.size() || !align.matches("[lr]*")) {
            throw new IllegalArgumentException("align '" + align + "' for " + header.size() + " columns: one l or r each");
        }
        width = header.size();
        line(header);
        b.append('|');
        for (char c : align.toCharArray()) b.append(c == 'r' ? "---:|" : "---|");
        b.append('\n');
    }

    public MdTable(String align, String... header) {
        this(align, List.of(header));
    }

    public MdTable row(List<String> cells) {
        if (cells.size() != width) {
            throw new IllegalArgumentException(cells.size() + " cells for " + width + " columns: " + cells);
        }
        line(cells);
        return this;
    }

    public MdTable row(String... cells) {
        return row(List.of(cells));
    }

    private void line(List<String> cells) {
        b.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** The table, its last line ended by a newline (no blank line after it). */
    @Override
    public String toString() {
        return b.toString();
    }
}
