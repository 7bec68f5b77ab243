package httpbench.report;

import httpbench.report.render.Charts;
import httpbench.report.read.Output;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "scaling", description = """
        Time per request vs n (log-log), one line per strategy, one chart \
        per latency: --out FILE.png writes FILE-L<latency>.png.""")
final class ScalingCmd implements Callable<Integer> {
    @Mixin Cli.Results in;
    @Mixin Cli.ToFile out;

    @Override
    public Integer call() {
        List<RunFile> runs = in.runs();
        TreeSet<Long> latencies = new TreeSet<>();
        for (RunFile f : runs) for (Row r : f.rows()) latencies.add(r.latencyMs());
        for (long l : latencies) Output.check(Cli.sibling(out.path, "--out", "-L" + l), out.force);
        for (long l : latencies) Charts.save(Charts.scaling(runs, l), Cli.sibling(out.path, "--out", "-L" + l), out.force);
        return 0;
    }
}
