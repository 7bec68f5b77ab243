package httpbench.report;

import httpbench.report.render.Charts;
import httpbench.report.render.Load;
import httpbench.report.read.Output;
import httpbench.report.read.ReportException;
import httpbench.report.read.RunFile;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "load",
        description = "The load study (scripts/load.sh): SampleTime results of several -t C, one table per "
        + "latency (batches/s, p50/p99, CPU, threads, memory, what stopped each row) and, with --charts "
        + "FILE.png, FILE-L<latency>-{throughput,p99,cpu}.png against C.")
final class LoadCmd implements Callable<Integer> {
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
        List<RunFile> runs = Cli.read(files);
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
        Cli.emit(spec, out, force, md);
        return 0;
    }
}
