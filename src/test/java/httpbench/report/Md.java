package httpbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the Markdown tables a report printed, so tests look cells up by row and column name. */
public record Md(List<String> header, List<List<String>> rows) {

    static List<Md> tables(String text) {
        List<Md> out = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : (text + "\n").lines().toList()) {
            if (line.startsWith("|")) {
                block.add(line);
            } else if (!block.isEmpty()) {
                out.add(parse(block));
                block = new ArrayList<>();
            }
        }
        if (!block.isEmpty()) out.add(parse(block));
        return out;
    }

    static List<String> cells(String line) {
        String t = line.strip();
        t = t.substring(1, t.length() - 1);
        return Arrays.stream(t.split("\\|", -1)).map(String::strip).toList();
    }

    static Md parse(List<String> block) {
        List<List<String>> rows = new ArrayList<>();
        for (String l : block.subList(2, block.size())) rows.add(cells(l));
        return new Md(cells(block.get(0)), rows);
    }

    /** The first table that has this column. */
    static Md withColumn(String text, String column) {
        return tables(text).stream().filter(t -> t.header().contains(column)).findFirst()
                .orElseThrow(() -> new AssertionError("no table with column '" + column + "' in:\n" + text));
    }

    List<String> row(String first) {
        return rows.stream().filter(r -> r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in " + rows));
    }

    String cell(String first, String column) {
        int i = header.indexOf(column);
        if (i < 0) throw new AssertionError("no column '" + column + "' in " + header);
        return row(first).get(i);
    }
}
