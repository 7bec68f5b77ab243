package httpbench.workload;

/** {@code -p protocol}: what a batch runs over; {@code h2} is h2c over http and ALPN over https. */
public enum Protocol { http1, h2 }
