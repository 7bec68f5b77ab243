package httpbench.report;

import httpbench.report.render.Compare;
import httpbench.report.stats.ForkLevel;
import httpbench.report.render.Html;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;
import httpbench.report.render.Tables;

import httpbench.report.render.Load;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed reference comparison's HTML report opened in headless Chromium (Debian's {@code chromium}; .ci/run
 * installs it and sets HTTPBENCH_REQUIRE_BROWSER=1, so CI cannot skip this): no console message, no request,
 * a screenshot (target/report-screenshot.png), and the tables of the rendered page equal the Markdown tables of
 * the same runs.
 */
@Tag("full")
public class HtmlBrowserIT {
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--enable-logging=stderr", "--v=1");

    static Path browser() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    record Load(int code, String out, String log) {}

    /** Opens the page with a fresh, empty profile; {@code extra}: --dump-dom or --screenshot=... */
    static Load load(Path browser, Path page, Path work, String... extra) throws Exception {
        Path profile = Files.createTempDirectory(work, "profile");
        List<String> cmd = new ArrayList<>(List.of(browser.toString()));
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + profile);
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path out = work.resolve("out-" + System.nanoTime());
        Path err = work.resolve("err-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within 90 s: " + String.join(" ", cmd));
        }
        return new Load(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * What the page did beyond rendering itself, from Chromium's verbose log (--v=1; headless Chromium logs every
     * console message as "CONSOLE" whatever its level, and every load it starts): any console message (the page
     * has no script, so any is a problem) and any request other than the page itself (it needs none, so every
     * request would be one that fails offline).
     */
    static List<String> problems(String log, Path page) {
        String self = page.toUri().toString();
        List<String> out = new ArrayList<>();
        for (String line : log.lines().toList()) {
            if (line.contains(":CONSOLE")) out.add(line);
            for (String marker : List.of("FileURLLoader::Start: ", "NotifyBeforeURLRequest: ")) {
                int i = line.indexOf(marker);
                if (i < 0) continue;
                String url = line.substring(i + marker.length()).strip();
                if (url.equals(self) || url.equals(self.replace("file:///", "file:/")) || browsersOwn(url)) continue;
                out.add(line);
            }
        }
        return out;
    }

    /**
     * Chromium's own calls home (time, accounts, "folae"; from Chromium 156 on also its component updater at
     * update.googleapis.com, despite --disable-component-update), made by the browser process whatever the page and
     * despite --disable-background-networking; a page cannot cause them (HtmlReportTest checks that the page names
     * no network address at all). Seen when .ci/run installed Chromium 156 where 150 had been.
     */
    static boolean browsersOwn(String url) {
        java.net.URI u;
        try {
            u = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = u.getHost() == null ? "" : u.getHost();
        for (String google : List.of("google.com", "googleapis.com", "gvt1.com")) {
            if (host.equals(google) || host.endsWith("." + google)) return true;
        }
        return false;
    }

    /** Chromium, or the test is skipped (failed where HTTPBENCH_REQUIRE_BROWSER=1, as in .ci/run). */
    static Path requiredBrowser() throws Exception {
        Path browser = browser();
        if (browser == null) {
            if ("1".equals(System.getenv("HTTPBENCH_REQUIRE_BROWSER"))) fail("chromium is not on the PATH");
            Assumptions.abort("chromium is not on the PATH (apt-get install chromium); .ci/run installs it");
        }
        return browser;
    }

    /** The newest committed comparison folder whose runs are there. */
    static Path reference() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("benchmarks-results"))) {
            return s.filter(d -> d.getFileName().toString().matches("\\d{4}-\\d\\d-\\d\\d-compare-.*"))
                    .filter(d -> Files.isRegularFile(d.resolve("compare.md")))
                    .max(Comparator.comparing(d -> d.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no committed compare folder in benchmarks-results"));
        }
    }

    @Test
    void theReferenceReportRendersWithoutErrorsAndShowsTheTablesNumbers(@TempDir Path dir) throws Exception {
        Path browser = requiredBrowser();
        // the detector first: a page with a console message, a missing file and a network request shows all three
        Path bad = Files.writeString(dir.resolve("bad.html"), "<!DOCTYPE html><html><body><img src=\"missing.png\">"
                + "<img src=\"http://127.0.0.1:9/net.png\"><script>console.error('deliberate')</script></body></html>");
        List<String> seen = problems(load(browser, bad, dir, "--dump-dom").log(), bad);
        for (String want : List.of("deliberate", "missing.png", "net.png")) {
            assertTrue(seen.stream().anyMatch(l -> l.contains(want)), want + " not detected:\n" + seen);
        }

        checkPage(browser, dir, reference(), "report.html", "target/report-screenshot.png");
    }

    /** A single run's page too: the reference comparison's first run folder (the base). */
    @Test
    void aSingleRunsReportRendersWithoutErrorsAndShowsItsTablesNumbers(@TempDir Path dir) throws Exception {
        Path browser = requiredBrowser();
        Path run = Html.resolve(List.of(reference())).get(0).getParent();
        checkPage(browser, dir, run, "run.html", "target/run-report-screenshot.png");
    }

    /**
     * Renders {@code input} (a run or compare folder) with {@code report html}, opens it, and checks no console
     * message or request, the tables equal the Markdown tables of the same runs, every estimate in the dot plot, and
     * a screenshot (copied to {@code keep} to look at).
     */
    private static void checkPage(Path browser, Path dir, Path input, String name, String keep) throws Exception {
        Path page = dir.resolve(name);
        StringWriter err = new StringWriter();
        int code = ReportMain.execute(new String[] {"html", input.toString(), "--out", page.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());

        Load dom = load(browser, page, dir, "--dump-dom");
        assertEquals(0, dom.code(), dom.log());
        assertEquals(List.of(), problems(dom.log(), page), "console messages or requests");
        List<RunFile> runs = Cli.read(Html.resolve(List.of(input)));
        StringBuilder md = new StringBuilder(runs.size() > 1 ? Compare.markdown(runs, Html::folderOf, ForkLevel.MARGIN) : "");
        for (RunFile f : runs) md.append('\n').append(Tables.markdown(List.of(f)));
        assertEquals(HtmlCells.markdown(md.toString()), HtmlCells.html(dom.out()),
                "the rendered page's tables are the Markdown tables of the same runs");
        for (RunFile f : runs) {
            for (Row r : f.rows()) {
                String est = r.strategy() + ": " + r.estimate().cell();
                assertTrue(dom.out().contains(est), "the dot plot shows " + est);
            }
        }

        Path shot = dir.resolve(name + ".png");
        Load s = load(browser, page, dir, "--screenshot=" + shot, "--window-size=1200,2400", "--hide-scrollbars");
        assertEquals(0, s.code(), s.log());
        assertEquals(List.of(), problems(s.log(), page));
        assertTrue(Files.isRegularFile(shot) && Files.size(shot) > 20_000, "a screenshot with content: " + shot);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
    }
}
