package httpbench.strategy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The methodology table names a real version for every client library, including the Gradle-built ones. */
class LibraryTest {

    @Test
    void everyRowAndBlockingClientNamesItsVersion() {
        for (Registry r : Registry.all()) {
            for (BlockingClient.Kind k : BlockingClient.Kind.values()) {
                Library l = r.library(k);
                if (l.groupId() == null) continue;
                String v = l.version();
                assertFalse(v.isBlank() || v.equals("?") || v.startsWith("${"), r + "/" + k + ": " + l + " -> " + v);
                assertTrue(Character.isDigit(v.charAt(0)), r + "/" + k + ": " + v);
            }
        }
    }

    /** OkHttp ships no pom.properties; the version from the build must be the one that runs. */
    @Test
    void okHttpVersionFromTheBuildIsTheOneOnTheClassPath() {
        assertEquals(okhttp3.OkHttp.VERSION, Registry.okHttpAsync.library(BlockingClient.Kind.jdk).version());
        assertEquals(okhttp3.OkHttp.VERSION, BlockingClient.Kind.okhttp.library().version());
    }

    /** Reactor Netty ships no pom.properties either; its jar's manifest (unshaded class path) names its version. */
    @Test
    void reactorNettyVersionFromTheBuildIsTheOneOnTheClassPath() {
        String manifest = reactor.netty.http.client.HttpClient.class.getPackage().getImplementationVersion();
        assertEquals(manifest, Registry.reactorNetty.library(BlockingClient.Kind.jdk).version());
    }
}
