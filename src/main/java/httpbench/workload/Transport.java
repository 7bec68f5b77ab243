package httpbench.workload;

/**
 * {@code -p transport}: what the Netty-based clients run on, Netty's NIO (the default, what a user of those
 * libraries gets without native jars) or native epoll; the clients that are not Netty-based ignore it.
 */
public enum Transport { nio, epoll }
