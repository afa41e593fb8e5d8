package io.gureum.iam;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM certificates and private keys as IAM reads them (java.security parses; nothing is kept but the text). */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private Pem() {
    }

    /** The certificates of a PEM text, in order; an empty list if there are none or one does not parse. */
    static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                if (!m.group(1).equals("CERTIFICATE")) {
                    return List.of();
                }
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der(m.group(2)))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return List.of();
        }
        return out;
    }

    /** A private key in PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}) PEM, or null. */
    static PrivateKey privateKey(String pem) {
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        if (!m.find()) {
            return null;
        }
        try {
            byte[] der = der(m.group(2));
            return switch (m.group(1)) {
                case "PRIVATE KEY" -> pkcs8(der);
                case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(
                        new PKCS8EncodedKeySpec(Der.pkcs1ToPkcs8(der)));
                default -> null;
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether an RSA private key belongs to the certificate's public key; other key types are not compared. */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        if (key instanceof RSAPrivateCrtKey rsa && cert.getPublicKey() instanceof RSAPublicKey pub) {
            return rsa.getModulus().equals(pub.getModulus()) && rsa.getPublicExponent().equals(pub.getPublicExponent());
        }
        return true;
    }

    static byte[] der(String base64) {
        return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        for (String alg : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new java.security.spec.InvalidKeySpecException("not an RSA or EC key");
    }

    /** Just enough DER to wrap a PKCS#1 RSA key in PKCS#8. */
    static final class Der {
        private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

        private Der() {
        }

        static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes(new byte[] {0x02, 0x01, 0x00});
            body.writeBytes(RSA_ALGORITHM);
            body.writeBytes(tlv(0x04, pkcs1));
            return tlv(0x30, body.toByteArray());
        }

        static byte[] tlv(int tag, byte[] value) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(tag);
            int n = value.length;
            if (n < 0x80) {
                out.write(n);
            } else {
                byte[] len = BigInteger.valueOf(n).toByteArray();
                int skip = len[0] == 0 ? 1 : 0;
                out.write(0x80 | len.length - skip);
                out.write(len, skip, len.length - skip);
            }
            out.writeBytes(value);
            return out.toByteArray();
        }
    }
}
