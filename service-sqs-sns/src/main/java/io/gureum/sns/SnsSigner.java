package io.gureum.sns;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs notifications the way SNS does (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA over the
 * canonical "Name\nvalue\n" string), with a key made for this server: 1024 bits, as signing is the
 * main cost of a fan-out and no client can chain this key to an AWS certificate anyway. Its public key is served as PEM
 * at the SigningCertURL. Clients that insist on a certificate from an amazonaws.com host cannot
 * verify it; see https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
final class SnsSigner {
    /** RSA signing costs about a millisecond; one fan-out signs the same text for every subscriber. */
    private static final ThreadLocal<String[]> LAST = new ThreadLocal<>();
    private volatile KeyPair keys;

    private KeyPair keys() {
        KeyPair k = keys;
        if (k == null) {
            synchronized (this) {
                if (keys == null) {
                    try {
                        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                        g.initialize(1024);
                        keys = g.generateKeyPair();
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                }
                k = keys;
            }
        }
        return k;
    }

    String sign(String canonical, String version) {
        String[] last = LAST.get();
        if (last != null && last[0].equals(version) && last[1].equals(canonical)) {
            return last[2];
        }
        String signature = compute(canonical, version);
        LAST.set(new String[] {version, canonical, signature});
        return signature;
    }

    private String compute(String canonical, String version) {
        try {
            Signature s = Signature.getInstance("2".equals(version) ? "SHA256withRSA" : "SHA1withRSA");
            s.initSign(keys().getPrivate());
            s.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String publicKeyPem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }
}
