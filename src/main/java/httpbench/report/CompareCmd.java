package httpbench.report;

import httpbench.report.render.Compare;
import httpbench.report.read.ReportException;
import httpbench.report.read.RunFile;
import httpbench.report.stats.Verdicts;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "compare", description = {"""
        BASE.json CANDIDATE.json...: ratios with fork-level 95 %% intervals (Welch's t on the log \
        fork means) and the verdicts faster / slower / equivalent / inconclusive, Holm-corrected over \
        the whole table.""", """
        Regression gate for CI: --fail-on slower exits 1 when any row is significantly slower, e.g. \
        scripts/report.sh compare --fail-on slower base/results.json new/results.json"""})
final class CompareCmd implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Cli.Results in;
    @Mixin Cli.StdoutOrFile out;
    @Option(names = "--margin", paramLabel = "PCT", defaultValue = "5",
            description = "equivalence margin in %% (default ${DEFAULT-VALUE}: ratio within [1/1.05, 1.05])")
    double marginPct;
    @Option(names = "--fail-on", paramLabel = "VERDICT", split = ",",
            description = "exit 1 when any row gets one of these verdicts: slower, faster, inconclusive "
                    + "(comma-separated); the table is still written")
    List<String> failOn = List.of();

    @Override
    public Integer call() {
        if (in.files.size() < 2) {
            throw new ReportException(in.files.get(0).toString(),
                    "compare needs at least two result files (BASE.json CANDIDATE.json...)");
        }
        Cli.checkMargin(marginPct);
        java.util.Set<Verdicts.Verdict> gate = java.util.EnumSet.noneOf(Verdicts.Verdict.class);
        for (String v : failOn) {
            switch (v.trim()) {
                case "slower" -> gate.add(Verdicts.Verdict.SLOWER);
                case "faster" -> gate.add(Verdicts.Verdict.FASTER);
                case "inconclusive" -> gate.add(Verdicts.Verdict.INCONCLUSIVE);
                default -> throw new ReportException("--fail-on",
                        "--fail-on " + v + ": expected slower, faster or inconclusive");
            }
        }
        out.check();
        List<RunFile> runs = in.runs();
        double margin = marginPct / 100;
        out.emit(Compare.markdown(runs, f -> f.path().toString(), margin));
        if (gate.isEmpty()) return 0;
        List<String> hits = Compare.gate(runs, margin, gate);
        if (hits.isEmpty()) return 0;
        spec.commandLine().getErr().println("compare: " + hits.size() + " row(s) " + String.join("/", failOn)
                + " (--fail-on): " + String.join("; ", hits));
        return 1;
    }
}
