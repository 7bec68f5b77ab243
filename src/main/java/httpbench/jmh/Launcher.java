package httpbench.jmh;

import httpbench.jmh.profile.AsyncProfilerLib;
import httpbench.jmh.profile.ClientCostProfiler;
import httpbench.jmh.profile.PinnedProfiler;
import httpbench.jmh.profile.ThreadsProfiler;
import httpbench.server.ServerInfo;
import httpbench.strategy.BlockingClient;
import httpbench.strategy.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Main-Class of {@code target/benchmarks.jar}: stock {@code org.openjdk.jmh.Main} with every flag, plus
 * <ul>
 *   <li>parameters checked before any fork starts (one line, exit 2);</li>
 *   <li>strategies this JDK cannot run dropped with one line each ({@code virtualThreads} on 17);</li>
 *   <li>a standalone target probed, its latency and payload taken over when not given;</li>
 *   <li>on JDK 23+, {@code --sun-misc-unsafe-memory-access=allow} for the forks (JMH's own Unsafe use);</li>
 *   <li>before the first fork, one line with the rows and forks it will run and how long that takes at least and
 *       at most ({@link RunPlan});</li>
 *   <li>{@code -prof async} without {@code libPath}: the async-profiler library this jar bundles
 *       ({@link AsyncProfilerLib});</li>
 *   <li>exit status 1 naming the failed rows (stock JMH exits 0 when a benchmark fails).</li>
 * </ul>
 */
public final class Launcher {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        int code = run(args, System.out, System.err);
        System.exit(code);
    }

    /** Runs the benchmarks (a seam for tests: they check what would run without starting forks). */
    interface Runs {
        Collection<RunResult> run(org.openjdk.jmh.runner.options.Options options, OutputFormat format)
                throws RunnerException;
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return run(args, out, err, (o, f) -> new Runner(o, f).run());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Runs runs) throws Exception {
        if (args.length == 1 && args[0].equals(DEFAULTS)) {
            out.print(runSettings());
            return 0;
        }
        CommandLineOptions cmd;
        ChainedOptionsBuilder opts;
        PrintStream sink;
        try {
            args = withProfilerLib(args, err);
            cmd = parse(args);
            if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                    || cmd.shouldListResultFormats()) {
                org.openjdk.jmh.Main.main(args);
                return 0;
            }
            opts = options(cmd, out);
            if (opts == null) {
                out.println("Nothing left to run on this JDK.");
                return 0;
            }
            sink = sink(cmd, out);
        } catch (Usage e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        return execute(cmd, opts.build(), sink, out, err, runs);
    }

    /** Bad input, said in one line before anything runs (exit {@value #EXIT_USAGE}). */
    private static final class Usage extends Exception {
        Usage(String message) {
            super(message, null, false, false);
        }
    }

    private static String[] withProfilerLib(String[] args, PrintStream err) throws Usage {
        try {
            return AsyncProfilerLib.withLibPath(args, "optional".equals(System.getenv(AsyncProfilerLib.OPTIONAL_ENV)), err);
        } catch (IllegalArgumentException e) {
            throw new Usage(e.getMessage());
        } catch (IOException e) {
            throw new Usage("-prof async: cannot extract the bundled async-profiler library: " + e.getMessage());
        }
    }

    private static CommandLineOptions parse(String[] args) throws Usage {
        try {
            return new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            throw new Usage(e.getMessage() + " (see -h)");
        }
    }

    /** JMH's options with the rows this JDK can run and the suite's profilers; null when no row is left. */
    private static ChainedOptionsBuilder options(CommandLineOptions cmd, PrintStream out) throws Usage {
        String unmatched = unmatchedIncludes(cmd);
        if (unmatched != null) throw new Usage(unmatched);
        ChainedOptionsBuilder opts = new OptionsBuilder().parent(cmd);
        try {
            if (!Params.resolve(cmd, opts, out)) return null;
        } catch (IllegalArgumentException e) {
            throw new Usage(e.getMessage());
        }
        addForkJvmArgs(cmd, opts);
        opts.addProfiler(ThreadsProfiler.class);
        opts.addProfiler(ClientCostProfiler.class);
        opts.addProfiler(PinnedProfiler.class);
        return opts;
    }

    /** Where JMH's report goes: {@code -o FILE}, else {@code out}. */
    private static PrintStream sink(CommandLineOptions cmd, PrintStream out) throws Usage {
        if (!cmd.getOutput().hasValue()) return out;
        try {
            return new PrintStream(new FileOutputStream(cmd.getOutput().get()), true);
        } catch (FileNotFoundException e) {
            throw new Usage("cannot write -o " + cmd.getOutput().get() + ": " + e.getMessage());
        }
    }

    /** Runs the plan; a row that fails is named, and the exit status says whether every row has a score. */
    private static int execute(CommandLineOptions cmd, org.openjdk.jmh.runner.options.Options built, PrintStream sink,
                               PrintStream out, PrintStream err, Runs runs) {
        Tracking format = new Tracking(OutputFormatFactory.createFormatInstance(sink,
                cmd.verbosity().orElse(VerboseMode.NORMAL)));
        out.println(RunPlan.of(built).line());
        Collection<RunResult> results;
        try {
            results = runs.run(built, format);
        } catch (RunnerException e) {
            err.println("error: " + (e instanceof org.openjdk.jmh.runner.NoBenchmarksException
                    ? noMatch(cmd.getIncludes()) : firstLine(e)));
            List<String> failed = format.failed(List.of());
            if (!failed.isEmpty()) err.println("failed rows: " + String.join("; ", failed));
            return EXIT_FAILED;
        }
        List<String> failed = format.failed(results);
        if (!failed.isEmpty()) {
            err.println();
            err.println(failed.size() + " benchmark row(s) FAILED and have no score (see the errors above):");
            for (String f : failed) err.println("  " + f);
            return EXIT_FAILED;
        }
        if (results.isEmpty()) {
            err.println("error: no benchmark ran (does the include pattern match? see -l)");
            return EXIT_FAILED;
        }
        return 0;
    }

    /**
     * Null, or why the include patterns (the arguments that are not options) match no benchmark of this jar: JMH
     * would start, find nothing and fail with no message ("gc" left over from a "-prof gc" split apart is one).
     */
    static String unmatchedIncludes(CommandLineOptions cmd) {
        List<String> inc = cmd.getIncludes();
        if (inc.isEmpty()) return null;
        OutputFormat silent = OutputFormatFactory.createFormatInstance(
                new PrintStream(java.io.OutputStream.nullOutputStream()), VerboseMode.SILENT);
        if (!org.openjdk.jmh.runner.BenchmarkList.defaultList().find(silent, inc, cmd.getExcludes()).isEmpty()) {
            return null;
        }
        return noMatch(inc);
    }

    private static String noMatch(List<String> includes) {
        return "no benchmark matches " + String.join(", ", includes) + " (an argument that is not an option is a "
                + "pattern of the benchmarks to run; see -l)";
    }

    private static String firstLine(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getMessage() == null) c = c.getCause();
        String m = String.valueOf(c.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * JDK 23+ warns when JMH uses sun.misc.Unsafe, and 24+ when the server's native epoll library is loaded; the
     * flags that silence them are rejected (the first) by JDK 17, so they are added only where they are needed.
     */
    static void addForkJvmArgs(CommandLineOptions cmd, ChainedOptionsBuilder opts) {
        if (cmd.getJvm().hasValue() || Runtime.version().feature() < 22) return;
        List<String> append = new ArrayList<>();
        if (cmd.getJvmArgsAppend().hasValue()) append.addAll(cmd.getJvmArgsAppend().get());
        append.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) append.add("--sun-misc-unsafe-memory-access=allow");
        opts.jvmArgsAppend(append.toArray(new String[0]));
    }

    /** The one argument that prints {@link #runSettings()} and runs nothing (not a JMH option: JMH's are one dash). */
    static final String DEFAULTS = "--defaults";

    /**
     * The suite's run settings as {@code key=value} lines, read from the annotations JMH reads, for scripts
     * (run.sh's fork minimum) that would otherwise parse the Java source: forks, warm-up and measured iterations
     * and their times in ms.
     */
    static String runSettings() {
        return RunSettings.DECLARED.lines();
    }

    static String key(BenchmarkParams p) {
        TreeMap<String, String> m = new TreeMap<>();
        for (String k : p.getParamsKeys()) m.put(k, p.getParam(k));
        String shortName = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark()
                .lastIndexOf('.') - 1) + 1);
        return shortName + " " + m.toString().replace("{", "(").replace("}", ")");
    }

    /** Delegating output format that remembers which rows started, to name those that produced no result. */
    static final class Tracking implements OutputFormat {
        private final OutputFormat d;
        private final Set<String> started = new LinkedHashSet<>();

        Tracking(OutputFormat d) { this.d = d; }

        List<String> failed(Collection<RunResult> results) {
            Set<String> ok = new LinkedHashSet<>();
            for (RunResult r : results) ok.add(key(r.getParams()));
            List<String> f = new ArrayList<>();
            for (String s : started) if (!ok.contains(s)) f.add(s);
            return f;
        }

        @Override public void iteration(BenchmarkParams b, IterationParams i, int n) { d.iteration(b, i, n); }
        @Override public void iterationResult(BenchmarkParams b, IterationParams i, int n, IterationResult r) { d.iterationResult(b, i, n, r); }
        @Override public void startBenchmark(BenchmarkParams b) { started.add(key(b)); d.startBenchmark(b); }
        @Override public void endBenchmark(BenchmarkResult r) { d.endBenchmark(r); }
        @Override public void startRun() { d.startRun(); }
        @Override public void endRun(Collection<RunResult> r) { d.endRun(r); }
        @Override public void print(String s) { d.print(s); }
        @Override public void println(String s) { d.println(s); }
        @Override public void flush() { d.flush(); }
        @Override public void close() { d.close(); }
        @Override public void verbosePrintln(String s) { d.verbosePrintln(s); }
        @Override public void write(int b) { d.write(b); }
        @Override public void write(byte[] b) throws IOException { d.write(b); }
    }
}
