package httpbench.report;

import httpbench.report.read.Output;
import httpbench.report.read.ReportException;
import httpbench.report.read.RunFile;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the subcommands share: the version line, the options several take (declared once here, as picocli mixins:
 * the results read, the file written), the margin check, and the names of a chart's files.
 */
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

    /** The positional RESULT.json... of the commands that read JMH results. */
    static final class Results {
        @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;

        List<RunFile> runs() { return read(files); }
    }

    /** --out and --force where --out is optional: without it the text goes to stdout. */
    static final class StdoutOrFile {
        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE) CommandSpec spec;
        @Option(names = "--out", paramLabel = "<out>", description = "write to this file instead of stdout") Path path;
        @Option(names = "--force", description = FORCE) boolean force;

        /** Before the work: an --out that exists without --force fails now, not after. */
        void check() { if (path != null) Output.check(path, force); }

        void emit(String text) { Cli.emit(spec, path, force, text); }
    }

    /** --out (required) and --force. */
    static final class ToFile {
        @Option(names = "--out", required = true, paramLabel = "<out>", description = "the file to write") Path path;
        @Option(names = "--force", description = FORCE) boolean force;

        void check() { Output.check(path, force); }

        void write(String text) { Output.text(path, text, force); }
    }

    static final String FORCE = "overwrite existing output files";

    /**
     * The files a chart template stands for: {@code FILE.png} with suffix {@code -L100} is {@code FILE-L100.png}.
     * {@code option} names the template in the error when it has no extension.
     */
    static Path sibling(Path template, String option, String suffix) {
        String name = template.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) throw new ReportException(template.toString(), option + " must end in .svg or .png");
        return template.resolveSibling(name.substring(0, dot) + suffix + name.substring(dot));
    }

    static List<RunFile> read(List<Path> files) {
        List<RunFile> out = new ArrayList<>();
        for (Path p : files) out.add(RunFile.read(p));
        return out;
    }

    /** Text to stdout, or atomically to {@code out}. */
    static void emit(CommandSpec spec, Path out, boolean force, String text) {
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Output.text(out, text, force);
        }
    }
}
