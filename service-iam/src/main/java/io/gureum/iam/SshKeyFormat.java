package io.gureum.iam;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import software.amazon.awssdk.services.iam.model.InvalidPublicKeyException;
import software.amazon.awssdk.services.iam.model.UnrecognizedPublicKeyEncodingException;

/**
 * SSH public keys as UploadSSHPublicKey takes them (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSSHPublicKey.html):
 * {@code ssh-rsa} (OpenSSH) or PEM encoding, RSA of at least 2,048 bits. The fingerprint is the MD5 digest of the
 * OpenSSH key blob in colon-separated hex, as {@code ssh-keygen -l -E md5} prints it.
 */
final class SshKeyFormat {
    private static final int MIN_BITS = 2048;

    private SshKeyFormat() {
    }

    static RSAPublicKey parse(String body) {
        String text = body.trim();
        if (text.startsWith("ssh-rsa ")) {
            String[] parts = text.split("\\s+");
            try {
                return check(fromBlob(Base64.getDecoder().decode(parts[1])));
            } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
                throw invalid();
            }
        }
        if (text.startsWith("-----BEGIN PUBLIC KEY-----")) {
            try {
                String b64 = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
                return check((RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(Pem.der(b64))));
            } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
                throw invalid();
            }
        }
        throw io.gureum.core.error.ModeledErrors.of(UnrecognizedPublicKeyEncodingException.class,
                "The request was rejected because the public key encoding format is unsupported or unrecognized.");
    }

    static String ssh(RSAPublicKey key) {
        return "ssh-rsa " + Base64.getEncoder().encodeToString(blob(key));
    }

    static String pem(RSAPublicKey key) {
        return Pem.pem("PUBLIC KEY", key.getEncoded());
    }

    static String fingerprint(RSAPublicKey key) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(blob(key));
            return HexFormat.ofDelimiter(":").formatHex(md5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is a required JCA algorithm", e);
        }
    }

    private static RSAPublicKey check(RSAPublicKey key) {
        if (key.getModulus().bitLength() < MIN_BITS) {
            throw invalid();
        }
        return key;
    }

    private static InvalidPublicKeyException invalid() {
        return io.gureum.core.error.ModeledErrors.of(InvalidPublicKeyException.class,
                "The request was rejected because the public key is malformed or otherwise invalid.");
    }

    private static RSAPublicKey fromBlob(byte[] blob) throws IOException, GeneralSecurityException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(blob));
        if (!"ssh-rsa".equals(new String(field(in), StandardCharsets.US_ASCII))) {
            throw new IOException("not ssh-rsa");
        }
        BigInteger e = new BigInteger(field(in));
        BigInteger n = new BigInteger(field(in));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    private static byte[] field(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > 16384) {
            throw new IOException("bad length");
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    private static byte[] blob(RSAPublicKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : new byte[][] {"ssh-rsa".getBytes(StandardCharsets.US_ASCII),
            key.getPublicExponent().toByteArray(), key.getModulus().toByteArray()}) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(f.length).array());
            out.writeBytes(f);
        }
        return out.toByteArray();
    }
}
