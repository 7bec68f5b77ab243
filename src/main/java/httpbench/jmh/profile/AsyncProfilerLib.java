package httpbench.jmh.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * JMH's {@code -prof async} without an install step: the jar bundles async-profiler
 * ({@code tools.profiler:async-profiler}, whose jar holds the native library for linux-x64, linux-arm64 and macOS),
 * and when the user gives {@code -prof async} without {@code libPath}, the launcher extracts the library for this
 * platform to a folder of its own under {@code java.io.tmpdir} and adds {@code libPath=} to the profiler's options.
 */
public final class AsyncProfilerLib {
    private AsyncProfilerLib() {}

    /** async-profiler's folder name for this platform inside its jar, empty where it ships no library. */
    static Optional<String> platform(String os, String arch) {
        String o = os.toLowerCase(Locale.ROOT);
        String a = arch.toLowerCase(Locale.ROOT);
        if (o.contains("linux")) {
            if (a.equals("amd64") || a.equals("x86_64")) return Optional.of("linux-x64");
            if (a.equals("aarch64") || a.equals("arm64")) return Optional.of("linux-arm64");
        } else if (o.contains("mac")) {
            return Optional.of("macos");
        }
        return Optional.empty();
    }

    static final String LIB = "libasyncProfiler.so";

    /** The environment variable that lets a run go on without the profiler where no library is bundled. */
    public static final String OPTIONAL_ENV = "HTTPBENCH_PROFILER";

    /**
     * The arguments with {@code libPath=<extracted library>} added to every {@code -prof async[:opts]} that has
     * none; the same array when there is none. Bad platform or missing library: IllegalArgumentException with one
     * line saying what to do, unless {@code optional} ({@value #OPTIONAL_ENV}=optional): then the {@code -prof
     * async} options are dropped with one line on {@code err}.
     */
    public static String[] withLibPath(String[] args, boolean optional, java.io.PrintStream err) throws IOException {
        return withLibPath(args, optional, err, System.getProperty("os.name", "?"), System.getProperty("os.arch", "?"));
    }

    /** As on the platform {@code os}/{@code arch} (a seam for tests). */
    static String[] withLibPath(String[] args, boolean optional, java.io.PrintStream err, String os, String arch)
            throws IOException {
        String[] out = args;
        Path lib = null;
        java.util.List<Integer> drop = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (!args[i].equals("-prof")) continue;
            String p = args[i + 1];
            if (!(p.equals("async") || p.startsWith("async:")) || p.contains("libPath=")) continue;
            if (lib == null) {
                try {
                    lib = extract(os, arch);
                } catch (IllegalArgumentException e) {
                    if (!optional) throw e;
                    err.println(e.getMessage() + " -- running without it (" + OPTIONAL_ENV + "=optional)");
                    drop.add(i);
                    continue;
                }
            }
            if (out == args) out = Arrays.copyOf(args, args.length);
            String opts = p.equals("async") ? "" : p.substring("async:".length());
            out[i + 1] = "async:libPath=" + lib + (opts.isEmpty() ? "" : ";" + opts);
        }
        if (drop.isEmpty()) return out;
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (drop.contains(i)) {
                i++;
                continue;
            }
            kept.add(args[i]);
        }
        return kept.toArray(new String[0]);
    }

    /** Extracts the bundled library for this platform (once: a same-size copy already there is reused). */
    static Path extract(String os, String arch) throws IOException {
        String tag = platform(os, arch).orElseThrow(() -> new IllegalArgumentException("-prof async: async-profiler "
                + "ships no library for " + os + "/" + arch + "; install it and pass -prof async:libPath=/path/to/"
                + LIB + ", or set " + OPTIONAL_ENV + "=optional to run without the profiler"));
        byte[] bytes;
        try (InputStream in = AsyncProfilerLib.class.getResourceAsStream("/" + tag + "/" + LIB)) {
            if (in == null) {
                throw new IllegalArgumentException("-prof async: this jar has no " + tag + "/" + LIB
                        + " (rebuild it with mvn package, or pass -prof async:libPath=/path/to/" + LIB + ")");
            }
            bytes = in.readAllBytes();
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "httpbench-async-profiler-"
                + System.getProperty("user.name", "user") + "-" + tag + "-" + bytes.length);
        Path lib = dir.resolve(LIB);
        if (Files.isRegularFile(lib) && Files.size(lib) == bytes.length) return lib;
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, LIB, ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return lib;
    }
}
