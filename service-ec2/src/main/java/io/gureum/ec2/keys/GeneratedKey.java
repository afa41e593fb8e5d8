package io.gureum.ec2.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;

/**
 * A key pair CreateKeyPair makes: RSA 2048-bit or ED25519, its private key material in the format asked
 * for, and its public half. PEM for RSA is PKCS#1 ({@code -----BEGIN RSA PRIVATE KEY-----}); PEM for
 * ED25519 is OpenSSH's own private key format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}), as EC2
 * returns them (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-key-pairs.html). PPK is PuTTY's
 * format, version 2, unencrypted.
 */
record GeneratedKey(SshPublicKey publicKey, String material) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static GeneratedKey create(String keyType, String keyFormat, String comment) {
        try {
            return keyType.equals("ed25519") ? ed25519(keyFormat, comment) : rsa(keyFormat, comment);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make " + keyType + " keys", e);
        }
    }

    private static GeneratedKey rsa(String keyFormat, String comment) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), RANDOM);
        KeyPair kp = g.generateKeyPair();
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kp.getPrivate();
        RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
        byte[] pkcs8 = priv.getEncoded();
        byte[] blob = new SshWire().string("ssh-rsa").mpint(pub.getPublicExponent()).mpint(pub.getModulus()).bytes();
        SshPublicKey publicKey = new SshPublicKey("ssh-rsa", blob, Fingerprints.createdRsa(pkcs8));
        String material;
        if (keyFormat.equals("ppk")) {
            byte[] privateBlob = new SshWire().mpint(priv.getPrivateExponent()).mpint(priv.getPrimeP())
                    .mpint(priv.getPrimeQ()).mpint(priv.getCrtCoefficient()).bytes();
            material = Ppk.v2("ssh-rsa", comment, blob, privateBlob);
        } else {
            // PKCS#8 PrivateKeyInfo ::= SEQUENCE { version, algorithm, privateKey OCTET STRING (PKCS#1) }
            byte[] pkcs1 = Der.sequence(pkcs8).get(2).content();
            material = pem("RSA PRIVATE KEY", pkcs1, 64);
        }
        return new GeneratedKey(publicKey, material);
    }

    private static GeneratedKey ed25519(String keyFormat, String comment) throws GeneralSecurityException {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = kp.getPublic().getEncoded();
        // X.509 SubjectPublicKeyInfo of Ed25519: a 12-byte header, then the 32-byte public key (RFC 8410).
        byte[] pk = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] seed = ((EdECPrivateKey) kp.getPrivate()).getBytes().orElseThrow();
        byte[] blob = new SshWire().string("ssh-ed25519").string(pk).bytes();
        SshPublicKey publicKey = new SshPublicKey("ssh-ed25519", blob, Fingerprints.ed25519(blob));
        String material;
        if (keyFormat.equals("ppk")) {
            material = Ppk.v2("ssh-ed25519", comment, blob, new SshWire().string(seed).bytes());
        } else {
            material = openSshPrivateKey(blob, pk, seed, comment);
        }
        return new GeneratedKey(publicKey, material);
    }

    /** OpenSSH's {@code openssh-key-v1} format (PROTOCOL.key in the OpenSSH sources), unencrypted. */
    private static String openSshPrivateKey(byte[] blob, byte[] pk, byte[] seed, String comment) {
        int check = RANDOM.nextInt();
        byte[] secret = new byte[64];
        System.arraycopy(seed, 0, secret, 0, 32);
        System.arraycopy(pk, 0, secret, 32, 32);
        SshWire priv = new SshWire().uint32(check).uint32(check).string("ssh-ed25519").string(pk).string(secret)
                .string(comment);
        for (int pad = 1; priv.size() % 8 != 0; pad++) {
            priv.raw(new byte[] {(byte) pad});
        }
        byte[] body = new SshWire().raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII)).string("none")
                .string("none").string(new byte[0]).uint32(1).string(blob).string(priv.bytes()).bytes();
        return pem("OPENSSH PRIVATE KEY", body, 70);
    }

    static String pem(String label, byte[] der, int width) {
        return "-----BEGIN " + label + "-----\n" + SshWire.wrapped(der, width) + "\n-----END " + label + "-----";
    }
}
