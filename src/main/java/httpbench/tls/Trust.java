package httpbench.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;

/**
 * The one place that holds what clients trust for {@code -p scheme=https}: exactly one certificate (the server's
 * self-signed one, or a PEM file given with {@code -p caCert}), nothing else — not the JDK's CA bundle, never a
 * trust-all manager. Every client row gets its TLS settings from here:
 * <ul>
 *   <li>JSSE clients (JDK HttpClient, Apache HttpClient5, OkHttp, Jetty, the floor's SSLSocket): {@link #sslContext()},
 *       whose only trust manager ({@link #trustManager()}) has this certificate as its single trust anchor;</li>
 *   <li>Netty clients (AsyncHttpClient, Reactor Netty): {@link #nettyClientContext()}, a JDK-provider
 *       {@link SslContext} over the same trust manager ({@link #nettyClientContextH2()}: the same, offering ALPN
 *       {@code h2} for {@code -p protocol=h2}).</li>
 * </ul>
 * Host names are checked by JSSE's own endpoint identification ({@value #ENDPOINT_IDENTIFICATION}, RFC 2818: the URL's
 * host must be one of the certificate's subject alternative names) everywhere it can be set — the JDK client (its
 * default), Apache ({@code HostnameVerificationPolicy.BUILTIN}), Jetty (its default), both Netty clients and the
 * floor; OkHttp has no switch for it and checks with its own {@code OkHostnameVerifier}, the same RFC 2818 rules.
 */
public final class Trust {
    /** JSSE's endpoint identification algorithm for HTTPS host-name checks. */
    public static final String ENDPOINT_IDENTIFICATION = "HTTPS";

    private final X509Certificate certificate;
    private final X509TrustManager trustManager;
    private final SSLContext sslContext;
    /** Built on first use, under this object's lock (clients ask at build time, never per request). */
    private SslContext netty;
    private SslContext nettyH2;

    private Trust(X509Certificate certificate) {
        this.certificate = certificate;
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("httpbench-server", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            X509TrustManager tm = null;
            for (TrustManager t : tmf.getTrustManagers()) if (t instanceof X509TrustManager x) tm = x;
            if (tm == null) throw new IllegalStateException("no X509TrustManager from " + tmf.getAlgorithm());
            trustManager = tm;
            sslContext = SSLContext.getInstance("TLS");
            sslContext.init(null, new TrustManager[] {tm}, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the trust material: " + e, e);
        }
    }

    /** Trust exactly {@code certificate}. */
    public static Trust of(X509Certificate certificate) {
        return new Trust(certificate);
    }

    /**
     * Trust exactly the certificate in a PEM file (the one {@code ServerMain --scheme https} writes);
     * {@link IllegalArgumentException} with one line when the file is missing, unreadable, or holds not exactly one.
     */
    public static Trust fromPem(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("certificate file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read certificate file " + file + ": " + e.getMessage());
        }
        Collection<? extends Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate file " + file + " holds no PEM certificate: "
                    + e.getMessage());
        }
        if (certs.size() != 1 || !(certs.iterator().next() instanceof X509Certificate x)) {
            throw new IllegalArgumentException("certificate file " + file + " must hold exactly one X.509 "
                    + "certificate, found " + certs.size());
        }
        return of(x);
    }

    public X509Certificate certificate() { return certificate; }

    /** The only trust manager: this certificate is its single trust anchor. */
    public X509TrustManager trustManager() { return trustManager; }

    /** A TLS context trusting exactly the certificate (no key material: clients do not authenticate). */
    public SSLContext sslContext() { return sslContext; }

    /** SSL parameters with JSSE's HTTPS host-name check on, for clients that take parameters (the floor's socket). */
    public SSLParameters sslParameters() {
        SSLParameters p = sslContext.getDefaultSSLParameters();
        p.setEndpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION);
        return p;
    }

    /**
     * A Netty client context (JDK provider) on the same trust manager, host names checked by JSSE, offering no ALPN
     * (the server then speaks HTTP/1.1, as to any client that does not ask). Built once.
     */
    public synchronized SslContext nettyClientContext() {
        if (netty == null) netty = buildNetty(false);
        return netty;
    }

    /**
     * The same context offering ALPN {@code h2} then {@code http/1.1} ({@code -p protocol=h2} over https): Netty
     * clients given their own SslContext use it as it is (AsyncHttpClient adds ALPN only to a context it builds
     * itself), so HTTP/2 over TLS needs the offer here. Same trust manager and host-name check. Built once.
     */
    public synchronized SslContext nettyClientContextH2() {
        if (nettyH2 == null) nettyH2 = buildNetty(true);
        return nettyH2;
    }

    private SslContext buildNetty(boolean h2) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .trustManager(trustManager)
                    .endpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION);
            if (h2) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the Netty client TLS context: " + e, e);
        }
    }

    /** The certificate as PEM text (what curl's {@code --cacert} and Python's {@code cafile} read). */
    public String pem() {
        return pem(certificate);
    }

    public static String pem(X509Certificate cert) {
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(cert.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the certificate: " + e, e);
        }
    }

    /** Writes {@link #pem()} to {@code file} atomically (a temporary file in the same folder, then a move). */
    public void writePem(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), ".cert", ".tmp");
        try {
            Files.writeString(tmp, pem(), StandardCharsets.US_ASCII);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
