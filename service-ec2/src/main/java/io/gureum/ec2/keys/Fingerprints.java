package io.gureum.ec2.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key fingerprints as EC2 reports them (KeyPairInfo.keyFingerprint,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_KeyPairInfo.html and "Verify the fingerprint
 * of your key pair" in the EC2 user guide):
 * <ul>
 *   <li>RSA made by CreateKeyPair: the SHA-1 of the DER PKCS#8 private key
 *       ({@code openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c});</li>
 *   <li>RSA given to ImportKeyPair: the MD5 of the DER (X.509 SubjectPublicKeyInfo) public key
 *       ({@code openssl rsa -pubout -outform DER | openssl md5 -c}) — not what {@code ssh-keygen -E md5} prints;</li>
 *   <li>ED25519, made or imported: the base64 SHA-256 of the SSH public key blob, OpenSSH's default
 *       fingerprint since 6.8 (without its {@code SHA256:} prefix).</li>
 * </ul>
 */
final class Fingerprints {
    private Fingerprints() {
    }

    static String createdRsa(byte[] pkcs8Der) {
        return colonHex(digest("SHA-1", pkcs8Der));
    }

    static String importedRsa(byte[] x509Der) {
        return colonHex(digest("MD5", x509Der));
    }

    static String ed25519(byte[] sshPublicBlob) {
        return Base64.getEncoder().encodeToString(digest("SHA-256", sshPublicBlob));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm, e);
        }
    }

    private static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
