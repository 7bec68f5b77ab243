package httpbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/report.sh}: tables, compare, chart, scaling, env, readme. Bad input: one line
 * {@code error: <file>: <problem>}, exit status 2, nothing half-written.
 */
@Command(name = "report.sh", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
        description = "Turns JMH JSON results into tables, comparisons and charts.",
        subcommands = {ReportMain.TablesCmd.class, ReportMain.CompareCmd.class, ReportMain.ChartCmd.class,
                ReportMain.ScalingCmd.class, ReportMain.LoadCmd.class, ReportMain.EnvCmd.class, ReportMain.ReadmeCmd.class,
                ReportMain.MergeCmd.class, ReportMain.PlanCmd.class, ReportMain.SimulateCmd.class,
                ReportMain.HtmlCmd.class, ReportMain.SourcesCmd.class})
public final class ReportMain implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The project version from the jar's Maven metadata ("dev" when run from target/classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            var in = ReportMain.class.getResourceAsStream(
                    "/META-INF/maven/httpbench/http-concurrency-bench/pom.properties");
            if (in == null) return new String[] {"httpbench report dev"};
            try (in) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return new String[] {"httpbench report " + p.getProperty("version", "dev")};
            }
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_BAD_INPUT;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // UTF-8 whatever the locale (JDK 17 would print "±" and "×" as "?" under LANG=C)
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; never throws: bad input is one line on {@code err} and exit status 2. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new ReportMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + RunFile.oneLine(ex.getMessage()) + " (see --help)");
            ex.getCommandLine().getErr().flush();
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof ReportException) {
                c.getErr().println("error: " + ex.getMessage());
                c.getErr().flush();
                return EXIT_BAD_INPUT;
            }
            // a bug, not bad input: still one line, no stack trace
            c.getErr().println("error: internal error in " + c.getCommandName() + ": " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + RunFile.oneLine(ex.getMessage()))
                    + " (please report it with the command line)");
            c.getErr().flush();
            return EXIT_INTERNAL;
        });
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) { // picocli's own failures, e.g. in the help renderer
            err.println("error: " + e.getClass().getSimpleName() + ": " + RunFile.oneLine(String.valueOf(e.getMessage())));
            err.flush();
            return EXIT_INTERNAL;
        }
    }

    /** --margin of compare and html: a percentage above 0 and below 100. */
    static void checkMargin(double pct) {
        if (!(pct > 0 && pct < 100)) {
            throw new ReportException("--margin", "--margin " + pct + ": give a percentage above 0 and below 100");
        }
    }

    static List<RunFile> read(List<Path> files) {
        List<RunFile> out = new ArrayList<>();
        for (Path p : files) out.add(RunFile.read(p));
        return out;
    }

    /** Text to stdout, or atomically to {@code out}. */
    static void emit(CommandLine.Model.CommandSpec spec, Path out, boolean force, String text) {
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Output.text(out, text, force);
        }
    }

    @Command(name = "tables", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = "Markdown tables (or CSV) of one or more JMH JSON results: -bm avgt (ms/op), thrpt "
            + "(batches/s, requests/s) or sample (mean ms/op, p50/p90/p99/p99.9 ms).")
    static final class TablesCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
        @Option(names = "--csv", description = "CSV instead of Markdown") boolean csv;
        @Option(names = "--out", description = "write to this file instead of stdout") Path out;
        @Option(names = "--force", description = "overwrite an existing --out file") boolean force;

        @Override
        public Integer call() {
            if (out != null) Output.check(out, force); // fail before the work, not after
            List<RunFile> runs = read(files);
            emit(spec, out, force, csv ? Tables.csv(runs) : Tables.markdown(runs));
            return 0;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = {"BASE.json CANDIDATE.json...: ratios with fork-level 95 %% intervals (Welch's t on the log "
                    + "fork means) and the verdicts faster / slower / equivalent / inconclusive, Holm-corrected over "
                    + "the whole table.",
                    "Regression gate for CI: --fail-on slower exits 1 when any row is significantly slower, e.g. "
                    + "scripts/report.sh compare --fail-on slower base/results.json new/results.json"})
    static final class CompareCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
        @Option(names = "--out", description = "write to this file instead of stdout") Path out;
        @Option(names = "--force", description = "overwrite an existing --out file") boolean force;
        @Option(names = "--margin", paramLabel = "PCT", defaultValue = "5",
                description = "equivalence margin in %% (default ${DEFAULT-VALUE}: ratio within [1/1.05, 1.05])")
        double marginPct;
        @Option(names = "--fail-on", paramLabel = "VERDICT", split = ",",
                description = "exit 1 when any row gets one of these verdicts: slower, faster, inconclusive "
                        + "(comma-separated); the table is still written")
        List<String> failOn = List.of();

        @Override
        public Integer call() {
            if (files.size() < 2) {
                throw new ReportException(files.get(0).toString(),
                        "compare needs at least two result files (BASE.json CANDIDATE.json...)");
            }
            checkMargin(marginPct);
            java.util.Set<Verdicts.Verdict> gate = java.util.EnumSet.noneOf(Verdicts.Verdict.class);
            for (String v : failOn) {
                switch (v.trim()) {
                    case "slower" -> gate.add(Verdicts.Verdict.SLOWER);
                    case "faster" -> gate.add(Verdicts.Verdict.FASTER);
                    case "inconclusive" -> gate.add(Verdicts.Verdict.INCONCLUSIVE);
                    default -> throw new ReportException("--fail-on",
                            "--fail-on " + v + ": expected slower, faster or inconclusive");
                }
            }
            if (out != null) Output.check(out, force);
            List<RunFile> runs = read(files);
            double margin = marginPct / 100;
            emit(spec, out, force, Compare.markdown(runs, f -> f.path().toString(), margin));
            if (gate.isEmpty()) return 0;
            List<String> hits = Compare.gate(runs, margin, gate);
            if (hits.isEmpty()) return 0;
            spec.commandLine().getErr().println("compare: " + hits.size() + " row(s) " + String.join("/", failOn)
                    + " (--fail-on): " + String.join("; ", hits));
            return 1;
        }
    }

    @Command(name = "chart", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = "Dot plots per parameter set: every row's iterations, fork means, fork-level 95 %% interval "
                    + "and estimate, one lane per row and file: --out FILE.svg|FILE.png.")
    static final class ChartCmd implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
        @Option(names = "--out", required = true, description = "FILE.svg or FILE.png") Path out;
        @Option(names = "--log", description = "logarithmic time axis (default: linear from 0)") boolean log;
        @Option(names = "--force", description = "overwrite an existing --out file") boolean force;

        @Override
        public Integer call() {
            Output.check(out, force);
            Charts.save(Charts.dots(read(files), log), out, force);
            return 0;
        }
    }

    @Command(name = "scaling", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = "Time per request vs n (log-log), one line per strategy, one chart "
            + "per latency: --out FILE.png writes FILE-L<latency>.png.")
    static final class ScalingCmd implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
        @Option(names = "--out", required = true, description = "FILE.svg or FILE.png") Path out;
        @Option(names = "--force", description = "overwrite existing files") boolean force;

        @Override
        public Integer call() {
            List<RunFile> runs = read(files);
            java.util.TreeSet<Long> latencies = new java.util.TreeSet<>();
            for (RunFile f : runs) for (Row r : f.rows()) latencies.add(r.latencyMs());
            String name = out.getFileName().toString();
            int dot = name.lastIndexOf('.');
            if (dot < 0) throw new ReportException(out.toString(), "output must end in .svg or .png");
            for (long l : latencies) {
                Output.check(out.resolveSibling(name.substring(0, dot) + "-L" + l + name.substring(dot)), force);
            }
            for (long l : latencies) {
                Charts.save(Charts.scaling(runs, l),
                        out.resolveSibling(name.substring(0, dot) + "-L" + l + name.substring(dot)), force);
            }
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = "The load study (scripts/load.sh): SampleTime results of several -t C, one table per "
            + "latency (batches/s, p50/p99, CPU, threads, memory, what stopped each row) and, with --charts "
            + "FILE.png, FILE-L<latency>-{throughput,p99,cpu}.png against C.")
    static final class LoadCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
        @Option(names = "--limits", description = "lines of the callers the launcher refused (one per line)")
        Path limits;
        @Option(names = "--out", description = "write the tables to this file instead of stdout") Path out;
        @Option(names = "--charts", description = "FILE.svg or FILE.png: the charts' names") Path charts;
        @Option(names = "--force", description = "overwrite existing files") boolean force;

        @Override
        public Integer call() {
            if (out != null) Output.check(out, force);
            List<RunFile> runs = read(files);
            List<String> refused = List.of();
            if (limits != null) {
                try {
                    refused = java.nio.file.Files.readAllLines(limits).stream().filter(l -> !l.isBlank()).toList();
                } catch (java.io.IOException e) {
                    throw new ReportException(limits.toString(), "cannot read: " + e.getMessage());
                }
            }
            String md = Load.markdown(runs, refused);
            if (charts != null) {
                String name = charts.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot < 0) throw new ReportException(charts.toString(), "charts must end in .svg or .png");
                List<Path> outs = new java.util.ArrayList<>();
                for (long l : Load.latencies(runs)) {
                    for (Load.Metric m : Load.Metric.values()) {
                        outs.add(charts.resolveSibling(name.substring(0, dot) + "-L" + l + "-"
                                + m.name().toLowerCase(java.util.Locale.ROOT) + name.substring(dot)));
                    }
                }
                for (Path p : outs) Output.check(p, force);
                int k = 0;
                for (long l : Load.latencies(runs)) {
                    for (Load.Metric m : Load.Metric.values()) Charts.save(Load.chart(runs, l, m), outs.get(k++), force);
                }
            }
            emit(spec, out, force, md);
            return 0;
        }
    }

    @Command(name = "env", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = "environment.json for a run folder: JDK, OS, CPU, memory, JMH settings, git.")
    static final class EnvCmd implements Callable<Integer> {
        @Option(names = "--results", required = true, description = "the run's results.json") Path results;
        @Option(names = "--out", required = true, description = "environment.json to write") Path out;
        @Option(names = "--jmh-args", description = "the JMH arguments of the run") String jmhArgs = "";
        @Option(names = "--force", description = "overwrite an existing --out file") boolean force;

        @Override
        public Integer call() throws IOException {
            Output.check(out, force);
            RunFile run = RunFile.read(results);
            JsonNode first = RunFile.readJson(results, "JMH JSON results").get(0);
            String jvm = first.path("jvm").asText("");
            ObjectNode n = RunFile.JSON.createObjectNode();
            n.put("date", ZonedDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            n.put("host", hostName());
            n.put("jdkVersion", run.jdkVersion());
            n.put("jdkVendor", jvm.isEmpty() ? "?" : javaProperty(jvm, "java.vendor"));
            n.put("javaHome", javaHome(jvm));
            n.put("vmName", run.vmName());
            n.put("vmVersion", run.vmVersion());
            n.put("jvm", jvm);
            n.set("jvmArgs", first.path("jvmArgs"));
            n.put("os", osName());
            n.put("kernel", System.getProperty("os.version"));
            n.put("arch", System.getProperty("os.arch"));
            n.put("cpuModel", cpuModel());
            n.put("cores", Runtime.getRuntime().availableProcessors());
            n.put("memory", memory());
            n.put("cpuIdle", cpuIdle());
            n.put("jmhVersion", first.path("jmhVersion").asText("?"));
            n.put("jmhMode", first.path("mode").asText("?"));
            n.put("forks", first.path("forks").asInt());
            n.put("warmupIterations", first.path("warmupIterations").asInt());
            n.put("warmupTime", first.path("warmupTime").asText("?"));
            n.put("measurementIterations", first.path("measurementIterations").asInt());
            n.put("measurementTime", first.path("measurementTime").asText("?"));
            n.put("jmhSettings", run.settings());
            n.put("jmhArgs", jmhArgs);
            String commit = git("rev-parse", "HEAD");
            n.put("gitCommit", commit.isEmpty() ? "?" : commit);
            n.put("gitDirty", !commit.isEmpty() && !git("status", "--porcelain", "--untracked-files=no").isEmpty());
            // the code that ran: the commit the jar was built from (scripts rebuild a jar whose commit is not HEAD)
            java.util.Properties jar = jarGit();
            n.put("jarCommit", jar.getProperty("git.commit.id.full", "?"));
            String dirty = jar.getProperty("git.dirty");
            if (dirty == null) n.put("jarDirty", "?");
            else n.put("jarDirty", Boolean.parseBoolean(dirty));
            n.put("jarBuilt", jar.getProperty("git.build.time", "?"));
            Output.text(out, RunFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n", force);
            return 0;
        }
    }

    @Command(name = "html", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = {"One self-contained HTML page (inline SVG, no script or network request) of run folders, "
                    + "results files or a compare folder: the environment, per parameter set a dot plot of every "
                    + "row (iterations, fork means, fork-level 95 %% interval), for two or more runs a forest plot "
                    + "of the ratios coloured by verdict, and the tables.",
                    "e.g. scripts/report.sh html benchmarks-results/2026-12-03-compare-17.0.15-vs-25.0.3-vm "
                    + "--out report.html"})
    static final class HtmlCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "RUN_OR_COMPARE_FOLDER") List<Path> inputs;
        @Option(names = "--out", required = true, description = "the HTML file to write") Path out;
        @Option(names = "--force", description = "overwrite an existing --out file") boolean force;
        @Option(names = "--margin", paramLabel = "PCT", defaultValue = "5",
                description = "equivalence margin of a comparison in %% (default ${DEFAULT-VALUE})")
        double marginPct;

        @Override
        public Integer call() {
            checkMargin(marginPct);
            Output.check(out, force);
            List<RunFile> runs = read(Html.resolve(inputs));
            if (runs.size() > 1) Mode.single(runs, "html");
            Output.text(out, Html.page(runs, marginPct / 100), force);
            return 0;
        }
    }

    @Command(name = "sources", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = {"Prints the results files that run folders, results files or comparisons (a compare "
                    + "folder, or a compare*.md) stand for, one per line, relative to the current folder when "
                    + "under it: what `html` reads, and what scripts/rerender.sh re-compares.",
                    "e.g. scripts/report.sh sources benchmarks-results/2026-12-03-compare-17.0.15-vs-25.0.3-vm"})
    static final class SourcesCmd implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RUN_OR_COMPARISON") List<Path> inputs;

        @Override
        public Integer call() {
            Path here = Path.of("").toAbsolutePath();
            for (Path p : Html.resolve(inputs)) {
                Path abs = p.toAbsolutePath().normalize();
                System.out.println(abs.startsWith(here) ? here.relativize(abs) : abs);
            }
            return 0;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = "The statistics by simulation (coverage, A/A false verdicts, power, equivalence, "
                    + "heterogeneity and steadiness flags; seeded, about 15 s) as Markdown: the README includes "
                    + "benchmarks-results/statistics-simulation.md.")
    static final class SimulateCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--out", description = "write to this file instead of stdout") Path out;
        @Option(names = "--force", description = "overwrite an existing --out file") boolean force;

        @Override
        public Integer call() {
            if (out != null) Output.check(out, force);
            emit(spec, out, force, Simulation.markdown(Simulation.figures()));
            return 0;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = {"ARM=FORK.json...: the next round of an adaptive run (scripts/run.sh without -f): one "
                    + "line per JMH invocation, \"ARM<TAB>-p k=v ... -p strategy=a,b\", for the rows whose fork-level "
                    + "95 %% interval is still wider than --target or that have fewer than --min-forks forks, widest "
                    + "first, at most --max-row-forks of them. Stderr: one line naming the rows below target.",
                    "Nothing on stdout: every row meets the target, or no row fork fits the budget."})
    static final class PlanCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "ARM=FORK.json") List<String> files;
        @Option(names = "--target", paramLabel = "PCT", defaultValue = "5",
                description = "precision target: the interval's larger side within PCT %% (default ${DEFAULT-VALUE})")
        double targetPct;
        @Option(names = "--min-forks", defaultValue = "3", description = "forks every row gets (default ${DEFAULT-VALUE})")
        int minForks;
        @Option(names = "--max-row-forks", defaultValue = "1000000",
                description = "at most this many row forks in the round (what the time budget allows)")
        int maxRowForks;

        @Override
        public Integer call() {
            if (!(targetPct > 0 && targetPct < 100)) {
                throw new ReportException("--target", "--target " + targetPct + ": give a percentage above 0 and below 100");
            }
            java.util.Map<String, List<Path>> arms = new java.util.LinkedHashMap<>();
            for (String a : files) {
                int eq = a.indexOf('=');
                if (eq <= 0) throw new ReportException(a, "expected ARM=FORK.json");
                arms.computeIfAbsent(a.substring(0, eq), k -> new ArrayList<>()).add(Path.of(a.substring(eq + 1)));
            }
            ForkPlan.Plan p = ForkPlan.plan(arms, targetPct / 100, minForks, maxRowForks);
            for (String[] l : p.lines()) spec.commandLine().getOut().println(l[0] + "\t" + l[1]);
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println(ForkPlan.summary(p, targetPct / 100));
            spec.commandLine().getErr().flush();
            return 0;
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = {"FORK.json... --out RESULTS.json: one results file from JMH runs of the same rows "
                    + "(e.g. one -f 1 run per fork, interleaved with other JDKs), as if JMH had run all forks.",
                    "Per row: rawData fork lists concatenated; score = mean of all iterations, scoreError = "
                    + "99.9 %% Student-t half-width (\"NaN\" below two values); secondary metrics keep their "
                    + "aggregation (mean, or sum/max/min as inferred from each fork's own score: gc.count and "
                    + "gc.time sum, threads max); forks = number of files with the row.",
                    "Exit 1 (after writing) when some rows are missing from some files, naming them."})
    static final class MergeCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "FORK.json") List<Path> files;
        @Option(names = "--out", required = true, description = "the merged results.json") Path out;
        @Option(names = "--force", description = "overwrite an existing --out file") boolean force;
        @Option(names = "--extra", paramLabel = "FORK.json", arity = "1..*",
                description = "fork files of an adaptive run's extra rounds: only some rows each, appended after "
                        + "the others' forks; a row they lack is not incomplete")
        List<Path> extras = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            Output.check(out, force);
            Merge.Result r = Merge.merge(files, extras);
            if (r.rows().isEmpty()) throw new ReportException(files.get(0).toString(), "no rows in any fork file");
            Output.text(out, Merge.JSON.writeValueAsString(r.rows()) + "\n", force);
            if (!r.incomplete().isEmpty()) {
                spec.commandLine().getErr().println("error: " + out + ": " + r.incomplete().size()
                        + " row(s) merged from fewer forks than given: " + String.join("; ", r.incomplete()));
                spec.commandLine().getErr().flush();
                return 1;
            }
            return 0;
        }
    }

    /**
     * The jar's own build record (httpbench-git.properties, written by git-commit-id-maven-plugin): commit, dirty
     * flag (any change in the checkout, untracked files included), build time. Empty when built outside git.
     */
    static java.util.Properties jarGit() {
        java.util.Properties p = new java.util.Properties();
        try (var in = ReportMain.class.getResourceAsStream("/httpbench-git.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // unreadable: reported as "?"
        }
        return p;
    }

    /** JAVA_HOME of a {@code .../bin/java} path. */
    static String javaHome(String jvm) {
        Path p = jvm.isEmpty() ? null : Path.of(jvm).toAbsolutePath().getParent();
        return p == null || p.getParent() == null ? "?" : p.getParent().toString();
    }

    static String hostName() {
        String h = exec("hostname").trim();
        if (h.isEmpty()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                h = System.getenv().getOrDefault("HOSTNAME", "?");
            }
        }
        return h;
    }

    static String javaProperty(String java, String key) {
        String all = exec(java, "-XshowSettings:properties", "-version");
        for (String line : all.split("\n")) {
            String t = line.trim();
            if (t.startsWith(key + " = ")) return t.substring(key.length() + 3);
        }
        return "?";
    }

    static String osName() {
        try {
            for (String l : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (l.startsWith("PRETTY_NAME=")) return l.substring(12).replace("\"", "");
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.name");
    }

    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            // fall through
        }
        return "?";
    }

    /**
     * How an idle CPU waits, which sets what a wake-up costs (a blocked read that gets its bytes): the cpuidle
     * driver and governor, and on a KVM guest with the haltpoll driver how long it polls before it halts
     * (guest_halt_poll_ns 0: it halts at once, and every wake-up pays the hypervisor's exit; scripts/variance.sh).
     */
    static String cpuIdle() {
        String driver = sysfs("/sys/devices/system/cpu/cpuidle/current_driver");
        if (driver.isEmpty()) return "?";
        String s = driver + " (governor " + sysfs("/sys/devices/system/cpu/cpuidle/current_governor") + ")";
        String poll = sysfs("/sys/module/haltpoll/parameters/guest_halt_poll_ns");
        return poll.isEmpty() ? s : s + ", guest_halt_poll_ns " + poll;
    }

    private static String sysfs(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "";
        }
    }

    static String memory() {
        try {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return String.format(java.util.Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        } catch (RuntimeException | LinkageError e) {
            return "?";
        }
    }

    static String git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return exec(cmd.toArray(new String[0])).trim();
    }

    static String exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "";
        } catch (IOException | InterruptedException | IllegalThreadStateException e) {
            return "";
        }
    }

    @Command(name = "readme", mixinStandardHelpOptions = true, versionProvider = ReportMain.Version.class,
            description = "Regenerates the generated sections (between <!-- NAME:begin --> and <!-- NAME:end -->) of "
            + "README.md and of the reference pages under " + ReadmeSections.SITE + " beside it from the committed "
            + "run folders; --check exits 1 when any differs.")
    static final class ReadmeCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--readme", description = "default: ${DEFAULT-VALUE}") Path readme = Path.of("README.md");
        @Option(names = "--results", description = "default: ${DEFAULT-VALUE}") Path results = Path.of("benchmarks-results");
        @Option(names = "--check", description = "only check, exit 1 if stale") boolean check;

        @Override
        public Integer call() {
            java.util.Map<Path, String> now = new java.util.LinkedHashMap<>();
            for (Path doc : ReadmeSections.documents(readme)) {
                try {
                    if (Files.isDirectory(doc)) throw new ReportException(doc.toString(), "is a folder");
                    now.put(doc, Files.readString(doc, StandardCharsets.UTF_8));
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new ReportException(doc.toString(), "no such file");
                } catch (IOException e) {
                    throw new ReportException(doc.toString(), "cannot read: " + RunFile.oneLine(e.getMessage()));
                }
            }
            java.util.Map<Path, String> want = ReadmeSections.apply(now, results);
            List<Path> stale = new ArrayList<>();
            for (Path doc : now.keySet()) if (!want.get(doc).equals(now.get(doc))) stale.add(doc);
            if (check) {
                if (!stale.isEmpty()) {
                    spec.commandLine().getErr().println("error: " + stale.stream().map(Path::toString)
                            .collect(java.util.stream.Collectors.joining(", ")) + ": generated sections differ from "
                            + "the run folders in " + results + "; run scripts/report.sh readme");
                    spec.commandLine().getErr().flush();
                    return 1;
                }
                return 0;
            }
            for (Path doc : stale) Output.text(doc, want.get(doc), true);
            return 0;
        }
    }
}
