package httpbench.report;

import httpbench.report.read.RunFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
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

@Command(name = "env",
        description = "environment.json for a run folder: JDK, OS, CPU, memory, JMH settings, git.")
final class EnvCmd implements Callable<Integer> {
    @Option(names = "--results", required = true, description = "the run's results.json") Path results;
    @Mixin Cli.ToFile out;
    @Option(names = "--jmh-args", description = "the JMH arguments of the run") String jmhArgs = "";
    @Option(names = "--harness-env", paramLabel = "FILE.json", description = "rows of another harness (e.g. "
            + "scripts/seed-python's): its own fields (interpreter, libraries, server) from FILE.json, then the "
            + "machine and the code; no JDK or JMH fields (the rows ran in no JVM)") Path harnessEnv;

    /** Date and host; the JVM's fields, or another harness's own; the machine; JMH's settings (JVM runs); the code. */
    @Override
    public Integer call() throws IOException {
        out.check();
        RunFile run = RunFile.read(results); // the rows it describes must be readable results, for either harness
        JsonNode first = harnessEnv == null ? RunFile.readJson(results, "JMH JSON results").get(0) : null;
        ObjectNode n = RunFile.JSON.createObjectNode();
        n.put("date", now());
        n.put("host", hostName());
        if (first == null) n.setAll(harnessFields()); else jvm(n, run, first);
        machine(n);
        if (first != null) jmh(n, run, first);
        code(n);
        out.write(RunFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
        return 0;
    }

    private static void jvm(ObjectNode n, RunFile run, JsonNode first) {
        String jvm = first.path("jvm").asText("");
        n.put("jdkVersion", run.jdkVersion());
        n.put("jdkVendor", jvm.isEmpty() ? "?" : javaProperty(jvm, "java.vendor"));
        n.put("javaHome", javaHome(jvm));
        n.put("vmName", run.vmName());
        n.put("vmVersion", run.vmVersion());
        n.put("jvm", jvm);
        n.set("jvmArgs", first.path("jvmArgs"));
    }

    /** Another harness's own fields, as --harness-env gives them. */
    private ObjectNode harnessFields() {
        JsonNode own = RunFile.readJson(harnessEnv, "the harness's environment fields");
        if (!own.isObject()) throw new httpbench.report.read.ReportException(harnessEnv.toString(), "expected a JSON object");
        return (ObjectNode) own;
    }

    private static String now() {
        return ZonedDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The machine: OS, kernel, CPU, cores, memory, and how an idle CPU waits. */
    private static void machine(ObjectNode n) {
        n.put("os", osName());
        n.put("kernel", System.getProperty("os.version"));
        n.put("arch", System.getProperty("os.arch"));
        n.put("cpuModel", cpuModel());
        n.put("cores", Runtime.getRuntime().availableProcessors());
        n.put("memory", memory());
        n.put("cpuIdle", cpuIdle());
    }

    /** JMH's settings as the results file records them, and the arguments the run was given. */
    private void jmh(ObjectNode n, RunFile run, JsonNode first) {
        n.put("jmhVersion", first.path("jmhVersion").asText("?"));
        n.put("jmhMode", first.path("mode").asText("?"));
        n.put("forks", first.path("forks").asInt());
        n.put("warmupIterations", first.path("warmupIterations").asInt());
        n.put("warmupTime", first.path("warmupTime").asText("?"));
        n.put("measurementIterations", first.path("measurementIterations").asInt());
        n.put("measurementTime", first.path("measurementTime").asText("?"));
        n.put("jmhSettings", run.settings());
        n.put("jmhArgs", jmhArgs);
    }

    /** The code: the checkout's commit and whether it was dirty, and the commit the jar was built from. */
    private static void code(ObjectNode n) {
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
    }

    /**
     * The jar's own build record (httpbench-git.properties, written by git-commit-id-maven-plugin): commit, dirty
     * flag (any change in the checkout, untracked files included), build time. Empty when built outside git.
     */
    static java.util.Properties jarGit() {
        java.util.Properties p = new java.util.Properties();
        try (var in = Cli.class.getResourceAsStream("/httpbench-git.properties")) {
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
}
