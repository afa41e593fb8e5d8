package io.gureum.ec2.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The public key forms ImportKeyPair accepts, read to the same key. */
class ImportedKeyTest {

    private static SshPublicKey parse(String text) {
        return ImportedKey.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFormOfOneRsaKeyGivesOneFingerprint() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        RSAPublicKey pub = (RSAPublicKey) g.generateKeyPair().getPublic();
        byte[] blob = new SshWire().string("ssh-rsa").mpint(pub.getPublicExponent()).mpint(pub.getModulus()).bytes();
        String b64 = Base64.getEncoder().encodeToString(blob);
        String pkcs1 = Base64.getMimeEncoder().encodeToString(Der.integers(pub.getModulus(), pub.getPublicExponent()));

        SshPublicKey line = parse("ssh-rsa " + b64 + " a comment with spaces");
        assertNotNull(line);
        assertEquals("rsa", line.keyType());
        // RFC 4716: a header continued onto a second line by a trailing backslash.
        assertEquals(line.fingerprint(), parse("---- BEGIN SSH2 PUBLIC KEY ----\r\nComment: \"a long \\\r\ncomment\"\r\n"
                + b64.replaceAll("(.{64})", "$1\r\n") + "\r\n---- END SSH2 PUBLIC KEY ----").fingerprint());
        assertEquals(line.fingerprint(), parse("-----BEGIN RSA PUBLIC KEY-----\n" + pkcs1
                + "\n-----END RSA PUBLIC KEY-----").fingerprint());
        assertEquals(line.fingerprint(), parse(Base64.getEncoder().encodeToString(pub.getEncoded())).fingerprint());
    }

    @Test
    void keysEc2DoesNotAcceptAreNull() {
        assertNull(parse(""));
        assertNull(parse("ssh-rsa"));
        // the declared type must be the blob's
        String ed = Base64.getEncoder().encodeToString(new SshWire().string("ssh-ed25519").string(new byte[32]).bytes());
        assertNull(parse("ssh-rsa " + ed));
        assertNull(parse("ssh-ed25519 " + Base64.getEncoder().encodeToString(
                new SshWire().string("ssh-ed25519").string(new byte[31]).bytes())));
        // 8192-bit RSA: beyond EC2's 4096
        byte[] big = new SshWire().string("ssh-rsa").mpint(BigInteger.valueOf(65537))
                .mpint(BigInteger.ONE.shiftLeft(8191).add(BigInteger.ONE)).bytes();
        assertNull(parse("ssh-rsa " + Base64.getEncoder().encodeToString(big)));
        String ecdsa = Base64.getEncoder().encodeToString(new SshWire().string("ecdsa-sha2-nistp256")
                .string("nistp256").string(new byte[65]).bytes());
        assertNull(parse("ecdsa-sha2-nistp256 " + ecdsa));
    }
}
