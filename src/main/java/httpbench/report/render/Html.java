package httpbench.report.render;

import httpbench.report.read.ReportException;
import httpbench.report.read.RunFile;
import httpbench.report.stats.Verdicts;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code report html}: one self-contained HTML page for one or more runs (a comparison when there are two or
 * more, the first being the base). Inline SVG and CSS only: no script, font, image or other request, so it works
 * offline and as a CI artifact. The page holds the environment, per parameter set a dot plot of every row (each
 * fork's iterations, each fork's mean and the fork-level 95 % interval: a row whose forks sit on two levels shows
 * two clusters), for a comparison a forest plot of the ratios coloured by verdict, and the same Markdown tables as
 * {@code report tables} / {@code report compare}, rendered, so the page's numbers are the tables' numbers.
 */
public final class Html {
    private Html() {}

    // ---------------------------------------------------------------------------------------------- inputs

    /**
     * The result files of the arguments: a run folder (its results.json), a results file, a comparison (a compare
     * folder's compare.md, or any compare*.md: the result files it names, found as given, or as sibling folders of
     * its folder).
     */
    public static List<Path> resolve(List<Path> args) {
        List<Path> out = new ArrayList<>();
        for (Path a : args) {
            if (Files.isRegularFile(a) && a.getFileName().toString().endsWith(".md")) {
                out.addAll(compared(a));
            } else if (Files.isRegularFile(a)) {
                out.add(a);
            } else if (Files.isRegularFile(a.resolve("results.json"))) {
                out.add(a.resolve("results.json"));
            } else if (Files.isRegularFile(a.resolve("compare.md"))) {
                out.addAll(compared(a.resolve("compare.md")));
            } else if (Files.isDirectory(a)) {
                throw new ReportException(a.toString(), "neither a run folder (results.json) nor a compare folder "
                        + "(compare.md)");
            } else {
                throw new ReportException(a.toString(), "no such file or folder");
            }
        }
        return out;
    }

    static final Pattern COMPARED = Pattern.compile("^(?:Base|Candidate) \\*\\*.*`([^`]+\\.json)`\\s*$");

    /** The result files a comparison's Markdown ({@code md}) names in its header lines, base first. */
    static List<Path> compared(Path md) {
        Path folder = md.toAbsolutePath().getParent();
        List<String> lines;
        try {
            lines = Files.readAllLines(md);
        } catch (IOException e) {
            throw new ReportException(md.toString(), "cannot read: " + e.getMessage());
        }
        List<Path> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = COMPARED.matcher(line);
            if (!m.matches()) continue;
            Path named = Path.of(m.group(1));
            Path sibling = named.getParent() == null || folder.toAbsolutePath().getParent() == null ? null
                    : folder.toAbsolutePath().getParent().resolve(named.getParent().getFileName()).resolve(named.getFileName());
            Path inside = named.getParent() == null ? null
                    : folder.resolve(named.getParent().getFileName()).resolve(named.getFileName());
            if (sibling != null && Files.isRegularFile(sibling)) out.add(sibling);
            else if (inside != null && Files.isRegularFile(inside)) out.add(inside);
            else if (Files.isRegularFile(named)) out.add(named);
            else throw new ReportException(md.toString(), "names " + named + ", which is not there");
        }
        if (out.size() < 2) throw new ReportException(md.toString(), "names fewer than two result files");
        return out;
    }

    // ---------------------------------------------------------------------------------------------- the page

    /** The page for the runs ({@code margin}: the comparison's equivalence margin). */
    public static String page(List<RunFile> runs, double margin) {
        List<String> names = runs.size() > 1 ? Compare.names(runs) : List.of(runs.get(0).jdkVersion());
        StringBuilder b = new StringBuilder();
        String title = runs.size() > 1 ? "httpbench comparison: " + String.join(" vs ", names)
                : "httpbench run: JDK " + names.get(0);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
        b.append("<p class=\"lead\">ms per batch of n GET requests to the embedded server. Every number is a "
                + "fork-level estimate: the geometric mean of the fork means (a fork is a fresh JVM) with a 95 % "
                + "interval from Student's t on the log fork means. In the plots each small dot is one measured "
                + "iteration, each ring one fork's mean, the bar the 95 % interval and the tick the estimate; "
                + "forks on different levels show as separate clusters.</p>\n");
        b.append(legendOfRuns(runs));
        if (runs.size() > 1) {
            b.append("<h2 id=\"comparison\">Comparison</h2>\n");
            forest(b, runs, names, margin);
        }
        b.append("<h2 id=\"rows\">Rows</h2>\n");
        dots(b, runs, names);
        b.append("<h2 id=\"environment\">Environment</h2>\n");
        for (int i = 0; i < runs.size(); i++) environment(b, runs.get(i), names.get(i), Plots.colour(i));
        b.append(tables(runs, names, margin));
        b.append("<p class=\"foot\">Written by <code>scripts/report.sh html</code> from ");
        for (int i = 0; i < runs.size(); i++) {
            b.append(i == 0 ? "" : ", ").append("<code>").append(esc(folderOf(runs.get(i)))).append("</code>");
        }
        b.append(".</p>\n</body>\n</html>\n");
        return b.toString();
    }

    /** One line per run under the title: its colour in the plots, JDK, settings and machine. */
    private static String legendOfRuns(List<RunFile> runs) {
        StringBuilder b = new StringBuilder("<p>");
        for (int i = 0; i < runs.size(); i++) {
            b.append(i == 0 ? "" : "<br>\n").append("<span class=\"swatch\" style=\"background:")
                    .append(Plots.colour(i)).append("\"></span>").append(esc(runs.get(i).jdkLine())).append(" · ")
                    .append(esc(runs.get(i).settings())).append(runs.get(i).machine().isEmpty() ? ""
                            : " · " + esc(runs.get(i).machine()));
        }
        return b.append(" (all of it under <a href=\"#environment\">Environment</a>)</p>\n").toString();
    }

    /** The Markdown tables, rendered: the comparison's (several runs), then each run's. */
    private static String tables(List<RunFile> runs, List<String> names, double margin) {
        StringBuilder b = new StringBuilder("<h2 id=\"tables\">Tables</h2>\n");
        if (runs.size() > 1) {
            b.append("<section class=\"md\" data-table=\"compare\">\n")
                    .append(MarkdownHtml.markdown(Compare.markdown(runs, f -> folderOf(f), margin))).append("</section>\n");
        }
        for (int i = 0; i < runs.size(); i++) {
            b.append("<h3>").append(esc(names.get(i))).append("</h3>\n<section class=\"md\" data-table=\"run-")
                    .append(i).append("\">\n").append(MarkdownHtml.markdown(Tables.markdown(List.of(runs.get(i)))))
                    .append("</section>\n");
        }
        return b.toString();
    }

    static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto; \
            max-width: 1100px; padding: 0 1em; color: #1f2328; line-height: 1.45; }
            h1 { font-size: 1.5em; } h2 { margin-top: 2em; border-bottom: 1px solid #d0d7de; }
            code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.92em; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.85em; }
            th, td { border: 1px solid #d0d7de; padding: 3px 6px; vertical-align: top; }
            th { background: #f6f8fa; } td.num { text-align: right; white-space: nowrap; }
            dl.env { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; font-size: 0.85em; }
            dl.env dt { font-weight: 600; } dl.env dd { margin: 0; }
            .swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%; margin-right: 0.4em; \
            vertical-align: -0.1em; }
            svg { display: block; margin: 0.5em 0 1.5em; max-width: 100%; height: auto; }
            .md p { font-size: 0.85em; } .foot { color: #57606a; font-size: 0.85em; margin-top: 3em; }
            """;

    public static String folderOf(RunFile f) {
        Path dir = f.path().toAbsolutePath().getParent();
        return dir == null || dir.getFileName() == null ? f.path().toString()
                : dir.getFileName() + "/" + f.path().getFileName();
    }

    static void environment(StringBuilder b, RunFile f, String name, String colour) {
        b.append("<h3><span class=\"swatch\" style=\"background:").append(colour).append("\"></span>")
                .append(esc(name)).append("</h3>\n<dl class=\"env\">\n");
        item(b, "JDK", f.jdkLine());
        item(b, "settings", f.settings());
        if (!f.machine().isEmpty()) item(b, "machine", f.machine());
        item(b, "results", folderOf(f));
        JsonNode e = f.environment();
        if (e != null) {
            for (var it = e.fields(); it.hasNext(); ) {
                var field = it.next();
                if (field.getValue().isValueNode()) item(b, field.getKey(), field.getValue().asText());
            }
        } else {
            item(b, "environment", "no environment.json beside the results");
        }
        b.append("</dl>\n");
    }

    static void item(StringBuilder b, String k, String v) {
        b.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>\n");
    }

    // ---------------------------------------------------------------------------------------------- plots

    static void dots(StringBuilder b, List<RunFile> runs, List<String> names) {
        for (Plots.Panel p : Plots.panels(runs, names)) {
            b.append("<h3>").append(esc(p.title())).append("</h3>\n");
            Canvas.Svg s = new Canvas.Svg();
            Plots.dots(s, p, 0, true);
            b.append(Canvas.Svg.open(Plots.WIDTH, p.height(), p.title() + ": dot plot")).append(s.b).append("</svg>\n");
        }
    }

    static void forest(StringBuilder b, List<RunFile> runs, List<String> names, double margin) {
        b.append("<p>Ratio candidate / base of the rows' estimates with its 95 % interval (Welch's t on the log fork "
                + "means). The shaded band is the equivalence margin (±").append(Plots.tick(100 * margin))
                .append(" %). Colours: ");
        String[][] legend = {{"faster", "FASTER"}, {"slower", "SLOWER"}, {"equivalent", "EQUIVALENT"},
            {"inconclusive", "INCONCLUSIVE"}};
        for (int i = 0; i < legend.length; i++) {
            b.append(i == 0 ? "" : ", ").append("<b style=\"color:")
                    .append(Plots.VERDICT_COLOURS.get(Verdicts.Verdict.valueOf(legend[i][1]))).append("\">")
                    .append(legend[i][0]).append("</b>");
        }
        b.append(" (Holm over the whole table; <i>inconclusive</i> is not \"no difference\").</p>\n");
        for (Plots.Forest f : ForestPlot.forests(runs, names, margin)) {
            b.append("<h3>").append(esc(f.title())).append("</h3>\n");
            if (f.labels().isEmpty()) {
                b.append("<p>No row in common.</p>\n");
                continue;
            }
            Canvas.Svg s = new Canvas.Svg();
            ForestPlot.forest(s, f, 0);
            b.append(Canvas.Svg.open(Plots.WIDTH, f.height(), "forest plot of the ratios " + f.title())).append(s.b)
                    .append("</svg>\n");
        }
    }

    // ---------------------------------------------------------------------------------------------- Markdown

    static final Pattern CODE = Pattern.compile("`([^`]+)`");
    static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    static final Pattern EM = Pattern.compile("(?<![*\\w])\\*([^*\\s][^*]*?)\\*(?![*\\w])");
    static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
