package io.gureum.kms;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * ECDSA on secp256k1 (SEC 2 §2.4.1), the curve of KMS's {@code ECC_SECG_P256K1} spec, which the JDK
 * dropped in Java 16. Affine arithmetic with {@link BigInteger}: slow next to a native library, fast
 * enough for an emulator's signatures. Keys are the 32-byte private scalar and the DER
 * SubjectPublicKeyInfo KMS returns from GetPublicKey.
 */
final class Secp256k1 {
    private static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);
    static final BigInteger N = new BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final Point G = new Point(
            new BigInteger("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", 16),
            new BigInteger("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8", 16));
    /** SEQUENCE { SEQUENCE { id-ecPublicKey, secp256k1 }, BIT STRING (uncompressed point follows) }. */
    private static final byte[] SPKI_PREFIX = HexFormat.of()
            .parseHex("3056301006072a8648ce3d020106052b8104000a034200");
    /** PrivateKeyInfo { 0, { id-ecPublicKey, secp256k1 }, OCTET STRING { ECPrivateKey { 1, OCTET STRING d } } }. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of()
            .parseHex("303e020100301006072a8648ce3d020106052b8104000a042730250201010420");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Point(BigInteger x, BigInteger y) {
    }

    private Secp256k1() {
    }

    /** A new private scalar, 32 bytes big-endian. */
    static byte[] newPrivateKey() {
        BigInteger d;
        do {
            d = new BigInteger(256, RANDOM);
        } while (d.signum() == 0 || d.compareTo(N) >= 0);
        return fixed(d);
    }

    static byte[] publicKeyDer(byte[] privateKey) {
        Point q = multiply(G, new BigInteger(1, privateKey));
        byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 65);
        out[SPKI_PREFIX.length] = 4;
        System.arraycopy(fixed(q.x), 0, out, SPKI_PREFIX.length + 1, 32);
        System.arraycopy(fixed(q.y), 0, out, SPKI_PREFIX.length + 33, 32);
        return out;
    }

    static byte[] pkcs8(byte[] privateKey) {
        byte[] out = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
        System.arraycopy(privateKey, 0, out, PKCS8_PREFIX.length, 32);
        return out;
    }

    /** A DER {@code ECDSA-Sig-Value} over a 32-byte digest. */
    static byte[] sign(byte[] privateKey, byte[] digest) {
        BigInteger d = new BigInteger(1, privateKey);
        BigInteger z = new BigInteger(1, digest);
        while (true) {
            BigInteger k = new BigInteger(1, newPrivateKey());
            BigInteger r = multiply(G, k).x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = k.modInverse(N).multiply(z.add(r.multiply(d))).mod(N);
            if (s.signum() != 0) {
                return der(r, s);
            }
        }
    }

    static boolean verify(byte[] publicKeyDer, byte[] digest, byte[] signature) {
        BigInteger[] rs = parseDer(signature);
        if (rs == null) {
            return false;
        }
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            return false;
        }
        int at = SPKI_PREFIX.length + 1;
        Point q = new Point(new BigInteger(1, Arrays.copyOfRange(publicKeyDer, at, at + 32)),
                new BigInteger(1, Arrays.copyOfRange(publicKeyDer, at + 32, at + 64)));
        BigInteger w = s.modInverse(N);
        Point x = add(multiply(G, new BigInteger(1, digest).multiply(w).mod(N)), multiply(q, r.multiply(w).mod(N)));
        return x != null && x.x.mod(N).equals(r);
    }

    private static Point add(Point a, Point b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        BigInteger lambda;
        if (a.x.equals(b.x)) {
            if (!a.y.equals(b.y) || a.y.signum() == 0) {
                return null;
            }
            lambda = a.x.pow(2).multiply(BigInteger.valueOf(3)).multiply(a.y.shiftLeft(1).modInverse(P)).mod(P);
        } else {
            lambda = b.y.subtract(a.y).multiply(b.x.subtract(a.x).modInverse(P)).mod(P);
        }
        BigInteger x = lambda.pow(2).subtract(a.x).subtract(b.x).mod(P);
        return new Point(x, lambda.multiply(a.x.subtract(x)).subtract(a.y).mod(P));
    }

    private static Point multiply(Point p, BigInteger k) {
        Point result = null;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (k.testBit(i)) {
                result = add(result, p);
            }
        }
        return result;
    }

    private static byte[] fixed(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(4 + rb.length + sb.length);
        out.write(2);
        out.write(rb.length);
        out.writeBytes(rb);
        out.write(2);
        out.write(sb.length);
        out.writeBytes(sb);
        return out.toByteArray();
    }

    private static BigInteger[] parseDer(byte[] sig) {
        try {
            if (sig[0] != 0x30 || (sig[1] & 0xff) != sig.length - 2 || sig[2] != 2) {
                return null;
            }
            int rl = sig[3];
            BigInteger r = new BigInteger(Arrays.copyOfRange(sig, 4, 4 + rl));
            int at = 4 + rl;
            if (sig[at] != 2 || at + 2 + sig[at + 1] != sig.length) {
                return null;
            }
            BigInteger s = new BigInteger(Arrays.copyOfRange(sig, at + 2, sig.length));
            return new BigInteger[] {r, s};
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return null;
        }
    }
}
