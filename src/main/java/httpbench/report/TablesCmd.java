package httpbench.report;

import httpbench.report.read.RunFile;
import httpbench.report.render.Csv;
import httpbench.report.render.Tables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tables", description = """
        Markdown tables (or CSV) of one or more JMH JSON results: -bm avgt (ms/op), thrpt \
        (batches/s, requests/s) or sample (mean ms/op, p50/p90/p99/p99.9 ms).""")
final class TablesCmd implements Callable<Integer> {
    @Mixin Cli.Results in;
    @Option(names = "--csv", description = "CSV instead of Markdown") boolean csv;
    @Mixin Cli.StdoutOrFile out;

    @Override
    public Integer call() {
        out.check();
        List<RunFile> runs = in.runs();
        out.emit(csv ? Csv.csv(runs) : Tables.markdown(runs));
        return 0;
    }
}
