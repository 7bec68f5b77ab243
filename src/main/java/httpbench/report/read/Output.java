package httpbench.report.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Output files, written atomically: a temp file in the target's folder, then a rename, so a failure leaves
 * neither a half-written file nor a temp file behind. An existing file is replaced only with {@code force}.
 */
public final class Output {
    private Output() {}

    /** Writes the temp file it is given. */
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    /** Checks the target before any work is done: its folder exists and is writable, it is not a folder. */
    public static void check(Path out, boolean force) {
        String name = out.toString();
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.exists(dir)) throw new ReportException(name, "folder does not exist");
        if (!Files.isDirectory(dir)) throw new ReportException(name, dir + " is not a folder");
        if (Files.isDirectory(out)) throw new ReportException(name, "is a folder, expected a file name");
        if (!Files.isWritable(dir)) throw new ReportException(name, "folder is not writable");
        if (Files.exists(out) && !force) {
            throw new ReportException(name, "exists; pass --force to overwrite it");
        }
    }

    public static void text(Path out, String text, boolean force) {
        write(out, force, ".tmp", tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** {@code suffix}: the temp file's extension (some encoders insist on the right one). */
    public static void write(Path out, boolean force, String suffix, Writer writer) {
        check(out, force);
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", suffix);
            writer.write(tmp);
            if (Files.size(tmp) == 0) throw new IOException("nothing was written");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AccessDeniedException e) {
            throw new ReportException(out.toString(), "cannot write: permission denied");
        } catch (FileSystemException e) {
            throw new ReportException(out.toString(), "cannot write in " + dir + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()));
        } catch (IOException | RuntimeException e) {
            throw new ReportException(out.toString(), "cannot write: " + RunFile.oneLine(String.valueOf(e.getMessage())));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and named after the target
                }
            }
        }
    }
}
