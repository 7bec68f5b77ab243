package httpbench.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The server's identity for {@code -p scheme=https}: a fresh key pair and a self-signed certificate, made in memory
 * when the server starts, so no private key is ever committed or written to disk (only the certificate is, by
 * {@code ServerMain --cert-out}). Subject alternative names {@code DNS:localhost} and {@code IP:127.0.0.1} by
 * default, so a client that checks the host name (every client here does) accepts either URL.
 *
 * <p>How: the key pair (EC P-256) and the signature (SHA256withECDSA) come from the JDK's own providers; BouncyCastle's
 * {@code bcpkix} only assembles the certificate (the X.509 v3 structure and its extensions). Why BouncyCastle: the
 * JDK has no public API to build a certificate ({@code sun.security.x509} is internal and closed to the class path
 * on 17+), {@code keytool} would be a subprocess that needs a full JDK's {@code bin/}, and Netty's
 * {@code SelfSignedCertificate} puts no IP address in the certificate (so {@code https://127.0.0.1/} would fail
 * host-name checks). BouncyCastle is not registered as a security provider: TLS itself is the JDK's (JSSE) in the
 * server and in every client. P-256 rather than RSA 2048: a key pair in about a millisecond instead of 50-500 ms,
 * and the certificate most public sites now offer first (ECDSA); TLS 1.3 negotiates the same cipher suites with either.
 */
public final class SelfSigned {
    /** Validity: a day back (clock skew between two machines) and thirty days ahead, far longer than any run. */
    private static final Duration BACK = Duration.ofDays(1);
    private static final Duration AHEAD = Duration.ofDays(30);

    private final PrivateKey key;
    private final X509Certificate certificate;

    private SelfSigned(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** A new key and certificate for {@code localhost} and {@code 127.0.0.1}. */
    public static SelfSigned generate() {
        return generate(List.of("localhost"), List.of("127.0.0.1"));
    }

    /** A new key and certificate whose subject alternative names are exactly these host names and IP addresses. */
    public static SelfSigned generate(List<String> dnsNames, List<String> ipAddresses) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            String cn = dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0);
            BigInteger serial = new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
            // the serial number in the name too: two generated certificates never share a subject, so a client
            // trusting the other one fails as JSSE says it best ("unable to find valid certification path")
            X500Name subject = new X500Name("CN=" + cn + ", OU=" + serial.toString(16) + ", O=httpbench self-signed");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial, Date.from(now.minus(BACK)),
                    Date.from(now.plus(AHEAD)), subject, pair.getPublic());
            List<GeneralName> names = new ArrayList<>();
            for (String d : dnsNames) names.add(new GeneralName(GeneralName.dNSName, d));
            for (String ip : ipAddresses) names.add(new GeneralName(GeneralName.iPAddress, ip));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            // a certificate that is its own trust anchor: not a CA, may sign TLS handshakes, for servers only
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            cert.verify(pair.getPublic());
            return new SelfSigned(pair.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate the server's self-signed certificate: " + e, e);
        }
    }

    /** The private key: stays in memory, in the server. */
    public PrivateKey key() { return key; }

    public X509Certificate certificate() { return certificate; }

    /** What clients trust: exactly this certificate. */
    public Trust trust() { return Trust.of(certificate); }
}
