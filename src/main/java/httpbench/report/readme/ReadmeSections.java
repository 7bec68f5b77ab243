package httpbench.report.readme;

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
            new Section("results", true, c -> results(c.runs(), c.rel())),
            new Section("beyond", false, c -> beyond(c.runs(), c.rel())),
            new Section("load", false, c -> load(c.results(), c.rel())),
            new Section("clients", false, c -> clients(c.results(), c.rel())),
            new Section("transport", false, c -> transport(c.results(), c.rel())),
            new Section("article", false, c -> article(c.results(), c.rel())),
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

    record Run(Path dir, RunFile file) {
        String folder() { return dir.getFileName().toString(); }
        int major() {
            String v = file.jdkVersion();
            try {
                return Integer.parseInt(v.split("[.+-]")[0]);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        boolean python() { return file.rows().stream().anyMatch(r -> r.harness() != null); }
        boolean scaling() { return folder().contains("-scaling"); }
        /**
         * Made with other than the suite's defaults: its JMH args (environment.json) name rows or parameters
         * ({@code -p}) or JVM settings ({@code -jvm}, {@code -jvmArgs...}), as a study of some rows does (e.g.
         * scripts/variance.sh); such a run is never the README's suite run, however new.
         */
        boolean study() {
            JsonNode e = file.environment();
            return e != null && STUDY_ARGS.matcher(e.path("jmhArgs").asText("")).find();
        }
        /** When the run was made: environment.json's date, else the folder's yyyy-mm-dd prefix. */
        String when() {
            JsonNode e = file.environment();
            String d = e == null ? "" : e.path("date").asText("");
            try {
                return OffsetDateTime.parse(d).toInstant().toString();
            } catch (DateTimeParseException ex) {
                return folder().length() >= 10 ? folder().substring(0, 10) : folder();
            }
        }
    }

    private static final java.util.regex.Pattern STUDY_ARGS =
            java.util.regex.Pattern.compile("(^|\\s)(-p\\s+\\w+=|-jvm(Args\\w*)?\\s)");

    /** Oldest first: by date, then by folder (a "-2" run folder after its first one). */
    static final Comparator<Run> OLDEST_FIRST = Comparator.comparing(Run::when)
            .thenComparing(r -> r.folder().length()).thenComparing(Run::folder);

    /** Every folder under {@code results} with a results.json, oldest first. */
    static List<Run> runs(Path results) {
        if (!Files.isDirectory(results)) throw new ReportException(results.toString(), "no such folder");
        List<Run> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(results)) {
            for (Path d : s.sorted().toList()) {
                Path json = d.resolve("results.json");
                if (Files.isRegularFile(json)) out.add(new Run(d, RunFile.read(json)));
            }
        } catch (IOException e) {
            throw new ReportException(results.toString(), "cannot list: " + e.getMessage());
        }
        out.sort(OLDEST_FIRST);
        return out;
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
                if (runs == null) runs = runs(results); // only read the runs when a section needs them
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

    /** Newest suite run (not python, not scaling, not a {@link Run#study()}) per JDK major, ascending by major. */
    static List<Run> newestSuiteRuns(List<Run> runs) {
        Map<Integer, Run> m = new TreeMap<>();
        for (Run r : runs) if (!r.python() && !r.scaling() && !r.study()) m.put(r.major(), r); // oldest first: newest wins
        return new ArrayList<>(m.values());
    }

    static String env(Run r) {
        JsonNode e = r.file().environment();
        StringBuilder b = new StringBuilder("*");
        b.append(r.file().jdkLine());
        if (e != null) {
            String commit = e.path("gitCommit").asText("?");
            b.append(", ").append(e.path("jdkVendor").asText("?")).append(" · ").append(e.path("os").asText("?"))
                    .append(", kernel ").append(e.path("kernel").asText("?")).append(" · ")
                    .append(e.path("cpuModel").asText("?")).append(", ").append(e.path("cores").asText("?"))
                    .append(" cores, ").append(e.path("memory").asText("?")).append(" RAM · ")
                    .append(r.file().settings());
            String args = e.path("jmhArgs").asText("");
            if (!args.isEmpty()) b.append(", JMH args `").append(args).append('`');
            b.append(" · ").append(e.path("date").asText("?")).append(" · commit ")
                    .append(commit, 0, Math.min(10, commit.length()))
                    .append(e.path("gitDirty").asBoolean() ? " (dirty)" : "");
        } else {
            b.append(" · ").append(r.file().settings()).append(" · no environment.json");
        }
        return b.append("*").toString();
    }

    /** The newest compare folder of run.sh for these two versions, or null. */
    static Path compareFolder(Run base, Run cand) {
        Path parent = base.dir().getParent();
        String want = "-compare-" + base.file().jdkVersion() + "-vs-" + cand.file().jdkVersion() + "-";
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(d -> d.getFileName().toString().contains(want) && Files.isRegularFile(d.resolve("compare.md")))
                    // the newest day first (its yyyy-mm-dd prefix), then a "-2" folder after its first one
                    .max(Comparator.comparing((Path d) -> d.getFileName().toString().substring(0, 10))
                            .thenComparing(d -> d.getFileName().toString().length())
                            .thenComparing(d -> d.getFileName().toString()))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    static String results(List<Run> runs, String rel) {
        List<Run> suite = newestSuiteRuns(runs);
        StringBuilder b = new StringBuilder();
        b.append("Generated by `scripts/report.sh readme` from the run folders in `").append(rel)
                .append("/`; every number below comes from a committed `results.json`.\n\n");
        if (suite.isEmpty()) {
            return b.append("No committed suite run yet: `scripts/run.sh --jdk ... --jdk ...`.\n\n").toString();
        }
        String cores = suite.stream().map(r -> r.file().environment()).filter(e -> e != null && e.hasNonNull("cores"))
                .map(e -> e.get("cores").asText()).distinct().reduce((x, y) -> x + "/" + y).orElse("?");
        b.append("Noise: these runs come from a shared ").append(cores).append("-core machine where the benchmark's "
                + "client and the embedded server share the cores with each other and with other work, and each "
                + "thread wake-up from idle costs a fraction of a millisecond. Read differences of a few percent as "
                + "noise unless the comparison calls them *faster* or *slower* (fork-level statistics, Holm-corrected over "
                + "the table; *inconclusive* is not \"no difference\", only *equivalent* is), "
                + "and rerun on your own (quiet) "
                + "hardware before citing a number.\n\n");
        for (Run r : suite) {
            b.append("### JDK ").append(r.file().jdkVersion()).append(" — `").append(rel).append('/')
                    .append(r.folder()).append("/`\n\n").append(env(r)).append("\n\n");
            String time = runTime(r.dir());
            if (!time.isEmpty()) b.append(time).append("\n\n");
            b.append(Tables.table(r.file().rows(), null));
            b.append(chartLinks(r.dir(), rel + "/" + r.folder()));
        }
        b.append(Tables.legend(suite.stream().flatMap(r -> r.file().rows().stream()).toList())).append('\n');
        if (suite.size() >= 2) {
            Run base = suite.get(0);
            Run cand = suite.get(suite.size() - 1);
            b.append("### JDK ").append(base.file().jdkVersion()).append(" vs JDK ").append(cand.file().jdkVersion())
                    .append("\n\n").append(Compare.markdown(List.of(base.file(), cand.file()),
                            f -> rel + "/" + f.path().getParent().getFileName() + "/" + f.path().getFileName()))
                    .append('\n');
            Path cmp = compareFolder(base, cand);
            if (cmp != null) {
                String at = rel + "/" + cmp.getFileName();
                b.append("Written by `scripts/run.sh` to `").append(at).append("/compare.md`.\n\n");
                String img = Files.isRegularFile(cmp.resolve("chart-log.png")) ? "chart-log.png"
                        : Files.isRegularFile(cmp.resolve("chart.png")) ? "chart.png" : null;
                if (img != null) {
                    b.append("![ms per batch, JDK ").append(base.file().jdkVersion()).append(" vs ")
                            .append(cand.file().jdkVersion()).append("](").append(at).append('/').append(img)
                            .append(")\n\n");
                }
                b.append(chartLinks(cmp, at));
            }
        }
        return b.toString();
    }

    private static final java.util.regex.Pattern TOTAL_TIME =
            java.util.regex.Pattern.compile("^# Run complete\\. Total time: (\\d+):(\\d\\d):(\\d\\d)");
    private static final java.util.regex.Pattern WARMUP = java.util.regex.Pattern.compile(
            "# (steady warm-up|code warm-up at latency 0|wait-path warm-up at \\d+ ms): \\d+ batches in ([0-9.]+) s");

    /**
     * "Run time: ..." for a run folder, from its {@code run.log}: the JMH invocations' "Total time" lines added up
     * (one per fork in an interleaved run), the forks ("# Fork:" lines), and the seconds the forks' steady-state,
     * code and wait-path warm-ups took (their own lines), and how many of those phases reached their cap (a slow
     * machine's run says so beside its time); "" without a run.log or a "Total time" line. So the
     * README's run times come from the run's own record, not from anyone's arithmetic.
     */
    public static String runTime(Path dir) {
        Path log = dir.resolve("run.log");
        if (!Files.isRegularFile(log)) return "";
        long totalS = 0;
        int invocations = 0;
        int forks = 0;
        double warmS = 0;
        int capped = 0;
        try (Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                java.util.regex.Matcher t = TOTAL_TIME.matcher(line);
                if (t.find()) {
                    totalS += Long.parseLong(t.group(1)) * 3600 + Long.parseLong(t.group(2)) * 60
                            + Long.parseLong(t.group(3));
                    invocations++;
                }
                if (line.startsWith("# Fork: ")) forks++;
                java.util.regex.Matcher w = WARMUP.matcher(line);
                if (w.find()) {
                    warmS += Double.parseDouble(w.group(2));
                    if (line.contains("NOT settled")) capped++;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
        if (invocations == 0) return "";
        return String.format(Locale.ROOT, "Run time: %.1f min of JMH for %d forks on the machine named above (the %s "
                        + "\"Total time\" in `run.log`), %.1f min of it the warm-ups until steady (%.0f %%; each fork's "
                        + "warm-up lines)%s",
                totalS / 60.0, forks, invocations == 1 ? "run's" : invocations + " invocations'", warmS / 60.0,
                totalS == 0 ? 0 : 100 * warmS / totalS, capped == 0 ? "" : "; " + capped + " warm-up phase"
                        + (capped == 1 ? "" : "s") + " reached the cap (NOT settled)") + ".";
    }

    /** "Charts: [chart.png](...) (fork-level 95 % CI) · [chart-log.png](...) (log scale)" for the charts a folder has. */
    static String chartLinks(Path dir, String at) {
        List<String> links = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("chart.png"))) {
            links.add("[chart.png](" + at + "/chart.png) (dot plots, linear axis: every fork's mean and iterations, "
                    + "the fork-level 95 % interval)");
        }
        if (Files.isRegularFile(dir.resolve("chart-log.png"))) {
            links.add("[chart-log.png](" + at + "/chart-log.png) (the same on a log axis)");
        }
        if (Files.isRegularFile(dir.resolve("report.html"))) {
            links.add("[report.html](" + at + "/report.html) (all of it on one page)");
        }
        return links.isEmpty() ? "" : "Charts: " + String.join(" · ", links) + "\n\n";
    }

    static String beyond(List<Run> runs, String rel) {
        StringBuilder b = new StringBuilder();
        List<Run> suite = newestSuiteRuns(runs);
        Run java = suite.isEmpty() ? null : suite.get(suite.size() - 1);
        Run python = null;
        Run scaling = null;
        for (Run r : runs) {
            if (r.python()) python = r;
            if (r.scaling()) scaling = r;
        }
        b.append("Generated by `scripts/report.sh readme` from committed runs.\n\n");

        b.append("### The Python original beside Java\n\n");
        if (python == null || java == null) {
            b.append("No committed Python run yet: `scripts/seed-python/run.sh`.\n\n");
        } else {
            Row p0 = python.file().rows().get(0);
            List<Row> merged = new ArrayList<>(python.file().rows());
            for (Row r : java.file().rows()) {
                if (r.latencyMs() == p0.latencyMs() && r.requests() == p0.requests()
                        && r.params().getOrDefault("payloadBytes", "").equals(p0.params().get("payloadBytes"))) {
                    merged.add(r);
                }
            }
            b.append("Python rows (`").append(rel).append('/').append(python.folder()).append("/`, ")
                    .append(python.file().jdkVersion()).append(") are wall-clock times of whole batches (how they are summarised: the note ")
                    .append("column, from the run's harness field), against the standalone server — a different harness from JMH; Java rows are from `")
                    .append(rel).append('/').append(java.folder()).append("/` (JDK ").append(java.file().jdkVersion())
                    .append(").\n\n");
            b.append(Tables.table(merged, List.of("requests", "latencyMs", "payloadBytes")));
            if (WarmupCap.anyOf(merged)) b.append(WarmupCap.rule()).append(".\n\n");
        }

        b.append("### Scaling: time per request as n grows\n\n");
        if (scaling == null) {
            b.append("No committed scaling run yet: `scripts/scaling.sh`.\n\n");
        } else {
            b.append("From `").append(rel).append('/').append(scaling.folder()).append("/` (JDK ")
                    .append(scaling.file().jdkVersion()).append("; ").append(scaling.file().settings())
                    .append("). Milliseconds per request (batch time / n):\n\n");
            Map<Long, Map<String, TreeMap<Integer, Double>>> byLat = new TreeMap<>();
            TreeMap<Integer, Boolean> ns = new TreeMap<>();
            for (Row r : scaling.file().rows()) {
                byLat.computeIfAbsent(r.latencyMs(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.strategy(), k -> new TreeMap<>()).put(r.requests(), Tables.number(r) / r.requests());
                ns.put(r.requests(), true);
            }
            for (Map.Entry<Long, Map<String, TreeMap<Integer, Double>>> e : byLat.entrySet()) {
                b.append("#### latency ").append(e.getKey()).append(" ms\n\n| strategy |");
                for (int n : ns.keySet()) b.append(" n = ").append(n).append(" |");
                b.append("\n|---|");
                for (int ignored : ns.keySet()) b.append("---:|");
                b.append('\n');
                for (Map.Entry<String, TreeMap<Integer, Double>> s : e.getValue().entrySet()) {
                    b.append("| `").append(s.getKey()).append("` |");
                    for (int n : ns.keySet()) {
                        Double v = s.getValue().get(n);
                        b.append(' ').append(v == null ? "n/a" : Numbers.fmt(v)).append(" |");
                    }
                    b.append('\n');
                }
                b.append('\n');
                Path png = scaling.dir().resolve("scaling-L" + e.getKey() + ".png");
                if (Files.isRegularFile(png)) {
                    b.append("![scaling, latency ").append(e.getKey()).append(" ms](").append(rel).append('/')
                            .append(scaling.folder()).append("/scaling-L").append(e.getKey()).append(".png)\n\n");
                }
            }
        }

        b.append("### Cost per request: threads, bytes, and the loopback floor\n\n");
        if (java == null) {
            b.append("No committed suite run yet.\n\n");
        } else {
            b.append("From `").append(rel).append('/').append(java.folder()).append("/` (JDK ")
                    .append(java.file().jdkVersion()).append("), latency 0: the per-batch cost as a multiple of the ")
                    .append("`floor` row (one plain socket, serial), the peak platform threads each strategy added, ")
                    .append("and the client's own CPU per batch and bytes per request (the embedded server's threads ")
                    .append("excluded; `n/a` in runs made before these were recorded).\n\n");
            b.append("| strategy | ms per batch | × floor | peak threads | client CPU ms per batch | client bytes per request |\n"
                    + "|---|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<java.util.SortedMap<String, String>, List<Row>> g
                    : Tables.groups(java.file().rows(), null).entrySet()) {
                if (g.getValue().get(0).latencyMs() != 0) continue;
                for (Tables.Line l : Tables.lines(g.getValue())) {
                    b.append("| `").append(l.strategy).append("` | ").append(l.score).append(" | ")
                            .append(Double.isNaN(l.xFloor) ? "n/a" : Numbers.fmt(l.xFloor) + "×").append(" | ")
                            .append(Double.isNaN(l.threads) ? "n/a" : String.format(Locale.ROOT, "%.0f", l.threads))
                            .append(" | ").append(Numbers.fmt(l.clientCpuMs))
                            .append(" | ").append(Double.isNaN(l.clientBytesPerRequest) ? "n/a"
                                    : String.format(Locale.ROOT, "%,.0f", l.clientBytesPerRequest)).append(" |\n");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }


    /**
     * The newest load-study folder ({@code scripts/load.sh}: {@code *-load*} with {@code C<C>.json} files) of each
     * JDK feature version, oldest JDK first; empty when there is none.
     */
    static List<Path> newestLoadFolders(Path results) {
        List<Path> all;
        try (Stream<Path> s = Files.list(results)) {
            all = s.filter(d -> d.getFileName().toString().contains("-load") && !loadFiles(d).isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
        Map<Integer, Path> newest = new TreeMap<>();
        Comparator<Path> byAge = Comparator.comparing((Path d) -> d.getFileName().toString().substring(0, 10))
                .thenComparing(d -> d.getFileName().toString().length())
                .thenComparing(d -> d.getFileName().toString());
        for (Path d : all) {
            int feature = feature(RunFile.read(loadFiles(d).get(0)).jdkVersion());
            newest.merge(feature, d, (a, b) -> byAge.compare(a, b) >= 0 ? a : b);
        }
        return List.copyOf(newest.values());
    }

    /** The feature release of a {@code java.version} ("17.0.15" -> 17; unknown -> 0). */
    static int feature(String javaVersion) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:1\\.)?(\\d+)").matcher(javaVersion);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A load folder's result files, by C ascending. */
    static List<Path> loadFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("C\\d+\\.json"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString()
                            .replaceAll("\\D", ""))))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public static String load(Path results, String rel) {
        StringBuilder b = new StringBuilder("Generated by `scripts/report.sh readme` from the newest committed "
                + "`scripts/load.sh` run of each JDK.\n\n");
        List<Path> dirs = newestLoadFolders(results);
        if (dirs.isEmpty()) return b.append("No committed load study yet: `scripts/load.sh`.\n\n").toString();
        for (Path dir : dirs) b.append(loadStudy(dir, rel, dirs.size() > 1));
        return b.toString();
    }

    /** One study's tables and charts; under a "JDK x" heading of its own when several JDKs are shown. */
    private static String loadStudy(Path dir, String rel, boolean perJdk) {
        StringBuilder b = new StringBuilder();
        List<RunFile> files = loadFiles(dir).stream().map(RunFile::read).toList();
        List<String> limits = List.of();
        Path lim = dir.resolve("limits.txt");
        try {
            if (Files.isRegularFile(lim)) limits = Files.readAllLines(lim).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new ReportException(lim.toString(), "cannot read: " + e.getMessage());
        }
        String at = rel + "/" + dir.getFileName();
        RunFile first = files.get(0);
        if (perJdk) b.append("#### JDK ").append(first.jdkVersion()).append("\n\n");
        b.append("From `").append(at).append("/` (").append(first.jdkLine()).append("; ")
                .append(first.settings().replaceAll(", [0-9]+ callers \\(-t [0-9]+\\)", ""))
                .append("; one JMH invocation per C: ")
                .append(String.join(", ", files.stream().map(f -> "C=" + f.rows().get(0).callers()).toList()))
                .append(").\n\n");
        String tables = Load.markdown(files, limits);
        b.append(perJdk ? tables.replace("#### latency", "##### latency") : tables);
        for (long l : Load.latencies(files)) {
            List<String> imgs = new ArrayList<>();
            for (Load.Metric m : Load.Metric.values()) {
                String png = "load-L" + l + "-" + m.name().toLowerCase(Locale.ROOT) + ".png";
                if (Files.isRegularFile(dir.resolve(png))) imgs.add("![" + m.axis + ", latency " + l + " ms](" + at + "/" + png + ")");
            }
            if (!imgs.isEmpty()) b.append(String.join("\n", imgs)).append("\n\n");
        }
        return b.toString();
    }

    /** The article's own figures (ms for 10 cold HTTPS GETs to a remote blog): the Python programs we rerun. */
    static final Map<String, Double> ARTICLE_MS = Map.of("python-requests", 1087.0, "python-aiohttp-fresh", 174.0);

    /** The newest {@code scripts/article.sh} folder ({@code *-article} with python.json and java.json), or null. */
    static Path newestArticleFolder(Path results) {
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(d -> d.getFileName().toString().endsWith("-article")
                            && Files.isRegularFile(d.resolve("python.json")) && Files.isRegularFile(d.resolve("java.json")))
                    .max(Comparator.comparing((Path d) -> d.getFileName().toString().substring(0, 10))
                            .thenComparing(d -> d.getFileName().toString()))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The article reproduced: its two programs beside its own figures, then the Python and Java rows of the same
     * run (same scheme, round trip and latency) in one table.
     */
    static String article(Path results, String rel) {
        StringBuilder b = new StringBuilder("Generated by `scripts/report.sh readme` from the newest committed "
                + "`scripts/article.sh` run.\n\n");
        Path dir = newestArticleFolder(results);
        if (dir == null) return b.append("No committed run yet: `scripts/article.sh`.\n\n").toString();
        RunFile py = RunFile.read(dir.resolve("python.json"));
        RunFile java = RunFile.read(dir.resolve("java.json"));
        Row p0 = py.rows().get(0);
        String at = rel + "/" + dir.getFileName();
        b.append("From `").append(at).append("/`: HTTPS with the server's generated certificate, an emulated round "
                + "trip of ").append(p0.params().getOrDefault("rttMs", "0")).append(" ms and ")
                .append(p0.latencyMs()).append(" ms of server think time, n = ").append(p0.requests())
                .append(". Python: ").append(py.jdkVersion()).append(", against the standalone server (wall-clock "
                        + "of whole batches); Java: JDK ").append(java.jdkLine()).append(", ")
                .append(java.settings()).append(", in-process server.\n\n");
        b.append("| program | connections | the article (remote blog) | here |\n|---|---|---:|---:|\n");
        Map<String, Row> byName = new LinkedHashMap<>();
        for (Row r : py.rows()) byName.put(r.strategy(), r);
        String[][] programs = {
                {"python-requests", "`requests.get` in a loop", "a new TCP + TLS connection per request, one after another"},
                {"python-aiohttp-fresh", "asyncio + aiohttp, a new `ClientSession` per request",
                        "a new TCP + TLS connection per request, all at once"}};
        for (String[] p : programs) {
            Row r = byName.get(p[0]);
            b.append("| ").append(p[1]).append(" (`").append(p[0]).append("`) | ").append(p[2]).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f ms", ARTICLE_MS.get(p[0]))).append(" | ")
                    .append(r == null ? "n/a" : Tables.scoreCell(r) + " ms")
                    .append(" |\n");
        }
        Row serial = byName.get("python-requests"), fresh = byName.get("python-aiohttp-fresh");
        b.append("| speed-up of the second | | ")
                .append(String.format(Locale.ROOT, "%.1f×", ARTICLE_MS.get("python-requests")
                        / ARTICLE_MS.get("python-aiohttp-fresh"))).append(" | ")
                .append(serial == null || fresh == null ? "n/a"
                        : String.format(Locale.ROOT, "%.1f×", Tables.number(serial) / Tables.number(fresh))).append(" |\n\n");
        List<Row> merged = new ArrayList<>(py.rows());
        merged.addAll(java.rows());
        b.append("Every row of the run, Python and Java (`").append(at).append("/article.md`):\n\n");
        b.append(Tables.table(merged, List.of("requests", "latencyMs", "payloadBytes", "rttMs", "scheme")));
        b.append(Tables.legend(merged)).append("\n\n");
        return b.toString();
    }

    /**
     * The committed runs of rows outside the default suite: every {@code *-clients} folder (a {@code run.sh
     * --results-dir} of its own, one run folder per JDK and its compare folder), oldest folder first, each JDK's
     * table and the comparison's link.
     */
    static String clients(Path results, String rel) {
        StringBuilder b = new StringBuilder("Generated by `scripts/report.sh readme` from the committed `*-clients` "
                + "folders.\n\n");
        List<Path> studies;
        try (Stream<Path> s = Files.list(results)) {
            studies = s.filter(d -> d.getFileName().toString().endsWith("-clients") && Files.isDirectory(d))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ReportException(results.toString(), "cannot list: " + e.getMessage());
        }
        if (studies.isEmpty()) return b.append("No committed run of these rows yet.\n\n").toString();
        List<Row> shown = new ArrayList<>();
        for (Path study : studies) {
            String at = rel + "/" + study.getFileName();
            for (Run r : runs(study)) {
                b.append("#### JDK ").append(r.file().jdkVersion()).append(" — `").append(at).append('/')
                        .append(r.folder()).append("/`\n\n").append(env(r)).append("\n\n");
                b.append(Tables.table(r.file().rows(), null));
                shown.addAll(r.file().rows());
            }
            try (Stream<Path> s = Files.list(study)) {
                for (Path c : s.filter(d -> Files.isRegularFile(d.resolve("compare.md"))).sorted().toList()) {
                    b.append("JDK comparison of these rows: `").append(at).append('/').append(c.getFileName())
                            .append("/compare.md`.\n\n");
                }
            } catch (IOException e) {
                throw new ReportException(study.toString(), "cannot list: " + e.getMessage());
            }
        }
        return b.append(Tables.legend(shown)).append('\n').toString();
    }

    /**
     * The Netty rows on both transports ({@code -p transport=nio,epoll}): the newest {@code *-transport} folder (a
     * {@code run.sh --results-dir} of its own, one run folder per JDK), each JDK's table, then per row the ratio of
     * its epoll score to its nio score in the same run. Why a section: AsyncHttpClient chose native epoll by itself
     * until the transport was made a parameter, so the committed runs before it measured that row on epoll.
     */
    public static String transport(Path results, String rel) {
        StringBuilder b = new StringBuilder("Generated by `scripts/report.sh readme` from the newest committed "
                + "`*-transport` folder.\n\n");
        Path study;
        try (Stream<Path> s = Files.list(results)) {
            study = s.filter(d -> d.getFileName().toString().endsWith("-transport") && Files.isDirectory(d))
                    .max(Comparator.comparing((Path d) -> d.getFileName().toString())).orElse(null);
        } catch (IOException e) {
            throw new ReportException(results.toString(), "cannot list: " + e.getMessage());
        }
        if (study == null) return b.append("No committed run yet.\n\n").toString();
        String at = rel + "/" + study.getFileName();
        List<Row> shown = new ArrayList<>();
        for (Run r : runs(study)) {
            b.append("#### JDK ").append(r.file().jdkVersion()).append(" — `").append(at).append('/')
                    .append(r.folder()).append("/`\n\n").append(env(r)).append("\n\n");
            String time = runTime(r.dir());
            if (!time.isEmpty()) b.append(time).append("\n\n");
            b.append(Tables.table(r.file().rows(), null));
            shown.addAll(r.file().rows());
            List<String> ratios = new ArrayList<>();
            for (Row e : r.file().rows()) {
                if (!"epoll".equals(e.params().get("transport"))) continue;
                for (Row n : r.file().rows()) {
                    if (n.params().containsKey("transport") || !n.strategy().equals(e.strategy())
                            || n.latencyMs() != e.latencyMs()) continue;
                    ratios.add(String.format(Locale.ROOT, "`%s` at L = %d ms: %.2f", e.strategy(), e.latencyMs(),
                            Tables.number(e) / Tables.number(n)));
                }
            }
            if (!ratios.isEmpty()) {
                b.append("epoll / nio, ms per batch (the two rows' scores in this run; their intervals are in the "
                        + "table): ").append(String.join("; ", ratios)).append(".\n\n");
            }
        }
        return b.append(Tables.legend(shown)).append('\n').toString();
    }
}
