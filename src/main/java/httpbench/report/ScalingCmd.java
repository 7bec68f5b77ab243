package httpbench.report;

import httpbench.report.render.Charts;
import httpbench.report.read.Output;
import httpbench.report.read.ReportException;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "scaling",
        description = "Time per request vs n (log-log), one line per strategy, one chart "
        + "per latency: --out FILE.png writes FILE-L<latency>.png.")
final class ScalingCmd implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULT.json") List<Path> files;
    @Option(names = "--out", required = true, description = "FILE.svg or FILE.png") Path out;
    @Option(names = "--force", description = "overwrite existing files") boolean force;

    @Override
    public Integer call() {
        List<RunFile> runs = Cli.read(files);
        java.util.TreeSet<Long> latencies = new java.util.TreeSet<>();
        for (RunFile f : runs) for (Row r : f.rows()) latencies.add(r.latencyMs());
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) throw new ReportException(out.toString(), "output must end in .svg or .png");
        for (long l : latencies) {
            Output.check(out.resolveSibling(name.substring(0, dot) + "-L" + l + name.substring(dot)), force);
        }
        for (long l : latencies) {
            Charts.save(Charts.scaling(runs, l),
                    out.resolveSibling(name.substring(0, dot) + "-L" + l + name.substring(dot)), force);
        }
        return 0;
    }
}
