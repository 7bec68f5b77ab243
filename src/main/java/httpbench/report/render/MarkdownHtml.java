package httpbench.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The report's own Markdown (paragraphs, pipe tables, emphasis, code, links) as HTML, escaped, for the tables the HTML page embeds; links that leave the page are dropped to their text.
 */
public final class MarkdownHtml {
    private MarkdownHtml() {
    }

    /**
     * The subset of Markdown the report's own tables use, as HTML: paragraphs, pipe tables (numeric cells right
     * aligned), {@code `code`}, {@code **bold**}, {@code *emphasis*} and links. Everything is escaped first.
     */
    public static String markdown(String md) {
        StringBuilder b = new StringBuilder();
        List<String> block = new ArrayList<>();
        for (String line : (md + "\n").split("\n", -1)) {
            if (line.isBlank()) {
                flush(b, block);
                continue;
            }
            if (!block.isEmpty() && block.get(0).startsWith("|") != line.startsWith("|")) flush(b, block);
            block.add(line);
        }
        flush(b, block);
        return b.toString();
    }

    static void flush(StringBuilder b, List<String> block) {
        if (block.isEmpty()) return;
        if (block.get(0).startsWith("|")) {
            b.append("<table>\n");
            boolean head = block.size() > 1 && block.get(1).matches("\\|[-:| ]+\\|?\\s*");
            for (int i = 0; i < block.size(); i++) {
                if (head && i == 1) continue;
                String tag = head && i == 0 ? "th" : "td";
                b.append("<tr>");
                for (String cell : cells(block.get(i))) {
                    boolean num = tag.equals("td") && cell.matches("[-+]?[0-9.,]+.*") && !cell.contains("`");
                    b.append('<').append(tag).append(num ? " class=\"num\"" : "").append('>').append(inline(cell))
                            .append("</").append(tag).append('>');
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        } else {
            b.append("<p>");
            for (int i = 0; i < block.size(); i++) {
                String line = block.get(i);
                boolean br = line.endsWith("  ");
                b.append(inline(line.strip())).append(br ? "<br>\n" : i + 1 < block.size() ? "\n" : "");
            }
            b.append("</p>\n");
        }
        block.clear();
    }

    /** A pipe-table row's cells, trimmed (a {@code |} inside backticks stays in its cell). */
    public static List<String> cells(String row) {
        String s = row.strip();
        if (s.startsWith("|")) s = s.substring(1);
        if (s.endsWith("|")) s = s.substring(0, s.length() - 1);
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '`') code = !code;
            if (ch == '|' && !code) {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }

    static String inline(String text) {
        // code spans first, held aside so that * and [ inside them stay literal
        List<String> spans = new ArrayList<>();
        Matcher m = Html.CODE.matcher(text);
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            spans.add("<code>" + Html.esc(m.group(1)) + "</code>");
            m.appendReplacement(s, Matcher.quoteReplacement("\u0000" + (spans.size() - 1) + "\u0000"));
        }
        m.appendTail(s);
        String out = Html.esc(s.toString());
        out = Html.LINK.matcher(out).replaceAll(r -> Matcher.quoteReplacement(external(r.group(2))
                ? r.group(1) + " (" + r.group(2) + ")" : "<a href=\"" + r.group(2) + "\">" + r.group(1) + "</a>"));
        out = Html.BOLD.matcher(out).replaceAll("<b>$1</b>");
        out = Html.EM.matcher(out).replaceAll("<i>$1</i>");
        for (int i = 0; i < spans.size(); i++) out = out.replace("\u0000" + i + "\u0000", spans.get(i));
        return out;
    }

    /** A link that would leave the page's folder for the network: shown as text, so the page never fetches. */
    static boolean external(String href) {
        return href.contains("://") || href.startsWith("//");
    }
}
