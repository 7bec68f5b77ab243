package httpbench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
@Command(name = "report.sh", mixinStandardHelpOptions = true,
        description = "Turns JMH JSON results into tables, comparisons and charts.",
        subcommands = {ReportMain.TablesCmd.class, ReportMain.CompareCmd.class, ReportMain.ChartCmd.class,
                ReportMain.ScalingCmd.class, ReportMain.EnvCmd.class, ReportMain.ReadmeCmd.class})
public final class ReportMain implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_BAD_INPUT;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new ReportMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
            ex.getCommandLine().getErr().flush();
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof ReportException) {
                c.getErr().println("error: " + ex.getMessage());
                c.getErr().flush();
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    static List<RunFile> read(List<Path> files) {
        List<RunFile> out = new ArrayList<>();
        for (Path p : files) out.add(RunFile.read(p));
        return out;
    }

    /** Atomic write: temp file in the target folder, then move; a failure leaves nothing behind. */
    static void write(Path out, String text) {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new ReportException(out.toString(), "folder does not exist");
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".report", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ReportException(out.toString(), "cannot write: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    static void emit(CommandLine.Model.CommandSpec spec, Path out, String text) {
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            write(out, text);
        }
    }

    @Command(name = "tables", description = "Markdown tables (or CSV) of one or more JMH JSON results.")
    static final class TablesCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
        @Option(names = "--csv", description = "CSV instead of Markdown") boolean csv;
        @Option(names = "--out", description = "write to this file instead of stdout") Path out;

        @Override
        public Integer call() {
            List<RunFile> runs = read(files);
            emit(spec, out, csv ? Tables.csv(runs) : Tables.markdown(runs));
            return 0;
        }
    }

    @Command(name = "compare", description = "BASE.json CANDIDATE.json...: ratios with 95 %% bootstrap CIs and verdicts.")
    static final class CompareCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
        @Option(names = "--out", description = "write to this file instead of stdout") Path out;

        @Override
        public Integer call() {
            if (files.size() < 2) {
                throw new ReportException(files.get(0).toString(),
                        "compare needs at least two result files (BASE.json CANDIDATE.json...)");
            }
            emit(spec, out, Compare.markdown(read(files)));
            return 0;
        }
    }

    @Command(name = "chart", description = "Grouped bars with error bars: --out FILE.svg|FILE.png.")
    static final class ChartCmd implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
        @Option(names = "--out", required = true, description = "FILE.svg or FILE.png") Path out;
        @Option(names = "--log", description = "logarithmic time axis") boolean log;

        @Override
        public Integer call() {
            Charts.save(Charts.bars(read(files), log), out);
            return 0;
        }
    }

    @Command(name = "scaling", description = "Time per request vs n (log-log), one line per strategy, one chart "
            + "per latency: --out FILE.png writes FILE-L<latency>.png.")
    static final class ScalingCmd implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
        @Option(names = "--out", required = true, description = "FILE.svg or FILE.png") Path out;

        @Override
        public Integer call() {
            List<RunFile> runs = read(files);
            java.util.TreeSet<Long> latencies = new java.util.TreeSet<>();
            for (RunFile f : runs) for (Row r : f.rows()) latencies.add(r.latencyMs());
            String name = out.getFileName().toString();
            int dot = name.lastIndexOf('.');
            if (dot < 0) throw new ReportException(out.toString(), "output must end in .svg or .png");
            for (long l : latencies) {
                Charts.save(Charts.scaling(runs, l),
                        out.resolveSibling(name.substring(0, dot) + "-L" + l + name.substring(dot)));
            }
            return 0;
        }
    }

    @Command(name = "env", description = "environment.json for a run folder: JDK, OS, CPU, memory, JMH settings, git.")
    static final class EnvCmd implements Callable<Integer> {
        @Option(names = "--results", required = true, description = "the run's results.json") Path results;
        @Option(names = "--out", required = true, description = "environment.json to write") Path out;
        @Option(names = "--jmh-args", description = "the JMH arguments of the run") String jmhArgs = "";

        @Override
        public Integer call() throws Exception {
            RunFile run = RunFile.read(results);
            ObjectNode n = RunFile.JSON.createObjectNode();
            var first = RunFile.JSON.readTree(results.toFile()).get(0);
            String jvm = first.path("jvm").asText();
            n.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            n.put("host", InetAddress.getLocalHost().getHostName());
            n.put("jdkVersion", run.jdkVersion());
            n.put("jdkVendor", javaProperty(jvm, "java.vendor"));
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
            n.put("jmhVersion", first.path("jmhVersion").asText());
            n.put("jmhSettings", run.settings());
            n.put("jmhArgs", jmhArgs);
            n.put("gitCommit", git("rev-parse", "HEAD"));
            n.put("gitDirty", !git("status", "--porcelain", "--untracked-files=no").isEmpty());
            write(out, RunFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
            return 0;
        }
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

    @Command(name = "readme", description = "Regenerates README.md's generated sections from the committed run "
            + "folders; --check exits 1 when README differs.")
    static final class ReadmeCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--readme", description = "default: ${DEFAULT-VALUE}") Path readme = Path.of("README.md");
        @Option(names = "--results", description = "default: ${DEFAULT-VALUE}") Path results = Path.of("benchmarks-results");
        @Option(names = "--check", description = "only check, exit 1 if stale") boolean check;

        @Override
        public Integer call() {
            String now;
            try {
                now = Files.readString(readme, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ReportException(readme.toString(), "cannot read: " + e.getMessage());
            }
            String want = ReadmeSections.apply(now, results);
            if (check) {
                if (!want.equals(now)) {
                    spec.commandLine().getErr().println("error: " + readme + ": generated sections are stale; "
                            + "run scripts/report.sh readme");
                    return 1;
                }
                return 0;
            }
            write(readme, want);
            return 0;
        }
    }
}
