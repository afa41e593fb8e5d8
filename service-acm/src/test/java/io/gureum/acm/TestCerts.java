package io.gureum.acm;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test certificates made with the JDK alone: key pairs from {@link KeyPairGenerator}, and X.509 v3
 * certificates whose TBSCertificate this class writes in DER (with main code's {@link Der}) and signs with
 * {@link Signature}: the JDK parses certificates but has no public API to make them, and the tests must not
 * run openssl nor add a dependency. Key pairs are cached per algorithm: generating them is the slow part.
 */
final class TestCerts {
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** KeyUsage bits (RFC 5280 4.2.1.3): digitalSignature 0, keyEncipherment 2, keyCertSign 5. */
    static final int DIGITAL_SIGNATURE = 0;
    static final int KEY_ENCIPHERMENT = 2;
    static final int KEY_CERT_SIGN = 5;

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();
    private static final Map<String, String> CURVE_OIDS = Map.of("secp256r1", "1.2.840.10045.3.1.7", "secp384r1",
            "1.3.132.0.34", "secp521r1", "1.3.132.0.35");

    private TestCerts() {
    }

    /** An RSA key pair of {@code bits}, or an EC one on {@code curve} ("secp256r1" …), cached. */
    static KeyPair rsa(int bits) {
        return KEYS.computeIfAbsent("RSA" + bits, k -> generate("RSA", bits, null));
    }

    static KeyPair ec(String curve) {
        return KEYS.computeIfAbsent("EC" + curve, k -> generate("EC", 0, curve));
    }

    /** A fresh (uncached) RSA key pair, for a certificate whose key must differ from the others'. */
    static KeyPair freshRsa() {
        return generate("RSA", 2048, null);
    }

    private static KeyPair generate(String algorithm, int bits, String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve));
            } else {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a certificate says; {@link #sign} makes it. */
    static final class Spec {
        String subjectCn;
        String issuerCn;
        String issuerO;
        List<String> sans = new ArrayList<>();
        Instant notBefore;
        Instant notAfter;
        int[] keyUsages;
        List<String> extendedKeyUsages;
        boolean ca;
        BigInteger serial = BigInteger.valueOf(0x1234_5678_9abcL);

        Spec(String subjectCn, Instant now) {
            this.subjectCn = subjectCn;
            this.issuerCn = subjectCn;
            this.notBefore = now.minusSeconds(3600);
            this.notAfter = now.plusSeconds(365L * 86400);
        }

        Spec sans(String... names) {
            sans = List.of(names);
            return this;
        }

        Spec validity(Instant from, Instant to) {
            notBefore = from;
            notAfter = to;
            return this;
        }

        Spec keyUsages(int... bits) {
            keyUsages = bits;
            return this;
        }

        Spec extendedKeyUsages(String... oids) {
            extendedKeyUsages = List.of(oids);
            return this;
        }

        Spec issuer(String cn, String o) {
            issuerCn = cn;
            issuerO = o;
            return this;
        }

        Spec ca() {
            ca = true;
            return this;
        }

        /** A self-signed certificate of {@code keys}. */
        String selfSigned(KeyPair keys) {
            return sign(keys, keys.getPrivate());
        }

        /** The certificate of {@code subject}'s public key, signed with {@code issuerKey}. */
        String sign(KeyPair subject, PrivateKey issuerKey) {
            boolean rsa = issuerKey.getAlgorithm().equals("RSA");
            byte[] algId = rsa ? Der.seq(Der.oid("1.2.840.113549.1.1.11"), Der.nul())
                    : Der.seq(Der.oid("1.2.840.10045.4.3.2"));
            List<byte[]> extensions = new ArrayList<>();
            if (!sans.isEmpty()) {
                List<byte[]> names = new ArrayList<>();
                sans.forEach(n -> names.add(Der.tlv(0x82, n.getBytes(StandardCharsets.US_ASCII))));
                extensions.add(extension("2.5.29.17", false, Der.seq(names.toArray(byte[][]::new))));
            }
            if (keyUsages != null) {
                int mask = 0;
                for (int b : keyUsages) {
                    mask |= 0x80 >> b;
                }
                extensions.add(extension("2.5.29.15", true, Der.tlv(Der.BIT_STRING, new byte[] {0, (byte) mask})));
            }
            if (extendedKeyUsages != null) {
                extensions.add(extension("2.5.29.37", false, Der.seq(extendedKeyUsages.stream().map(Der::oid)
                        .toArray(byte[][]::new))));
            }
            if (ca) {
                extensions.add(extension("2.5.29.19", true, Der.seq(Der.tlv(0x01, new byte[] {(byte) 0xff}))));
            }
            byte[] tbs = Der.seq(Der.tlv(0xa0, Der.integer(BigInteger.TWO)), Der.integer(serial), algId,
                    name(issuerCn, issuerO), Der.seq(time(notBefore), time(notAfter)), name(subjectCn, null),
                    subject.getPublic().getEncoded(),
                    Der.tlv(0xa3, Der.seq(extensions.toArray(byte[][]::new))));
            try {
                Signature s = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
                s.initSign(issuerKey);
                s.update(tbs);
                byte[] sig = s.sign();
                byte[] bits = new byte[sig.length + 1];
                System.arraycopy(sig, 0, bits, 1, sig.length);
                return Pem.encode("CERTIFICATE", Der.seq(tbs, algId, Der.tlv(Der.BIT_STRING, bits)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Spec cert(String cn, Instant now) {
        return new Spec(cn, now);
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.seq(Der.oid(oid), Der.tlv(0x01, new byte[] {(byte) 0xff}), Der.octets(value))
                : Der.seq(Der.oid(oid), Der.octets(value));
    }

    private static byte[] name(String cn, String o) {
        List<byte[]> rdns = new ArrayList<>();
        if (o != null) {
            rdns.add(Der.tlv(0x31, Der.seq(Der.oid("2.5.4.10"), Der.tlv(0x0c, o.getBytes(StandardCharsets.UTF_8)))));
        }
        if (cn != null) {
            rdns.add(Der.tlv(0x31, Der.seq(Der.oid("2.5.4.3"), Der.tlv(0x0c, cn.getBytes(StandardCharsets.UTF_8)))));
        }
        return Der.seq(rdns.toArray(byte[][]::new));
    }

    private static byte[] time(Instant t) {
        var utc = t.atZone(ZoneOffset.UTC);
        if (utc.getYear() < 2050) {
            return Der.tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(utc)
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return Der.tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(utc)
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** The private key as PKCS#8 PEM ("PRIVATE KEY"). */
    static String pkcs8(KeyPair keys) {
        return Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /** An RSA private key as PKCS#1 PEM ("RSA PRIVATE KEY"): the key inside the PKCS#8 structure. */
    static String pkcs1(KeyPair keys) {
        List<Der.Element> info = Der.single(keys.getPrivate().getEncoded()).children();
        return Pem.encode("RSA PRIVATE KEY", info.get(2).content());
    }

    /** An EC private key as SEC 1 PEM ("EC PRIVATE KEY") naming its curve. */
    static String sec1(KeyPair keys, String curve) {
        ECPrivateKey k = (ECPrivateKey) keys.getPrivate();
        int len = (k.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] s = k.getS().toByteArray();
        byte[] d = new byte[len];
        int copy = Math.min(s.length, len);
        System.arraycopy(s, s.length - copy, d, len - copy, copy);
        return Pem.encode("EC PRIVATE KEY", Der.seq(Der.integer(BigInteger.ONE), Der.octets(d),
                Der.tlv(0xa0, Der.oid(CURVE_OIDS.get(curve)))));
    }
}
