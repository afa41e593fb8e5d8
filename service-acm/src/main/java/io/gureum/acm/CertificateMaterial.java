package io.gureum.acm;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * An imported certificate's material, parsed with the JDK only: the PEM certificate
 * ({@link CertificateFactory}), its chain, and the unencrypted private key in PKCS#8, PKCS#1 (RSA) or SEC 1
 * (EC) form ({@link KeyFactory}, after re-wrapping the latter two as PKCS#8). What DescribeCertificate shows
 * is derived here as ACM derives it.
 */
final class CertificateMaterial {
    /** The OIDs of the named curves ACM imports (https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-prerequisites.html). */
    private static final Map<String, String> CURVES = Map.of("1.2.840.10045.3.1.7", "EC_prime256v1",
            "1.3.132.0.34", "EC_secp384r1", "1.3.132.0.35", "EC_secp521r1");
    private static final Map<Integer, String> EC_BY_SIZE = Map.of(256, "EC_prime256v1", 384, "EC_secp384r1", 521,
            "EC_secp521r1");
    private static final String[] KEY_USAGES = {"DIGITAL_SIGNATURE", "NON_REPUDIATION", "KEY_ENCIPHERMENT",
        "DATA_ENCIPHERMENT", "KEY_AGREEMENT", "CERTIFICATE_SIGNING", "CRL_SIGNING", "ENCIPHER_ONLY", "DECIPHER_ONLY"};
    private static final Map<String, String> EXTENDED_KEY_USAGES = Map.of("1.3.6.1.5.5.7.3.1",
            "TLS_WEB_SERVER_AUTHENTICATION", "1.3.6.1.5.5.7.3.2", "TLS_WEB_CLIENT_AUTHENTICATION",
            "1.3.6.1.5.5.7.3.3", "CODE_SIGNING", "1.3.6.1.5.5.7.3.4", "EMAIL_PROTECTION", "1.3.6.1.5.5.7.3.8",
            "TIME_STAMPING", "1.3.6.1.5.5.7.3.9", "OCSP_SIGNING", "1.3.6.1.5.5.7.3.5", "IPSEC_END_SYSTEM",
            "1.3.6.1.5.5.7.3.6", "IPSEC_TUNNEL", "1.3.6.1.5.5.7.3.7", "IPSEC_USER", "2.5.29.37.0", "ANY");

    final X509Certificate certificate;
    final List<X509Certificate> chain;
    final PrivateKey privateKey;
    final String certificatePem;
    final String chainPem;

    private CertificateMaterial(X509Certificate certificate, List<X509Certificate> chain, PrivateKey privateKey) {
        this.certificate = certificate;
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
        this.certificatePem = pem(certificate);
        StringBuilder c = new StringBuilder();
        chain.forEach(x -> c.append(pem(x)));
        this.chainPem = c.isEmpty() ? null : c.toString();
    }

    /**
     * Parses and checks what ImportCertificate receives, against the guidelines of API_ImportCertificate:
     * one PEM certificate, an unencrypted private key of a supported algorithm that matches it, a chain
     * that certifies it, and the current time between NotBefore and NotAfter.
     */
    static CertificateMaterial parse(byte[] certificate, byte[] privateKey, byte[] chain, Instant now) {
        X509Certificate cert = one(certificate);
        List<X509Certificate> chainCerts = chain == null ? List.of() : all(chain, "certificate chain");
        PrivateKey key = privateKey(privateKey);
        String algorithm = keyAlgorithm(cert.getPublicKey());
        if (algorithm == null) {
            throw AcmErrors.validation("The certificate key algorithm is not supported.");
        }
        if (!key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm()) || !algorithm.equals(keyAlgorithm(key))
                || !matches(key, cert.getPublicKey())) {
            throw AcmErrors.validation("The private key does not match the certificate.");
        }
        if (cert.getIssuerX500Principal().getName().isEmpty()) {
            throw AcmErrors.validation("The certificate Issuer field must not be empty.");
        }
        if (cert.getVersion() != 3) {
            throw AcmErrors.validation("The certificate must be an X.509 version 3 certificate.");
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw AcmErrors.validation("The certificate is not valid yet: its NotBefore date is in the future.");
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            throw AcmErrors.validation("The certificate has expired: its NotAfter date is in the past.");
        }
        X509Certificate child = cert;
        for (int i = 0; i < chainCerts.size(); i++) {
            X509Certificate parent = chainCerts.get(i);
            try {
                child.verify(parent.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw AcmErrors.validation("Could not validate the certificate with the certificate chain.");
            }
            child = parent;
        }
        return new CertificateMaterial(cert, chainCerts, key);
    }

    /** Material stored earlier (checked then): a restart reads it again without the validity-period check. */
    static CertificateMaterial restore(String certificatePem, String chainPem, byte[] pkcs8) {
        X509Certificate cert = one(certificatePem.getBytes(StandardCharsets.US_ASCII));
        List<X509Certificate> chainCerts = chainPem == null ? List.of()
                : all(chainPem.getBytes(StandardCharsets.US_ASCII), "certificate chain");
        return new CertificateMaterial(cert, chainCerts, privateKey(Pem.encode("PRIVATE KEY", pkcs8)
                .getBytes(StandardCharsets.US_ASCII)));
    }

    private static X509Certificate one(byte[] pem) {
        List<Pem.Block> blocks = Pem.blocks(pem);
        if (blocks.size() > 1) {
            throw AcmErrors.validation("The certificate field contains more than one certificate. You can specify"
                    + " only one certificate in this field.");
        }
        return all(pem, "certificate").get(0);
    }

    private static List<X509Certificate> all(byte[] pem, String what) {
        List<Pem.Block> blocks = Pem.blocks(pem);
        if (blocks.isEmpty()) {
            throw AcmErrors.validation("Unable to parse " + what + ". Please ensure the " + what
                    + " is in PEM format.");
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Pem.Block b : blocks) {
            if (!b.label().equals("CERTIFICATE")) {
                throw AcmErrors.validation("Unable to parse " + what + ". Please ensure the " + what
                        + " is in PEM format.");
            }
            try {
                out.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException | RuntimeException e) {
                throw AcmErrors.validation("Unable to parse " + what + ". Please ensure the " + what
                        + " is in PEM format.");
            }
        }
        return out;
    }

    /** The private key of a PEM block: PKCS#8, or PKCS#1 / SEC 1 re-wrapped as PKCS#8; never an encrypted one. */
    private static PrivateKey privateKey(byte[] pem) {
        List<Pem.Block> blocks = Pem.blocks(pem).stream().filter(b -> !b.label().equals("EC PARAMETERS")).toList();
        if (blocks.size() != 1) {
            throw AcmErrors.validation("Unable to parse the private key. Please ensure the private key is in PEM"
                    + " format.");
        }
        Pem.Block b = blocks.get(0);
        if (b.label().equals("ENCRYPTED PRIVATE KEY") || b.headers()) {
            throw AcmErrors.validation("The private key is encrypted. You cannot import a private key that is"
                    + " protected by a password or a passphrase.");
        }
        try {
            return switch (b.label()) {
                case "PRIVATE KEY" -> pkcs8(b.der());
                case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                        Der.seq(Der.integer(BigInteger.ZERO), Der.seq(Der.oid("1.2.840.113549.1.1.1"), Der.nul()),
                                Der.octets(b.der()))));
                case "EC PRIVATE KEY" -> ecPrivateKey(b.der());
                default -> throw new IllegalArgumentException(b.label());
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw AcmErrors.validation("The private key is not supported.");
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        List<Der.Element> info = Der.single(der).children();
        String oid = Der.oidText(info.get(1).children().get(0).content());
        String algorithm = switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            default -> throw new IllegalArgumentException(oid);
        };
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** A SEC 1 ECPrivateKey (RFC 5915) as PKCS#8: its named curve's OID moves into the AlgorithmIdentifier. */
    private static PrivateKey ecPrivateKey(byte[] der) throws GeneralSecurityException {
        String curve = null;
        for (Der.Element e : Der.single(der).children()) {
            if (e.tag() == 0xa0) {
                curve = Der.oidText(Der.single(e.content()).content());
            }
        }
        if (curve == null || !CURVES.containsKey(curve)) {
            throw new IllegalArgumentException("curve " + curve);
        }
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Der.seq(
                Der.integer(BigInteger.ZERO), Der.seq(Der.oid("1.2.840.10045.2.1"), Der.oid(curve)), Der.octets(der))));
    }

    /** Whether {@code key} is the private half of {@code publicKey}: a signature it makes verifies. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            byte[] probe = "gureum-acm-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(publicKey);
            v.update(probe);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** ACM's name of a key's algorithm and size ({@code RSA_2048}, {@code EC_prime256v1}), or null when unsupported. */
    static String keyAlgorithm(java.security.Key key) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits == 1024 || bits == 2048 || bits == 3072 || bits == 4096 ? "RSA_" + bits : null;
        }
        if (key instanceof ECKey ec) {
            return EC_BY_SIZE.get(ec.getParams().getCurve().getField().getFieldSize());
        }
        return null;
    }

    String keyAlgorithm() {
        return keyAlgorithm(certificate.getPublicKey());
    }

    /** The PKCS#8 encoding of the private key, as stored. */
    byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    /** The subject's CN, else the first DNS name of the SubjectAlternativeName extension. */
    String domainName() {
        String cn = attribute(certificate.getSubjectX500Principal().getName(), "CN");
        if (cn != null) {
            return cn;
        }
        List<String> sans = dnsNames();
        return sans.isEmpty() ? null : sans.get(0);
    }

    /** The DNS names of the SubjectAlternativeName extension; the domain name alone when there are none. */
    List<String> subjectAlternativeNames() {
        List<String> sans = dnsNames();
        if (sans.isEmpty() && domainName() != null) {
            return List.of(domainName());
        }
        return sans;
    }

    private List<String> dnsNames() {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (((Integer) n.get(0)) == 2) {
                        out.add((String) n.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable names
        }
        return out;
    }

    /** The serial number as colon-separated hex bytes ({@code 0a:1b:…}), as ACM shows it. */
    String serial() {
        byte[] b = certificate.getSerialNumber().toByteArray();
        int start = b.length > 1 && b[0] == 0 ? 1 : 0;
        HexFormat hex = HexFormat.ofDelimiter(":");
        return hex.formatHex(b, start, b.length);
    }

    String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** The issuing CA's name: its organisation (ACM shows "Amazon" for its own), else its CN, else the whole name. */
    String issuer() {
        String name = certificate.getIssuerX500Principal().getName();
        String o = attribute(name, "O");
        if (o != null) {
            return o;
        }
        String cn = attribute(name, "CN");
        return cn != null ? cn : name;
    }

    String signatureAlgorithm() {
        return certificate.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
    }

    Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    List<String> keyUsages() {
        boolean[] bits = certificate.getKeyUsage();
        List<String> out = new ArrayList<>();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KEY_USAGES.length; i++) {
                if (bits[i]) {
                    out.add(KEY_USAGES[i]);
                }
            }
        }
        return out;
    }

    /** Extended key usages by OID, with ACM's name ({@code CUSTOM} for OIDs it has no name for). */
    Map<String, String> extendedKeyUsages() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            List<String> oids = certificate.getExtendedKeyUsage();
            if (oids != null) {
                oids.forEach(oid -> out.put(oid, EXTENDED_KEY_USAGES.getOrDefault(oid, "CUSTOM")));
            }
        } catch (CertificateParsingException e) {
            // none readable
        }
        return out;
    }

    boolean hasKeyUsageExtension() {
        return certificate.getKeyUsage() != null;
    }

    boolean hasExtendedKeyUsageExtension() {
        try {
            return certificate.getExtendedKeyUsage() != null;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static String attribute(String rfc2253, String type) {
        try {
            for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    static String pem(X509Certificate c) {
        try {
            return Pem.encode("CERTIFICATE", c.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
