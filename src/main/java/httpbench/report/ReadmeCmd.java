package httpbench.report;

import httpbench.report.read.Output;
import httpbench.report.readme.ReadmeSections;
import httpbench.report.read.ReportException;
import httpbench.report.read.RunFile;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "readme",
        description = "Regenerates the generated sections (between <!-- NAME:begin --> and <!-- NAME:end -->) of "
        + "README.md and of the reference pages under " + ReadmeSections.SITE + " beside it from the committed "
        + "run folders; --check exits 1 when any differs.")
final class ReadmeCmd implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--readme", description = "default: ${DEFAULT-VALUE}") Path readme = Path.of("README.md");
    @Option(names = "--results", description = "default: ${DEFAULT-VALUE}") Path results = Path.of("benchmarks-results");
    @Option(names = "--check", description = "only check, exit 1 if stale") boolean check;

    @Override
    public Integer call() {
        java.util.Map<Path, String> now = new java.util.LinkedHashMap<>();
        for (Path doc : ReadmeSections.documents(readme)) {
            try {
                if (Files.isDirectory(doc)) throw new ReportException(doc.toString(), "is a folder");
                now.put(doc, Files.readString(doc, StandardCharsets.UTF_8));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new ReportException(doc.toString(), "no such file");
            } catch (IOException e) {
                throw new ReportException(doc.toString(), "cannot read: " + RunFile.oneLine(e.getMessage()));
            }
        }
        java.util.Map<Path, String> want = ReadmeSections.apply(now, results);
        List<Path> stale = new ArrayList<>();
        for (Path doc : now.keySet()) if (!want.get(doc).equals(now.get(doc))) stale.add(doc);
        if (check) {
            if (!stale.isEmpty()) {
                spec.commandLine().getErr().println("error: " + stale.stream().map(Path::toString)
                        .collect(java.util.stream.Collectors.joining(", ")) + ": generated sections differ from "
                        + "the run folders in " + results + "; run scripts/report.sh readme");
                spec.commandLine().getErr().flush();
                return 1;
            }
            return 0;
        }
        for (Path doc : stale) Output.text(doc, want.get(doc), true);
        return 0;
    }
}
