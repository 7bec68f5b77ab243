package httpbench.report;

import httpbench.report.render.Charts;
import httpbench.report.render.Load;
import httpbench.report.read.Output;
import httpbench.report.read.ReportException;
import httpbench.report.read.RunFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "load", description = """
        The load study (scripts/load.sh): SampleTime results of several -t C, one table per \
        latency (batches/s, p50/p99, CPU, threads, memory, what stopped each row) and, with --charts \
        FILE.png, FILE-L<latency>-{throughput,p99,cpu}.png against C.""")
final class LoadCmd implements Callable<Integer> {
    @Mixin Cli.Results in;
    @Option(names = "--limits", description = "lines of the callers the launcher refused (one per line)")
    Path limits;
    @Mixin Cli.StdoutOrFile out;
    @Option(names = "--charts", description = "FILE.svg or FILE.png: the charts' names") Path charts;

    @Override
    public Integer call() {
        out.check();
        List<RunFile> runs = in.runs();
        String md = Load.markdown(runs, refused());
        if (charts != null) {
            List<Path> outs = new ArrayList<>();
            for (long l : Load.latencies(runs)) {
                for (Load.Metric m : Load.Metric.values()) {
                    outs.add(Cli.sibling(charts, "--charts", "-L" + l + "-" + m.name().toLowerCase(Locale.ROOT)));
                }
            }
            for (Path p : outs) Output.check(p, out.force);
            int k = 0;
            for (long l : Load.latencies(runs)) {
                for (Load.Metric m : Load.Metric.values()) Charts.save(Load.chart(runs, l, m), outs.get(k++), out.force);
            }
        }
        out.emit(md);
        return 0;
    }

    private List<String> refused() {
        if (limits == null) return List.of();
        try {
            return Files.readAllLines(limits).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new ReportException(limits.toString(), "cannot read: " + e.getMessage());
        }
    }
}
