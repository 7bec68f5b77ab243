package httpbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import httpbench.workload.Workload;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * What a bench server reports at {@code /info}, written ({@link #json()}) and read ({@link #probe}) through this one
 * record: used to check a (standalone) target before measuring.
 */
public record ServerInfo(long latencyMs, int payloadBytes, String fault, long rttMs, String scheme, String transport) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The settings of a server started with {@code config} on {@code transport}. */
    static ServerInfo of(ServerConfig config, ServerConfig.Transport transport) {
        return new ServerInfo(config.latencyMs(), config.payloadBytes(), String.valueOf(config.fault()), config.rttMs(),
                config.scheme().name(), String.valueOf(transport));
    }

    /** The {@code /info} body: one JSON object, a field per component. */
    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write /info: " + e.getMessage(), e);
        }
    }

    /**
     * Probes {@code base + "info"}; throws {@link IllegalArgumentException} with one clear line when the target
     * is not a URL, does not answer, or is not a bench server.
     */
    public static ServerInfo probe(String target) {
        return probe(target, null);
    }

    /**
     * As {@link #probe(String)}; an https target is reached trusting exactly {@code trust} (its PEM, {@code -p caCert}),
     * and without one it is one clear line saying how to give it.
     */
    public static ServerInfo probe(String target, httpbench.tls.Trust trust) {
        URI uri = checked(target, trust);
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3));
        if ("https".equals(uri.getScheme())) b.sslContext(trust.sslContext());
        return fetch(b.build(), uri);
    }

    /** The target as a base URI, or one line saying why it cannot be one (https: needs the certificate). */
    private static URI checked(String target, httpbench.tls.Trust trust) {
        URI uri;
        try {
            uri = URI.create(target.endsWith("/") ? target : target + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + target + "' is not a URL (expected e.g. http://host:port/)");
        }
        boolean https = "https".equals(uri.getScheme());
        if (!("http".equals(uri.getScheme()) || https) || uri.getHost() == null || uri.getPort() == 0) {
            throw new IllegalArgumentException("target '" + target + "' is not an http URL with a host "
                    + "(expected e.g. http://10.0.0.2:8080/, https://10.0.0.2:8443/ or 'embedded')");
        }
        if (https && trust == null) {
            throw new IllegalArgumentException("target " + uri + " is https: give its certificate with -p caCert=FILE "
                    + "(the PEM file ServerMain --scheme https wrote, see its --cert-out)");
        }
        return uri;
    }

    /** GET /info, each way it can fail said in one line. */
    private static ServerInfo fetch(HttpClient c, URI uri) {
        try {
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(uri.resolve(Workload.INFO))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalArgumentException("target " + uri + " answered " + r.statusCode()
                        + " at /info: is it a ServerMain of this project?");
            }
            return parse(r.body(), uri);
        } catch (ConnectException e) {
            throw new IllegalArgumentException("target " + uri + " is unreachable: connection refused "
                    + "(is ServerMain running there, on that port?)");
        } catch (HttpConnectTimeoutException e) {
            throw new IllegalArgumentException("target " + uri + " is unreachable: connect timed out after 3 s");
        } catch (HttpTimeoutException e) {
            throw new IllegalArgumentException("target " + uri + " did not answer /info within 5 s");
        } catch (java.io.IOException e) {
            String tls = httpbench.workload.BatchFailure.tlsFailure(e);
            if (tls != null) {
                throw new IllegalArgumentException("target " + uri + ": " + tls + " (does -p caCert hold the "
                        + "certificate this server printed, and does it name the host in the URL? see --san)");
            }
            throw new IllegalArgumentException("target " + uri + " is unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while probing " + uri);
        }
    }

    static ServerInfo parse(String json, URI uri) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n != null && n.path("latencyMs").isNumber() && n.path("payloadBytes").isNumber()) {
                return new ServerInfo(n.get("latencyMs").asLong(), n.get("payloadBytes").asInt(),
                        n.path("fault").asText("?"), n.path("rttMs").asLong(0),
                        n.path("scheme").asText(uri.getScheme()), // a server from before https: the URL's
                        n.path("transport").asText("?"));
            }
        } catch (java.io.IOException e) {
            // fall through to the one-line error
        }
        throw new IllegalArgumentException("target " + uri + " answered /info with something that is not a "
                + "bench server's settings: is it a ServerMain of this project?");
    }
}
