package httpbench.report;

import httpbench.report.render.Html;
import httpbench.report.read.Mode;
import httpbench.report.read.RunFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "html", description = {"""
        One self-contained HTML page (inline SVG, no script or network request) of run folders, \
        results files or a compare folder: the environment, per parameter set a dot plot of every \
        row (iterations, fork means, fork-level 95 %% interval), for two or more runs a forest plot \
        of the ratios coloured by verdict, and the tables.""", """
        e.g. scripts/report.sh html benchmarks-results/2026-12-03-compare-17.0.15-vs-25.0.3-vm \
        --out report.html"""})
final class HtmlCmd implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_OR_COMPARE_FOLDER") List<Path> inputs;
    @Mixin Cli.ToFile out;
    @Option(names = "--margin", paramLabel = "PCT", defaultValue = "5",
            description = "equivalence margin of a comparison in %% (default ${DEFAULT-VALUE})")
    double marginPct;

    @Override
    public Integer call() {
        Cli.checkMargin(marginPct);
        out.check();
        List<RunFile> runs = Cli.read(Html.resolve(inputs));
        if (runs.size() > 1) Mode.single(runs, "html");
        out.write(Html.page(runs, marginPct / 100));
        return 0;
    }
}
