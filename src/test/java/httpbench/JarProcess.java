package httpbench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar in a child JVM (the same JDK as the tests), bounded in time. */
public final class JarProcess {
    public static final Path JAR = Path.of("target", "benchmarks.jar");

    public record Result(int exit, String out, String err) {}

    private JarProcess() {}

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs the jar; first waits (at most 2 minutes) while another JMH run, e.g. another build's, holds JMH's lock
     * file, which would make this one exit at once with "Another JMH instance might be running".
     */
    public static Result run(long timeoutSec, String... args) throws IOException, InterruptedException {
        try {
            ScriptsIT.awaitJmhLock(120);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, timeoutSec);
    }

    public static Result exec(List<String> cmd, long timeoutSec) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jar-out", ".txt");
        Path err = Files.createTempFile("jar-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSec + " s: " + String.join(" ", cmd)
                    + "\nstdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /** Starts the standalone server from the jar on a free port; the caller destroys it. */
    public static Process server(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", JAR.toString(), "httpbench.server.ServerMain"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        java.util.concurrent.CompletableFuture<String> url = new java.util.concurrent.CompletableFuture<>();
        URLS.put(p, url);
        Thread copier = new Thread(() -> { // copies the output to the log; completes the URL at "serving URL"
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.startsWith("serving ")) url.complete(line.split(" ")[1]);
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            } finally {
                url.completeExceptionally(new IllegalStateException("server output ended without a URL"));
            }
        }, "server-log-copier");
        copier.setDaemon(true);
        copier.start();
        return p;
    }

    private static final java.util.Map<Process, java.util.concurrent.CompletableFuture<String>> URLS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Waits (bounded) for the server's "serving URL" line and returns the URL. */
    public static String awaitUrl(Path log, Process p, long timeoutMs) throws IOException, InterruptedException {
        try {
            return URLS.get(p).get(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("server printed no URL in " + timeoutMs + " ms: " + Files.readString(log));
        } catch (java.util.concurrent.ExecutionException e) {
            p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            throw new AssertionError("server exited: " + Files.readString(log));
        }
    }

    public static File file(Path p) { return p.toFile(); }
}
