package httpbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of the tables of an HTML page (as written, or as a browser's DOM dump) and of Markdown tables, in one
 * form, so a test can say that the page shows exactly the numbers of the Markdown tables.
 */
public final class HtmlCells {
    private HtmlCells() {}

    static final Pattern TABLE = Pattern.compile("<table>(.*?)</table>", Pattern.DOTALL);
    static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    static final Pattern CELL = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL);

    /** Every table of the page: rows of cell texts (tags removed, entities decoded). */
    static List<List<List<String>>> html(String page) {
        List<List<List<String>>> out = new ArrayList<>();
        Matcher t = TABLE.matcher(page);
        while (t.find()) {
            List<List<String>> rows = new ArrayList<>();
            Matcher r = ROW.matcher(t.group(1));
            while (r.find()) {
                List<String> cells = new ArrayList<>();
                Matcher c = CELL.matcher(r.group(1));
                while (c.find()) cells.add(text(c.group(1)));
                rows.add(cells);
            }
            out.add(rows);
        }
        return out;
    }

    static String text(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&").strip();
    }

    /** Every Markdown table: rows of cell texts, header first, without the separator line or inline markup. */
    static List<List<List<String>>> markdown(String md) {
        List<List<List<String>>> out = new ArrayList<>();
        for (Md t : Md.tables(md)) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(plain(t.header()));
            for (List<String> r : t.rows()) rows.add(plain(r));
            out.add(rows);
        }
        return out;
    }

    static List<String> plain(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) out.add(c.replace("`", "").replace("**", "").replaceAll("(?<![*\\w])\\*([^*\\s][^*]*?)\\*(?![*\\w])", "$1").strip());
        return out;
    }
}
