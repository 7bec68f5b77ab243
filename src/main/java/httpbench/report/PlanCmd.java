package httpbench.report;

import httpbench.report.read.ReportException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plan", description = {"""
        ARM=FORK.json...: the next round of an adaptive run (scripts/run.sh without -f): one \
        line per JMH invocation, "ARM<TAB>-p k=v ... -p strategy=a,b", for the rows whose fork-level \
        95 %% interval is still wider than --target or that have fewer than --min-forks forks, widest \
        first, at most --max-row-forks of them. Stderr: one line naming the rows below target.""",
        "Nothing on stdout: every row meets the target, or no row fork fits the budget."})
final class PlanCmd implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "ARM=FORK.json") List<String> files;
    @Option(names = "--target", paramLabel = "PCT", defaultValue = "5",
            description = "precision target: the interval's larger side within PCT %% (default ${DEFAULT-VALUE})")
    double targetPct;
    @Option(names = "--min-forks", defaultValue = "3", description = "forks every row gets (default ${DEFAULT-VALUE})")
    int minForks;
    @Option(names = "--max-row-forks", defaultValue = "1000000",
            description = "at most this many row forks in the round (what the time budget allows)")
    int maxRowForks;

    @Override
    public Integer call() {
        if (!(targetPct > 0 && targetPct < 100)) {
            throw new ReportException("--target", "--target " + targetPct + ": give a percentage above 0 and below 100");
        }
        java.util.Map<String, List<Path>> arms = new java.util.LinkedHashMap<>();
        for (String a : files) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new ReportException(a, "expected ARM=FORK.json");
            arms.computeIfAbsent(a.substring(0, eq), k -> new ArrayList<>()).add(Path.of(a.substring(eq + 1)));
        }
        ForkPlan.Plan p = ForkPlan.plan(arms, targetPct / 100, minForks, maxRowForks);
        for (String[] l : p.lines()) spec.commandLine().getOut().println(l[0] + "\t" + l[1]);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println(ForkPlan.summary(p, targetPct / 100));
        spec.commandLine().getErr().flush();
        return 0;
    }
}
