package io.gureum.kms;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;

/**
 * KMS's signing algorithms on JDK primitives (asymm-key-specs.html). A RAW message is hashed with the
 * algorithm's hash; a DIGEST is signed as given and must be as long as that hash.
 */
final class Signatures {
    private Signatures() {
    }

    /** SHA-256, SHA-384 or SHA-512: the hash named at the end of every algorithm KMS offers. */
    static String hash(String algorithm) {
        return "SHA-" + algorithm.substring(algorithm.lastIndexOf('_') + 1);
    }

    /** The digest to sign: the message's hash, or the message itself when it is a digest of the right length. */
    static byte[] digest(String algorithm, byte[] message, boolean isDigest) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(hash(algorithm));
        if (!isDigest) {
            return md.digest(message);
        }
        if (message.length != md.getDigestLength()) {
            throw KmsErrors.validation("Digest is invalid length for algorithm " + algorithm + ".");
        }
        return message;
    }

    static byte[] sign(KmsKey key, String algorithm, byte[] message, boolean isDigest) throws GeneralSecurityException {
        KeyMaterial m = key.current();
        byte[] digest = digest(algorithm, message, isDigest);
        if (KeySpecs.isSecp256k1(key.keySpec)) {
            return Secp256k1.sign(m.secret(), digest);
        }
        PrivateKey privateKey = m.privateKey();
        if (algorithm.startsWith("RSASSA_PSS")) {
            if (isDigest) {
                return Pss.sign((RSAPrivateKey) privateKey, hash(algorithm), digest);
            }
            Signature s = pss(algorithm);
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        }
        Signature s = overDigest(algorithm);
        s.initSign(privateKey);
        s.update(digestInput(algorithm, digest));
        return s.sign();
    }

    static boolean verify(KmsKey key, String algorithm, byte[] message, boolean isDigest, byte[] signature)
            throws GeneralSecurityException {
        KeyMaterial m = key.current();
        byte[] digest = digest(algorithm, message, isDigest);
        if (KeySpecs.isSecp256k1(key.keySpec)) {
            return Secp256k1.verify(m.publicKeyDer(), digest, signature);
        }
        PublicKey publicKey = m.publicKey();
        try {
            if (algorithm.startsWith("RSASSA_PSS")) {
                if (isDigest) {
                    return Pss.verify((RSAPublicKey) publicKey, hash(algorithm), digest, signature);
                }
                Signature s = pss(algorithm);
                s.initVerify(publicKey);
                s.update(message);
                return s.verify(signature);
            }
            Signature s = overDigest(algorithm);
            s.initVerify(publicKey);
            s.update(digestInput(algorithm, digest));
            return s.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    private static Signature pss(String algorithm) throws GeneralSecurityException {
        String hash = hash(algorithm);
        Signature s = Signature.getInstance("RSASSA-PSS");
        int saltLength = MessageDigest.getInstance(hash).getDigestLength();
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
        return s;
    }

    /** Signatures over a precomputed digest: ECDSA as is, PKCS #1 v1.5 over the DigestInfo. */
    private static Signature overDigest(String algorithm) throws GeneralSecurityException {
        return Signature.getInstance(algorithm.startsWith("ECDSA") ? "NONEwithECDSA" : "NONEwithRSA");
    }

    private static byte[] digestInput(String algorithm, byte[] digest) {
        if (algorithm.startsWith("ECDSA")) {
            return digest;
        }
        String prefix = switch (hash(algorithm)) {
            case "SHA-256" -> "3031300d060960864801650304020105000420";
            case "SHA-384" -> "3041300d060960864801650304020205000430";
            default -> "3051300d060960864801650304020305000440";
        };
        byte[] p = HexFormat.of().parseHex(prefix);
        byte[] out = java.util.Arrays.copyOf(p, p.length + digest.length);
        System.arraycopy(digest, 0, out, p.length, digest.length);
        return out;
    }
}
