package io.gureum.kms;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One version of a key's material: an AES-256 or HMAC secret, or a private key with its DER
 * SubjectPublicKeyInfo. Symmetric keys gain a version per rotation; every version stays, so old
 * ciphertexts still decrypt (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).
 *
 * @param id the 64 hex digits KMS reports as {@code KeyMaterialId}
 * @param secret the symmetric or HMAC key, or the secp256k1 private scalar; null for JCA key pairs
 * @param rotationType null for the material the key was created with, else AUTOMATIC or ON_DEMAND
 */
record KeyMaterial(String id, byte[] secret, PrivateKey privateKey, byte[] publicKeyDer, Instant created,
        String rotationType) {
    static final SecureRandom RANDOM = new SecureRandom();

    static byte[] random(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    static String newId() {
        return HexFormat.of().formatHex(random(32));
    }

    /** New material of {@code spec}. */
    static KeyMaterial generate(String spec, Instant now, String rotationType) {
        if (spec.equals(KeySpecs.SYMMETRIC_DEFAULT)) {
            return new KeyMaterial(newId(), random(32), null, null, now, rotationType);
        }
        if (KeySpecs.isHmac(spec)) {
            return new KeyMaterial(newId(), random(KeySpecs.hmacBytes(spec)), null, null, now, rotationType);
        }
        if (KeySpecs.isSecp256k1(spec)) {
            byte[] d = Secp256k1.newPrivateKey();
            return new KeyMaterial(newId(), d, null, Secp256k1.publicKeyDer(d), now, rotationType);
        }
        java.security.KeyPair pair = keyPair(spec);
        return new KeyMaterial(newId(), null, pair.getPrivate(), pair.getPublic().getEncoded(), now, rotationType);
    }

    /** A JCA key pair of an RSA or NIST curve spec. */
    static java.security.KeyPair keyPair(String spec) {
        try {
            if (KeySpecs.isRsa(spec)) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(KeySpecs.rsaBits(spec), RANDOM);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(KeySpecs.curve(spec)), RANDOM);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + spec + " key pair", e);
        }
    }

    PublicKey publicKey() {
        try {
            return KeyFactory.getInstance(privateKey.getAlgorithm()).generatePublic(new X509EncodedKeySpec(publicKeyDer));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw 32-byte material id carried in ciphertext blobs. */
    byte[] idBytes() {
        return HexFormat.of().parseHex(id);
    }
}
