package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Checked against a vector made with pyca/cryptography (OpenSSL): its public key and its signature. */
class Secp256k1Test {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] D = HEX.parseHex("1f2e3d4c5b6a79880123456789abcdef0123456789abcdef0123456789abcdef");
    static final byte[] SPKI = HEX.parseHex("3056301006072a8648ce3d020106052b8104000a0342000425e5bdb0d38d2b558ac6b5a2"
            + "1745208b84f4440db688a403d109cfb58cd7b72746b809863486eb6d92fc84bda083ddf310ad9ee9faa9c1f8051f13b79216b341");
    static final byte[] OPENSSL_SIGNATURE = HEX.parseHex("304502205dfedcb1c1db19d049abbcc7559296987b20a6ecb773e0fb6fb8"
            + "83adc7b7b042022100a7a8f0ea25cb77885a01852138dd4c2bc5f4605b679fd521e25d2dc248bd8a34");

    @Test
    void publicKeyMatchesOpenSsl() {
        assertArrayEquals(SPKI, Secp256k1.publicKeyDer(D));
    }

    @Test
    void verifiesOpenSslSignatureAndRejectsOthers() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("gureum".getBytes());
        assertTrue(Secp256k1.verify(SPKI, digest, OPENSSL_SIGNATURE));
        byte[] other = MessageDigest.getInstance("SHA-256").digest("other".getBytes());
        assertFalse(Secp256k1.verify(SPKI, other, OPENSSL_SIGNATURE));
        byte[] tampered = OPENSSL_SIGNATURE.clone();
        tampered[10] ^= 1;
        assertFalse(Secp256k1.verify(SPKI, digest, tampered));
        assertFalse(Secp256k1.verify(SPKI, digest, new byte[] {0x30, 0}));
    }

    @Test
    void ownSignaturesVerify() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("mine".getBytes());
        assertTrue(Secp256k1.verify(SPKI, digest, Secp256k1.sign(D, digest)));
    }
}
