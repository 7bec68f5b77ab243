package httpbench.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The client library behind a row, for the methodology table: the JDK's own {@code java.net.http}, a Maven
 * artifact (its version read from the {@code pom.properties} Maven packs into every artifact, so the table names
 * the version that actually runs), or none (a hand-written client).
 */
public record Library(String name, String groupId, String artifactId) {

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
        try (InputStream in = Library.class.getResourceAsStream(res)) {
            if (in == null) return "?";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** e.g. {@code AsyncHttpClient 3.0.13 (org.asynchttpclient:async-http-client)}. */
    public String describe() {
        if (groupId == null) return name;
        return name + " " + version() + " (`" + groupId + ":" + artifactId + "`)";
    }
}
