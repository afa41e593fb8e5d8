package io.gureum.elb;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CaCertificatesBundleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidCaCertificatesBundleException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidRevocationContentException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContentNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The files trust stores are made of, read from S3 through an in-process {@code S3Client} acting as Elastic Load
 * Balancing for the caller (never under the state's lock, never S3's store) and parsed with the JDK: the CA
 * certificates bundle (PEM certificates, {@link CertificateFactory}) and revocation lists ({@link X509CRL}).
 * Limits are AWS's published quotas for trust stores.
 */
final class TrustStoreFiles {
    /** "CA certificates per trust store". */
    static final int MAX_CA_CERTIFICATES = 25;
    /** "CA certificate size": 16 KB, as DER. */
    static final int MAX_CA_CERTIFICATE_BYTES = 16 * 1024;
    /** "Revocation list file size": 50 MB. */
    static final long MAX_REVOCATION_FILE_BYTES = 50L * 1024 * 1024;
    /** What is read of a bundle at most before it is refused: 25 PEM certificates of 16 KB fit in it. */
    private static final long MAX_BUNDLE_BYTES = 1024L * 1024;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");
    static final String PRINCIPAL = "elasticloadbalancing.amazonaws.com";

    private final ServiceClients clients;

    TrustStoreFiles(ServiceClients clients) {
        this.clients = clients;
    }

    /** A parsed CA certificates bundle: its PEM text and how many certificates it holds. */
    record Bundle(String pem, List<X509Certificate> certificates) {
    }

    /** A parsed revocation list: its bytes and how many entries it revokes. */
    record Revocations(byte[] content, X509CRL crl, long entries) {
    }

    /** Reads and checks a CA certificates bundle ({@code CaCertificatesBundleNotFound}, {@code InvalidCaCertificatesBundle}). */
    Bundle bundle(String bucket, String key, String version) {
        byte[] bytes;
        try {
            bytes = read(bucket, key, version, MAX_BUNDLE_BYTES);
        } catch (NotFound e) {
            throw ElbErrors.of(CaCertificatesBundleNotFoundException.class, "The specified ca certificate bundle "
                    + "does not exist: " + e.getMessage());
        } catch (TooLarge e) {
            throw ElbErrors.of(InvalidCaCertificatesBundleException.class, "The ca certificates bundle is larger "
                    + "than the trust store allows");
        }
        return parseBundle(bytes);
    }

    static Bundle parseBundle(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = x509();
        while (m.find()) {
            byte[] der;
            try {
                der = java.util.Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw invalidBundle("a certificate is not valid base64");
            }
            if (der.length > MAX_CA_CERTIFICATE_BYTES) {
                throw invalidBundle("a CA certificate is larger than 16 KB");
            }
            try {
                Certificate c = factory.generateCertificate(new ByteArrayInputStream(der));
                certificates.add((X509Certificate) c);
            } catch (CertificateException | ClassCastException e) {
                throw invalidBundle("a certificate cannot be parsed");
            }
        }
        if (certificates.isEmpty()) {
            throw invalidBundle("it holds no PEM-encoded certificate");
        }
        if (certificates.size() > MAX_CA_CERTIFICATES) {
            throw invalidBundle("it holds " + certificates.size() + " certificates; a trust store takes at most "
                    + MAX_CA_CERTIFICATES);
        }
        return new Bundle(text, List.copyOf(certificates));
    }

    private static RuntimeException invalidBundle(String why) {
        return ElbErrors.of(InvalidCaCertificatesBundleException.class, "The specified ca certificate bundle is in "
                + "an invalid format, or corrupt: " + why);
    }

    /** The CA certificates of a stored bundle (already checked when it was read). */
    static List<X509Certificate> certificates(String pem) {
        return parseBundle(pem.getBytes(StandardCharsets.US_ASCII)).certificates();
    }

    /**
     * Reads and checks a revocation list ({@code RevocationContentNotFound}, {@code InvalidRevocationContent}): a
     * CRL in PEM or DER whose issuer is one of the trust store's CA certificates and whose signature that
     * certificate verifies.
     */
    Revocations revocations(String bucket, String key, String version, Collection<X509Certificate> cas) {
        byte[] bytes;
        try {
            bytes = read(bucket, key, version, MAX_REVOCATION_FILE_BYTES);
        } catch (NotFound e) {
            throw ElbErrors.of(RevocationContentNotFoundException.class, "The specified revocation file does not "
                    + "exist: " + e.getMessage());
        } catch (TooLarge e) {
            throw invalidRevocation("the revocation file is larger than 50 MB");
        }
        return parseRevocations(bytes, cas);
    }

    static Revocations parseRevocations(byte[] bytes, Collection<X509Certificate> cas) {
        Collection<? extends CRL> crls;
        try {
            crls = x509().generateCRLs(new ByteArrayInputStream(bytes));
        } catch (CRLException | RuntimeException e) {
            throw invalidRevocation("it is not a certificate revocation list in PEM or DER");
        }
        if (crls.size() != 1 || !(crls.iterator().next() instanceof X509CRL crl)) {
            throw invalidRevocation(crls.isEmpty() ? "it is not a certificate revocation list in PEM or DER"
                    : "a revocation file holds one certificate revocation list");
        }
        X509Certificate issuer = null;
        for (X509Certificate ca : cas) {
            if (ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                try {
                    crl.verify(ca.getPublicKey());
                    issuer = ca;
                    break;
                } catch (GeneralSecurityException e) {
                    // Another CA of the same name may have signed it.
                }
            }
        }
        if (issuer == null) {
            throw invalidRevocation("it is not signed by a CA certificate of the trust store");
        }
        Set<?> revoked = crl.getRevokedCertificates();
        return new Revocations(bytes, crl, revoked == null ? 0 : revoked.size());
    }

    private static RuntimeException invalidRevocation(String why) {
        return ElbErrors.of(InvalidRevocationContentException.class, "The provided revocation file is an invalid "
                + "format, or uses an incorrect algorithm: " + why);
    }

    private static CertificateFactory x509() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** The object's bytes, at most {@code max}; a server that serves no S3 has no bucket at all. */
    private byte[] read(String bucket, String key, String version, long max) {
        if (!clients.serves(S3Client.class)) {
            throw new NotFound("NoSuchBucket");
        }
        RequestContext ctx = RequestContext.current();
        S3Client s3 = clients.client(S3Client.class, Caller.service(PRINCIPAL, ctx.accountId(), ctx.region(), null));
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key).versionId(version))) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new TooLarge();
            }
            return bytes;
        } catch (AwsServiceException e) {
            throw new NotFound(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
