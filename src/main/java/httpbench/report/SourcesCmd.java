package httpbench.report;

import httpbench.report.render.Html;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sources",
        description = {"Prints the results files that run folders, results files or comparisons (a compare "
                + "folder, or a compare*.md) stand for, one per line, relative to the current folder when "
                + "under it: what `html` reads, and what scripts/rerender.sh re-compares.",
                "e.g. scripts/report.sh sources benchmarks-results/2026-12-03-compare-17.0.15-vs-25.0.3-vm"})
final class SourcesCmd implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_OR_COMPARISON") List<Path> inputs;

    @Override
    public Integer call() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p : Html.resolve(inputs)) {
            Path abs = p.toAbsolutePath().normalize();
            System.out.println(abs.startsWith(here) ? here.relativize(abs) : abs);
        }
        return 0;
    }
}
