package httpbench.report;

import httpbench.report.render.SimulationTable;
import httpbench.report.stats.Simulation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "simulate", description = """
        The statistics by simulation (coverage, A/A false verdicts, power, equivalence, \
        heterogeneity and steadiness flags; seeded, about 15 s) as Markdown: the README includes \
        benchmarks-results/statistics-simulation.md.""")
final class SimulateCmd implements Callable<Integer> {
    @Mixin Cli.StdoutOrFile out;

    @Override
    public Integer call() {
        out.check();
        out.emit(SimulationTable.markdown(Simulation.figures()));
        return 0;
    }
}
