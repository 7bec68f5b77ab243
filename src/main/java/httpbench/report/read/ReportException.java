package httpbench.report.read;

/** Bad input to a report command: printed as one line {@code error: <file>: <problem>}, exit status 2. */
public final class ReportException extends RuntimeException {
    public ReportException(String file, String problem) {
        super(file + ": " + problem);
    }
}
