package httpbench.strategy;

/** Status and body of one response, as read by a blocking client. */
public record Response(int status, byte[] body) {}
