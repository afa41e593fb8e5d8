package io.gureum.ec2.keys;

import java.util.Base64;

/**
 * A public key in SSH form: its type ({@code ssh-rsa}, {@code ssh-ed25519}), its wire blob, and the
 * fingerprint EC2 reports for it.
 */
record SshPublicKey(String sshType, byte[] blob, String fingerprint) {

    /** {@code rsa} or {@code ed25519}, EC2's KeyType. */
    String keyType() {
        return sshType.equals("ssh-rsa") ? "rsa" : "ed25519";
    }

    /** The authorized_keys line, e.g. {@code ssh-ed25519 AAAA… name}. */
    String openSshLine(String comment) {
        return sshType + " " + Base64.getEncoder().encodeToString(blob) + (comment == null ? "" : " " + comment);
    }
}
