package httpbench.report.readme;

import httpbench.report.render.Legends;

import httpbench.report.render.Compare;
import httpbench.report.render.Load;
import httpbench.report.stats.Numbers;
import httpbench.report.read.ReportException;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;
import httpbench.report.render.Tables;
import httpbench.report.read.WarmupCap;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The README's generated sections, rebuilt from the committed run folders under {@code benchmarks-results/}:
 * {@code results} (newest suite run per JDK, their tables, charts and comparison) and {@code beyond} (Python
 * vs Java, scaling, cost per request). Each lives between {@code <!-- NAME:begin -->} and
 * {@code <!-- NAME:end -->}; the rest of the README is left alone.
 */
public final class ReadmeSections {
    private ReadmeSections() {}

    /** The committed runs and how the README refers to their folder. */
    record Context(List<Run> runs, String rel, Path results, String site) {}

    /** Where the reference pages live, relative to the README's folder (Maven's place for documentation). */
    public static final String SITE = "src/site/markdown";

    /** The link from a document whose results folder is at {@code rel} to the reference page {@code page}. */
    static String pageLink(String site, String page) {
        return site.isEmpty() || site.equals(".") ? page : site + "/" + page;
    }

    /**
     * A generated section: the text between {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->}. A required
     * section's markers must be in the README; an optional one is filled only when its markers are there. A new
     * section is one more entry here.
     */
    record Section(String name, boolean required, Function<Context, String> body) {
        String begin() { return "<!-- " + name + ":begin -->"; }
        String end() { return "<!-- " + name + ":end -->"; }
    }

    static final List<Section> SECTIONS = List.of(
            new Section("headline", false, c -> Headline.section(c.runs(), c.rel(), c.site())),
            new Section("results", true, c -> ResultsSection.results(c.runs(), c.rel())),
            new Section("beyond", false, c -> BeyondSection.beyond(c.runs(), c.rel())),
            new Section("load", false, c -> LoadSection.load(c.results(), c.rel())),
            new Section("clients", false, c -> StudySections.clients(c.results(), c.rel())),
            new Section("transport", false, c -> StudySections.transport(c.results(), c.rel())),
            new Section("article", false, c -> StudySections.article(c.results(), c.rel())),
            new Section("protocols", false, c -> Protocols.section(c.results(), c.rel())),
            new Section("statistics", false, c -> simulation(c.results())));

    /** The committed simulation figures ({@link httpbench.report.stats.Simulation}, written by {@code scripts/report.sh simulate}). */
    public static final String SIMULATION = "benchmarks-results/statistics-simulation.md";

    /** The simulation figures, verbatim from {@link #SIMULATION} beside the results folder. */
    static String simulation(Path results) {
        Path f = results.resolve("statistics-simulation.md");
        try {
            return Files.isRegularFile(f) ? Files.readString(f) + "\n"
                    : "No committed simulation yet: `scripts/report.sh simulate --out " + SIMULATION + "`.\n\n";
        } catch (java.io.IOException e) {
            throw new ReportException(f.toString(), "cannot read: " + e.getMessage());
        }
    }

    /**
     * The README with every generated section rebuilt from the run folders in {@code results}. {@code readme}
     * names the file in error messages; links are relative to its folder.
     */
    public static String apply(String text, Path readme, Path results) {
        return apply(Map.of(readme, text), results).get(readme);
    }

    /**
     * Every document (path to its text) with its generated sections rebuilt; a section is filled wherever its
     * markers are, and a required one must be in at least one document. Links are relative to each document's
     * folder; {@link #SITE} is taken to sit beside {@code results}.
     */
    public static Map<Path, String> apply(Map<Path, String> docs, Path results) {
        Map<Path, String> out = new LinkedHashMap<>();
        List<Run> runs = null;
        Path root = results.toAbsolutePath().normalize().getParent();
        for (Map.Entry<Path, String> d : docs.entrySet()) {
            Path base = d.getKey().toAbsolutePath().normalize().getParent();
            String rel = relative(base, results.toAbsolutePath().normalize());
            String site = relative(base, root.resolve(SITE));
            String text = d.getValue();
            for (Section s : SECTIONS) {
                if (!text.contains(s.begin()) && !text.contains(s.end())) continue;
                if (runs == null) runs = Run.runs(results); // only read the runs when a section needs them
                text = replace(text, d.getKey().toString(), s, s.body().apply(new Context(runs, rel, results, site)));
            }
            out.put(d.getKey(), text);
        }
        for (Section s : SECTIONS) {
            if (s.required() && docs.values().stream().noneMatch(t -> t.contains(s.begin()))) {
                Path first = docs.keySet().iterator().next();
                throw new ReportException(first.toString(), "no " + s.begin() + " ... " + s.end() + " markers"
                        + (docs.size() > 1 ? " in any of its " + docs.size() + " documents" : ""));
            }
        }
        return out;
    }

    static String relative(Path from, Path to) {
        String rel = from.relativize(to).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }

    /** The README and the reference pages under {@link #SITE} beside it (sorted), the README first. */
    public static List<Path> documents(Path readme) {
        List<Path> out = new ArrayList<>(List.of(readme));
        Path site = (readme.getParent() == null ? Path.of("") : readme.getParent()).resolve(SITE);
        if (!Files.isDirectory(site)) return out;
        try (Stream<Path> s = Files.list(site)) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new ReportException(site.toString(), "cannot list: " + e.getMessage());
        }
        return out;
    }

    static String replace(String text, String file, Section s, String body) {
        int a = text.indexOf(s.begin());
        int z = text.indexOf(s.end());
        if (a < 0 || z < 0) {
            throw new ReportException(file, "no " + s.begin() + " ... " + s.end() + " markers");
        }
        if (z < a || text.indexOf(s.begin(), a + 1) >= 0 || text.indexOf(s.end(), z + 1) >= 0) {
            throw new ReportException(file, "markers " + s.begin() + " ... " + s.end()
                    + " must appear once each, in this order");
        }
        return text.substring(0, a) + s.begin() + "\n" + body + s.end() + text.substring(z + s.end().length());
    }
}
