package httpbench.report;

import httpbench.report.read.ReportException;
import httpbench.report.read.RunFile;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code scripts/report.sh}: tables, compare, chart, scaling, env, readme. Bad input: one line
 * {@code error: <file>: <problem>}, exit status 2, nothing half-written.
 */
@Command(name = "report.sh", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        scope = CommandLine.ScopeType.INHERIT, // every subcommand gets --help, --version and this version line
        description = "Turns JMH JSON results into tables, comparisons and charts.",
        subcommands = {TablesCmd.class, CompareCmd.class, ChartCmd.class,
                ScalingCmd.class, LoadCmd.class, EnvCmd.class, ReadmeCmd.class,
                MergeCmd.class, PlanCmd.class, SimulateCmd.class,
                HtmlCmd.class, SourcesCmd.class})
public final class ReportMain implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
}
