package httpbench.report;

import httpbench.report.render.Charts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "chart", description = """
        Dot plots per parameter set: every row's iterations, fork means, fork-level 95 %% interval \
        and estimate, one lane per row and file: --out FILE.svg|FILE.png.""")
final class ChartCmd implements Callable<Integer> {
    @Mixin Cli.Results in;
    @Mixin Cli.ToFile out;
    @Option(names = "--log", description = "logarithmic time axis (default: linear from 0)") boolean log;

    @Override
    public Integer call() {
        out.check();
        Charts.save(Charts.dots(in.runs(), log), out.path, out.force);
        return 0;
    }
}
