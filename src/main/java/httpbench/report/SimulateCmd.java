package httpbench.report;

import httpbench.report.read.Output;
import httpbench.report.stats.Simulation;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "simulate",
        description = "The statistics by simulation (coverage, A/A false verdicts, power, equivalence, "
                + "heterogeneity and steadiness flags; seeded, about 15 s) as Markdown: the README includes "
                + "benchmarks-results/statistics-simulation.md.")
final class SimulateCmd implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--out", description = "write to this file instead of stdout") Path out;
    @Option(names = "--force", description = "overwrite an existing --out file") boolean force;

    @Override
    public Integer call() {
        if (out != null) Output.check(out, force);
        Cli.emit(spec, out, force, Simulation.markdown(Simulation.figures()));
        return 0;
    }
}
