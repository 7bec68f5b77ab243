package httpbench.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The Markdown of a wide table: one line per strategy, the columns of each parameter set side by side, and a note column with the rows' marks naming their parameter set.
 */
public final class WideTable {
    private WideTable() {
    }

    static String render(List<SortedMap<String, String>> chunk, Map<String, Map<String, Line>> byStrategy,
                         Map<SortedMap<String, String>, List<Tables.Column>> columns, boolean notes, Set<String> vary) {
        List<String> header = new ArrayList<>(List.of("strategy"));
        StringBuilder align = new StringBuilder("l");
        for (SortedMap<String, String> k : chunk) {
            for (Tables.Column c : columns.get(k)) {
                header.add(c.header());
                align.append('r');
            }
        }
        if (notes) {
            header.add("note");
            align.append('l');
        }
        MdTable t = new MdTable(align.toString(), header);
        for (Map.Entry<String, Map<String, Line>> s : byStrategy.entrySet()) {
            List<String> cells = new ArrayList<>(List.of("`" + s.getKey() + "`"));
            String note = "";
            List<String> marks = new ArrayList<>();
            for (SortedMap<String, String> k : chunk) {
                Line l = s.getValue().get(k.toString());
                if (l != null && !l.note.isEmpty()) note = l.note;
                // per parameter set its marks, naming the forks: "L=0 ms: not steady (fork #1 trends +41 %)"
                String m = l == null ? "" : Cells.marks(l.row);
                if (!m.isEmpty()) marks.add(tag(k, vary) + m);
                for (Tables.Column c : columns.get(k)) cells.add(l == null ? "n/a" : c.cell().of(l));
            }
            if (!marks.isEmpty()) note = String.join("; ", marks) + (note.isEmpty() ? "" : "; " + note);
            if (notes) cells.add(note);
            t.row(cells);
        }
        return t + "\n";
    }

    /** "mark" when every present parameter set has it, else "mark (L=0 ms; ...)". */
    static String marked(String mark, List<String> where, int present) {
        return where.size() == present || where.stream().allMatch(String::isEmpty) ? mark
                : mark + " (" + String.join("; ", where) + ")";
    }

    static String tag(SortedMap<String, String> k, Set<String> vary) {
        String t = Groups.label(k, vary);
        return t.isEmpty() ? "" : t + ": ";
    }
}
