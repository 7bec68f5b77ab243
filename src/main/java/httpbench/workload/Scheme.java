package httpbench.workload;

/** {@code -p scheme}: what a target speaks, in the order a target lists them; the name is the URI scheme. */
public enum Scheme { http, https }
