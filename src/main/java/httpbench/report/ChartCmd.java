package httpbench.report;

import httpbench.report.render.Charts;
import httpbench.report.read.Output;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "chart",
        description = "Dot plots per parameter set: every row's iterations, fork means, fork-level 95 %% interval "
                + "and estimate, one lane per row and file: --out FILE.svg|FILE.png.")
final class ChartCmd implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
    @Option(names = "--out", required = true, description = "FILE.svg or FILE.png") Path out;
    @Option(names = "--log", description = "logarithmic time axis (default: linear from 0)") boolean log;
    @Option(names = "--force", description = "overwrite an existing --out file") boolean force;

    @Override
    public Integer call() {
        Output.check(out, force);
        Charts.save(Charts.dots(Cli.read(files), log), out, force);
        return 0;
    }
}
