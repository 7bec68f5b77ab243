package httpbench.report;

import httpbench.report.render.Csv;

import httpbench.report.read.Output;
import httpbench.report.read.RunFile;
import httpbench.report.render.Tables;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tables",
        description = "Markdown tables (or CSV) of one or more JMH JSON results: -bm avgt (ms/op), thrpt "
        + "(batches/s, requests/s) or sample (mean ms/op, p50/p90/p99/p99.9 ms).")
final class TablesCmd implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
    @Option(names = "--csv", description = "CSV instead of Markdown") boolean csv;
    @Option(names = "--out", description = "write to this file instead of stdout") Path out;
    @Option(names = "--force", description = "overwrite an existing --out file") boolean force;

    @Override
    public Integer call() {
        if (out != null) Output.check(out, force); // fail before the work, not after
        List<RunFile> runs = Cli.read(files);
        Cli.emit(spec, out, force, csv ? Csv.csv(runs) : Tables.markdown(runs));
        return 0;
    }
}
