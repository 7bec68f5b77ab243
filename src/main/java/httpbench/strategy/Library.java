package httpbench.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;

/**
 * The client library behind a row, for the methodology table: the JDK's own {@code java.net.http}, a Maven
 * artifact (its version read from the {@code pom.properties} Maven packs into every artifact, so the table names
 * the version that actually runs), or none (a hand-written client). Gradle-built jars (OkHttp, Reactor Netty)
 * carry no {@code pom.properties}: for those the build writes {@value #VERSIONS} from the versions the pom pins
 * (one Maven-resolved version each, see {@code mvn dependency:tree}).
 */
public record Library(String name, String groupId, String artifactId) {
    static final String VERSIONS = "/httpbench/library-versions.properties";

    public static Library jdk() {
        return new Library("JDK java.net.http (the running JDK)", null, null);
    }

    public static Library maven(String name, String groupId, String artifactId) {
        return new Library(name, groupId, artifactId);
    }

    public static Library none(String what) {
        return new Library(what, null, null);
    }

    /** The artifact's version on the class path, "?" if it cannot be read, empty for the JDK or no library. */
    public String version() {
        if (groupId == null) return "";
        String res = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        String v = property(res, "version");
        return v != null ? v : Objects.requireNonNullElse(property(VERSIONS, groupId + ":" + artifactId), "?");
    }

    private static String property(String resource, String key) {
        try (InputStream in = Library.class.getResourceAsStream(resource)) {
            if (in == null) return null;
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty(key);
            return v == null || v.isBlank() || v.startsWith("${") ? null : v;
        } catch (IOException e) {
            return null;
        }
    }

    /** e.g. {@code AsyncHttpClient 3.0.13 (org.asynchttpclient:async-http-client)}. */
    public String describe() {
        if (groupId == null) return name;
        return name + " " + version() + " (`" + groupId + ":" + artifactId + "`)";
    }
}
