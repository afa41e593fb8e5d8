package io.gureum.ec2.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PuTTY's private key file, version 2, unencrypted (the PuTTY manual, appendix C "PPK file format"):
 * the MAC is HMAC-SHA-1 keyed with SHA-1("putty-private-key-file-mac-key") over the algorithm,
 * encryption, comment, public blob and private blob, each as an SSH string.
 */
final class Ppk {
    private Ppk() {
    }

    static String v2(String algorithm, String comment, byte[] publicBlob, byte[] privateBlob) {
        String publicText = SshWire.wrapped(publicBlob, 64);
        String privateText = SshWire.wrapped(privateBlob, 64);
        byte[] macData = new SshWire().string(algorithm).string("none").string(comment).string(publicBlob)
                .string(privateBlob).bytes();
        String mac;
        try {
            byte[] key = MessageDigest.getInstance("SHA-1")
                    .digest("putty-private-key-file-mac-key".getBytes(StandardCharsets.US_ASCII));
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac = HexFormat.of().formatHex(hmac.doFinal(macData));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return "PuTTY-User-Key-File-2: " + algorithm + "\n"
                + "Encryption: none\n"
                + "Comment: " + comment + "\n"
                + "Public-Lines: " + publicText.split("\n").length + "\n" + publicText + "\n"
                + "Private-Lines: " + privateText.split("\n").length + "\n" + privateText + "\n"
                + "Private-MAC: " + mac;
    }
}
