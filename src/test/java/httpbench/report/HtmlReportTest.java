package httpbench.report;

import httpbench.report.render.MarkdownHtml;

import httpbench.report.stats.Numbers;
import httpbench.report.read.Row;

import httpbench.report.render.Compare;
import httpbench.report.stats.ForkLevel;
import httpbench.report.render.Html;
import httpbench.report.render.Plots;
import httpbench.report.read.RunFile;
import httpbench.report.render.Tables;
import httpbench.report.stats.Verdicts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static httpbench.report.ReportTest.J17;
import static httpbench.report.ReportTest.ok;
import static httpbench.report.ReportTest.run;
import static httpbench.report.ReportTest.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report html}: a self-contained page whose plots and tables show the numbers the Markdown reports do. */
public class HtmlReportTest {

    /** Base and candidate: 5 forks x 5 iterations; the candidate's serial 2x slower and its jdkAsync at L=0 with one
     * fork on another level (30 % up). */
    static Path[] pair(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("base"));
        Files.createDirectories(dir.resolve("cand"));
        Path base = variant(dir.resolve("base"), "results.json", J17, a -> ReportTest.forked(a, 1, 5, 5, 0.01, 0.02, s -> 1));
        Path cand = variant(dir.resolve("cand"), "results.json", J17, a -> {
            ReportTest.forked(a, 2, 5, 5, 0.01, 0.02, s -> s.equals("serial") ? 2 : 1);
            for (JsonNode n : a) {
                if (!n.get("params").get("strategy").asText().equals("jdkAsync")
                        || !n.get("params").get("latencyMs").asText().equals("0")) continue;
                ArrayNode fork = (ArrayNode) ((ObjectNode) n.get("primaryMetric")).get("rawData").get(4);
                for (int i = 0; i < fork.size(); i++) fork.set(i, fork.get(i).asDouble() * 1.3);
            }
        });
        return new Path[] {base, cand};
    }

    @Test
    void aComparisonPageIsSelfContainedAndShowsTheTablesNumbers(@TempDir Path dir) throws Exception {
        Path[] p = pair(dir);
        Path out = dir.resolve("report.html");
        ok("html", p[0].getParent().toString(), p[1].getParent().toString(), "--out", out.toString());
        String page = Files.readString(out);

        // nothing that would make a request: no script, no external href/src, no CSS url() or @import
        assertFalse(page.contains("<script"), "no script");
        assertFalse(page.matches("(?s).*\\bsrc=.*"), "no src= attribute");
        assertFalse(page.contains("url(") || page.contains("@import"), "no CSS fetch");
        assertFalse(page.matches("(?s).*href=\"(//|[a-z]+://).*"), "no link to the network");

        // the tables are the Markdown reports' tables, cell for cell
        RunFile b = RunFile.read(p[0]);
        RunFile c = RunFile.read(p[1]);
        String md = Compare.markdown(List.of(b, c), Html::folderOf, ForkLevel.MARGIN)
                + "\n" + Tables.markdown(List.of(b)) + "\n" + Tables.markdown(List.of(c));
        assertEquals(HtmlCells.markdown(md), HtmlCells.html(page));

        // the dot plot: every fork's mean as a ring with its value, every row's estimate with its interval
        int forks = 0;
        for (RunFile f : List.of(b, c)) {
            for (Row r : f.rows()) {
                ForkLevel.Estimate e = r.estimate();
                forks += e.forks();
                for (int k = 0; k < e.forks(); k++) {
                    String t = r.strategy() + " fork #" + (k + 1) + " mean: " + Numbers.fmt(e.forkMeans()[k]);
                    assertTrue(page.contains(t), t);
                }
                String est = r.strategy() + ": " + e.cell() + " (" + e.forks() + " forks)";
                assertTrue(page.contains(est), est);
            }
        }
        assertEquals(forks, count(page, "fork #\\d+ mean: "));
        assertEquals(5 * forks, count(page, "<circle class=\"it\""), "every iteration a dot");
        // the candidate's jdkAsync at L=0 is flagged, and the flag says why
        assertTrue(page.matches("(?s).*⚠<title>forks disagree[,:] .*"), "the heterogeneous row carries a flag");

        // the forest plot: one ratio per compared row, serial red (slower), the rest not green or red
        List<Compare.Line> lines = Compare.lines(List.of(b, c), ForkLevel.MARGIN);
        assertEquals(lines.size(), count(page, "<circle class=\"ratio\""));
        Matcher m = Pattern.compile("<circle class=\"ratio\"[^>]*fill=\"(#[0-9a-f]+)\"><title>([^<]*)</title>").matcher(page);
        int seen = 0;
        while (m.find()) {
            seen++;
            boolean serial = m.group(2).startsWith("serial,");
            assertEquals(serial, m.group(1).equals(Plots.VERDICT_COLOURS.get(Verdicts.Verdict.SLOWER)), m.group(2));
            assertFalse(m.group(1).equals(Plots.VERDICT_COLOURS.get(Verdicts.Verdict.FASTER)), m.group(2));
        }
        assertEquals(lines.size(), seen);
    }

    @Test
    void aCompareFolderReadsTheRunsItNames(@TempDir Path dir) throws Exception {
        Path[] p = pair(dir);
        Path cmp = Files.createDirectories(dir.resolve("cmp"));
        // as run.sh writes it: paths relative to the checkout, which need not be the working directory here
        Path md = cmp.resolve("compare.md");
        ok("compare", p[0].toString(), p[1].toString(), "--out", md.toString());
        Files.writeString(md, Files.readString(md).replace(dir.toString() + "/", "benchmarks-results/"));
        Path out = dir.resolve("cmp.html");
        ok("html", cmp.toString(), "--out", out.toString());
        Path direct = dir.resolve("direct.html");
        ok("html", p[0].toString(), p[1].toString(), "--out", direct.toString());
        assertEquals(Files.readString(direct), Files.readString(out));
    }

    @Test
    void oneRunHasNoForestPlot(@TempDir Path dir) throws Exception {
        Path[] p = pair(dir);
        Path out = dir.resolve("one.html");
        ok("html", p[0].getParent().toString(), "--out", out.toString());
        String page = Files.readString(out);
        assertEquals(0, count(page, "<circle class=\"ratio\""));
        assertEquals(HtmlCells.markdown(Tables.markdown(List.of(RunFile.read(p[0])))), HtmlCells.html(page));
    }

    @Test
    void badInputIsOneLine(@TempDir Path dir) throws Exception {
        Path[] p = pair(dir);
        ReportTest.Out missing = run("html", dir.resolve("nope").toString(), "--out", dir.resolve("x.html").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().matches("error: .*nope: no such file or folder\\s*"), missing.err());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        ReportTest.Out notRun = run("html", empty.toString(), "--out", dir.resolve("x.html").toString());
        assertEquals(2, notRun.code());
        assertTrue(notRun.err().contains("neither a run folder"), notRun.err());
        Path out = Files.writeString(dir.resolve("taken.html"), "keep");
        ReportTest.Out exists = run("html", p[0].toString(), "--out", out.toString());
        assertEquals(2, exists.code());
        assertEquals("keep", Files.readString(out), "an existing file is not overwritten without --force");
        assertFalse(Files.exists(dir.resolve("x.html")));
    }

    @Test
    void markdownSubset() {
        assertEquals("<p><b>JDK</b> <i>ms/op</i> <code>a*b*c</code> &lt;x&gt; &amp;</p>\n",
                MarkdownHtml.markdown("**JDK** *ms/op* `a*b*c` <x> &"));
        assertEquals("<p>see <a href=\"x.md\">x</a> and y (https://e.org)</p>\n",
                MarkdownHtml.markdown("see [x](x.md) and [y](https://e.org)"));
        assertEquals(List.of("`a|b`", "c"), MarkdownHtml.cells("| `a|b` | c |"));
        assertEquals("1", Plots.tick(1.0000000001));
        assertEquals("0.2", Plots.tick(2 * Math.pow(10, -1)));
    }

    static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
