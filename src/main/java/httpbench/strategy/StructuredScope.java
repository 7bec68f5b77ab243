package httpbench.strategy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * JDK 25's {@code java.util.concurrent.StructuredTaskScope} (JEP 505, fifth preview), called from this release-17
 * jar through method handles on its public interfaces: {@code open(Joiner, Function<Configuration, Configuration>)},
 * {@code Joiner.awaitAllSuccessfulOrThrow()}, {@code Configuration.withTimeout}, {@code fork(Callable)},
 * {@code join()}, {@code close()}, {@code Subtask.get()/state()}.
 *
 * <p>No {@code --enable-preview} is needed: the JVM demands it only of class files compiled with preview features,
 * and JDK 25 does not check it when a preview API is called (checked on 25.0.3: {@code open()} then works with
 * and without the flag). A JDK that did would throw from {@link #open}; the row then fails with one line that
 * says to add {@code -jvmArgsAppend --enable-preview}. JDK 21 to 24 have a different API (constructors,
 * {@code ShutdownOnFailure}), so the row needs 25+ and this exact API; a later JDK whose API differs again is
 * reported as such by {@link #unavailableReason()}.
 */
final class StructuredScope implements AutoCloseable {
    private static final Api API = Api.find();

    private final Object scope;

    private StructuredScope(Object scope) { this.scope = scope; }

    /** Empty if this JVM has the JDK 25 API; else one line saying what is missing. */
    static Optional<String> unavailableReason() {
        return API == null ? Optional.of("needs StructuredTaskScope.open(Joiner, Function) as in JDK 25 (running "
                + System.getProperty("java.version") + ")") : Optional.empty();
    }

    /** A scope whose join waits for all subtasks, fails (cancelling the others) on the first failure, and times out. */
    static StructuredScope open(Duration timeout) {
        if (API == null) throw new UnsupportedOperationException("structuredConcurrency " + unavailableReason().get());
        Function<Object, Object> config = c -> {
            try {
                return API.withTimeout.invoke(c, timeout);
            } catch (Throwable t) {
                throw new IllegalStateException("StructuredTaskScope.Configuration.withTimeout failed: " + t, t);
            }
        };
        try {
            return new StructuredScope(API.open.invoke(API.awaitAllSuccessfulOrThrow.invoke(), config));
        } catch (Throwable t) {
            String m = String.valueOf(t.getMessage());
            throw new IllegalStateException("cannot open a StructuredTaskScope" + (m.contains("preview")
                    ? " (this JDK wants preview features enabled: run with -jvmArgsAppend --enable-preview)" : "")
                    + ": " + t, t);
        }
    }

    /** Forks {@code task} in a new virtual thread of this scope; returns its subtask. */
    Object fork(Callable<?> task) {
        try {
            return API.fork.invoke(scope, task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Waits for every subtask. Returns normally when all succeeded; throws the first failure's cause (the scope
     * has then cancelled the others: their threads are interrupted and the scope waits for them to end), or
     * {@link java.util.concurrent.TimeoutException} when the timeout expired first.
     */
    void join() throws Exception {
        try {
            API.join.invoke(scope);
        } catch (Throwable t) {
            if (API.failedException.isInstance(t) && t.getCause() instanceof Exception c) throw c;
            if (API.timeoutException.isInstance(t)) {
                throw new java.util.concurrent.TimeoutException(String.valueOf(t.getMessage()));
            }
            if (t instanceof Exception e) throw e;
            throw (Error) t;
        }
    }

    /** The result of a subtask that succeeded. */
    static Object get(Object subtask) {
        try {
            return API.subtaskGet.invoke(subtask);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** True if the subtask completed successfully. */
    static boolean succeeded(Object subtask) {
        try {
            return "SUCCESS".equals(((Enum<?>) API.subtaskState.invoke(subtask)).name());
        } catch (Throwable t) {
            return false;
        }
    }

    /** Cancels what is still running and waits for every thread of the scope to end. */
    @Override
    public void close() {
        try {
            API.close.invoke(scope);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The method handles, or null when this JVM lacks the API. */
    private record Api(MethodHandle open, MethodHandle awaitAllSuccessfulOrThrow, MethodHandle withTimeout,
                       MethodHandle fork, MethodHandle join, MethodHandle close, MethodHandle subtaskGet,
                       MethodHandle subtaskState, Class<?> failedException, Class<?> timeoutException) {
        static Api find() {
            try {
                MethodHandles.Lookup l = MethodHandles.publicLookup();
                Class<?> sts = Class.forName("java.util.concurrent.StructuredTaskScope");
                Class<?> joiner = Class.forName("java.util.concurrent.StructuredTaskScope$Joiner");
                Class<?> config = Class.forName("java.util.concurrent.StructuredTaskScope$Configuration");
                Class<?> subtask = Class.forName("java.util.concurrent.StructuredTaskScope$Subtask");
                Class<?> state = Class.forName("java.util.concurrent.StructuredTaskScope$Subtask$State");
                return new Api(
                        l.findStatic(sts, "open", MethodType.methodType(sts, joiner, Function.class)),
                        l.findStatic(joiner, "awaitAllSuccessfulOrThrow", MethodType.methodType(joiner)),
                        l.findVirtual(config, "withTimeout", MethodType.methodType(config, Duration.class)),
                        l.findVirtual(sts, "fork", MethodType.methodType(subtask, Callable.class)),
                        l.findVirtual(sts, "join", MethodType.methodType(Object.class)),
                        l.findVirtual(sts, "close", MethodType.methodType(void.class)),
                        l.findVirtual(subtask, "get", MethodType.methodType(Object.class)),
                        l.findVirtual(subtask, "state", MethodType.methodType(state)),
                        Class.forName("java.util.concurrent.StructuredTaskScope$FailedException"),
                        Class.forName("java.util.concurrent.StructuredTaskScope$TimeoutException"));
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
    }
}
