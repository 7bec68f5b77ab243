package httpbench.strategy;

/** What a batch returned: how many valid responses and how many body bytes (consumed by the benchmark). */
public record BatchResult(int responses, long bodyBytes) {}
