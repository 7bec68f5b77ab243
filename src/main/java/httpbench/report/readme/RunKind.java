package httpbench.report.readme;

import httpbench.report.read.ReportException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The kinds of committed study folders, told apart by their folder names as the scripts write them, and the one
 * way "the newest folder of a kind" is chosen: by the folder's yyyy-mm-dd prefix, then a "-2" folder after its first.
 * Suite runs (no kind suffix) and their comparisons are {@link Run}'s.
 */
enum RunKind {
    /** scripts/load.sh: {@code <date>-<jdk>-<host>-load[-N]}. */
    LOAD(n -> n.contains("-load")),
    /** scripts/scaling.sh. */
    SCALING(n -> n.contains("-scaling")),
    /** scripts/article.sh. */
    ARTICLE(n -> n.endsWith("-article")),
    /** the blocking clients' study. */
    CLIENTS(n -> n.endsWith("-clients")),
    /** the Netty transports' study. */
    TRANSPORT(n -> n.endsWith("-transport")),
    /** scripts/protocols.sh. */
    PROTOCOLS(n -> n.matches(".*-protocols(-\\d+)?"));

    /** Oldest first: the date prefix, then the shorter name (a "-2" folder after its first), then the name. */
    static final Comparator<Path> OLDEST_FIRST = Comparator.comparing((Path d) -> prefix(d.getFileName().toString()))
            .thenComparing(d -> d.getFileName().toString().length())
            .thenComparing(d -> d.getFileName().toString());

    private final Predicate<String> name;

    RunKind(Predicate<String> name) {
        this.name = name;
    }

    /** Whether {@code dir}'s name is one of this kind's. */
    boolean names(Path dir) {
        return name.test(dir.getFileName().toString());
    }

    /** This kind's folders under {@code results} that are {@code usable}, oldest first. */
    List<Path> folders(Path results, Predicate<Path> usable) {
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(d -> Files.isDirectory(d) && names(d) && usable.test(d)).sorted(OLDEST_FIRST).toList();
        } catch (IOException e) {
            throw new ReportException(results.toString(), "cannot list: " + e.getMessage());
        }
    }

    /** The newest usable folder of this kind, if any. */
    Optional<Path> newest(Path results, Predicate<Path> usable) {
        List<Path> all = folders(results, usable);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static String prefix(String folder) {
        return folder.length() >= 10 ? folder.substring(0, 10) : folder;
    }
}
