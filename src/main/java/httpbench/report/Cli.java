package httpbench.report;

import httpbench.report.read.Output;
import httpbench.report.read.ReportException;
import httpbench.report.read.RunFile;

import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the subcommands share: the version line, reading results, writing text, the margin check. */
final class Cli {
    private Cli() {}

    /** The project version from the jar's Maven metadata ("dev" when run from target/classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            var in = Cli.class.getResourceAsStream(
                    "/META-INF/maven/httpbench/http-concurrency-bench/pom.properties");
            if (in == null) return new String[] {"httpbench report dev"};
            try (in) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return new String[] {"httpbench report " + p.getProperty("version", "dev")};
            }
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
}
