package httpbench.report;

import httpbench.report.read.Merge;
import httpbench.report.read.ReportException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", description = {"""
        FORK.json... --out RESULTS.json: one results file from JMH runs of the same rows \
        (e.g. one -f 1 run per fork, interleaved with other JDKs), as if JMH had run all forks.""", """
        Per row: rawData fork lists concatenated; score = mean of all iterations, scoreError = \
        99.9 %% Student-t half-width ("NaN" below two values); secondary metrics keep their \
        aggregation (httpbench.metric.Metric's: mean, sum or max; a metric it does not know keeps the \
        one that reproduces each fork's own score); forks = number of files with the row.""",
        "Exit 1 (after writing) when some rows are missing from some files, naming them."})
final class MergeCmd implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "FORK.json") List<Path> files;
    @Mixin Cli.ToFile out;
    @Option(names = "--extra", paramLabel = "FORK.json", arity = "1..*",
            description = "fork files of an adaptive run's extra rounds: only some rows each, appended after "
                    + "the others' forks; a row they lack is not incomplete")
    List<Path> extras = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        out.check();
        Merge.Result r = Merge.merge(files, extras);
        if (r.rows().isEmpty()) throw new ReportException(files.get(0).toString(), "no rows in any fork file");
        out.write(Merge.JSON.writeValueAsString(r.rows()) + "\n");
        if (!r.incomplete().isEmpty()) {
            spec.commandLine().getErr().println("error: " + out.path + ": " + r.incomplete().size()
                    + " row(s) merged from fewer forks than given: " + String.join("; ", r.incomplete()));
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }
}
