package io.gureum.ec2.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads the public key ImportKeyPair is given, in the forms EC2 accepts
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-key-pairs.html#how-to-generate-your-own-key-and-import-it-to-aws):
 * an OpenSSH {@code authorized_keys} line, the SSH2 public key file of RFC 4716, and base64 DER
 * (bare or in a PEM {@code PUBLIC KEY} / {@code RSA PUBLIC KEY} block). Only RSA (1024 to 4096 bits)
 * and ED25519 keys are accepted; anything else, DSA and ECDSA included, is {@code null} (InvalidKey.Format).
 */
final class ImportedKey {
    private static final byte[] ED25519_SPKI_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};
    private static final int MIN_RSA_BITS = 1024;
    private static final int MAX_RSA_BITS = 4096;

    private ImportedKey() {
    }

    /** The key, or null when the material is no key EC2 accepts. */
    static SshPublicKey parse(byte[] material) {
        String text = new String(material, StandardCharsets.UTF_8).strip();
        try {
            if (text.startsWith("ssh-")) {
                String[] parts = text.split("\\s+");
                return parts.length < 2 ? null : fromBlob(parts[0], Base64.getDecoder().decode(parts[1]));
            }
            if (text.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")) {
                return fromBlob(null, Base64.getDecoder().decode(rfc4716Body(text)));
            }
            if (text.startsWith("-----BEGIN RSA PUBLIC KEY-----")) {
                List<Der.Element> seq = Der.sequence(pemBody(text));
                return rsa(seq.get(0).integer(), seq.get(1).integer());
            }
            if (text.startsWith("-----BEGIN PUBLIC KEY-----")) {
                return fromSpki(pemBody(text));
            }
            return fromSpki(Base64.getMimeDecoder().decode(text));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static SshPublicKey fromBlob(String declaredType, byte[] blob) {
        SshWire.Reader in = new SshWire.Reader(blob);
        String type = in.text();
        if (declaredType != null && !declaredType.equals(type)) {
            return null;
        }
        switch (type) {
            case "ssh-rsa" -> {
                BigInteger e = in.mpint();
                BigInteger n = in.mpint();
                return in.done() ? rsa(n, e) : null;
            }
            case "ssh-ed25519" -> {
                byte[] pk = in.string();
                return in.done() && pk.length == 32 ? ed25519(pk) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** An X.509 SubjectPublicKeyInfo: RSA or Ed25519. */
    private static SshPublicKey fromSpki(byte[] der) {
        if (der.length == 44 && Arrays.equals(Arrays.copyOf(der, 12), ED25519_SPKI_HEADER)) {
            return ed25519(Arrays.copyOfRange(der, 12, 44));
        }
        List<Der.Element> spki = Der.sequence(der);
        byte[] bitString = spki.get(1).content();
        // BIT STRING content: a count of unused bits (0), then the DER RSAPublicKey { modulus, publicExponent }.
        List<Der.Element> rsa = Der.sequence(Arrays.copyOfRange(bitString, 1, bitString.length));
        return rsa(rsa.get(0).integer(), rsa.get(1).integer());
    }

    private static SshPublicKey rsa(BigInteger n, BigInteger e) {
        if (n.signum() <= 0 || e.signum() <= 0 || n.bitLength() < MIN_RSA_BITS || n.bitLength() > MAX_RSA_BITS) {
            return null;
        }
        byte[] x509;
        try {
            x509 = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)).getEncoded();
        } catch (GeneralSecurityException ex) {
            return null;
        }
        byte[] blob = new SshWire().string("ssh-rsa").mpint(e).mpint(n).bytes();
        return new SshPublicKey("ssh-rsa", blob, Fingerprints.importedRsa(x509));
    }

    private static SshPublicKey ed25519(byte[] pk) {
        byte[] blob = new SshWire().string("ssh-ed25519").string(pk).bytes();
        return new SshPublicKey("ssh-ed25519", blob, Fingerprints.ed25519(blob));
    }

    /** The base64 body of an RFC 4716 file: header lines ("Tag: value", continued by a trailing backslash) skipped. */
    private static String rfc4716Body(String text) {
        StringBuilder body = new StringBuilder();
        boolean continued = false;
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("---- ")) {
                continue;
            }
            if (continued || l.contains(":")) {
                continued = l.endsWith("\\");
                continue;
            }
            body.append(l);
        }
        return body.toString();
    }

    private static byte[] pemBody(String text) {
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.startsWith("-----")) {
                body.append(line.strip());
            }
        }
        return Base64.getDecoder().decode(body.toString());
    }
}
