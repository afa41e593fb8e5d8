package io.gureum.kms;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * RSASSA-PSS over a message digest (RFC 8017 §8.1, EMSA-PSS §9.1) with MGF1 of the same hash and a salt
 * as long as the hash, as KMS signs (asymm-key-specs.html). The JDK's RSASSA-PSS hashes the message
 * itself, so KMS's {@code MessageType=DIGEST} needs this; RAW messages use the JDK's.
 */
final class Pss {
    private Pss() {
    }

    static byte[] sign(RSAPrivateKey key, String hash, byte[] mHash) throws GeneralSecurityException {
        int modBits = key.getModulus().bitLength();
        byte[] em = encode(hash, mHash, modBits - 1);
        BigInteger s = new BigInteger(1, em).modPow(key.getPrivateExponent(), key.getModulus());
        return fixed(s, (modBits + 7) / 8);
    }

    static boolean verify(RSAPublicKey key, String hash, byte[] mHash, byte[] signature) throws GeneralSecurityException {
        int modBits = key.getModulus().bitLength();
        int k = (modBits + 7) / 8;
        if (signature.length != k) {
            return false;
        }
        BigInteger s = new BigInteger(1, signature);
        if (s.compareTo(key.getModulus()) >= 0) {
            return false;
        }
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        byte[] em = fixed(s.modPow(key.getPublicExponent(), key.getModulus()), emLen);
        MessageDigest md = MessageDigest.getInstance(hash);
        int hLen = md.getDigestLength();
        if (em[emLen - 1] != (byte) 0xbc || emLen < 2 * hLen + 2) {
            return false;
        }
        byte[] maskedDb = Arrays.copyOf(em, emLen - hLen - 1);
        byte[] h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
        int zeroBits = 8 * emLen - emBits;
        if ((maskedDb[0] & (0xff << (8 - zeroBits))) != 0) {
            return false;
        }
        byte[] db = xor(maskedDb, mgf1(hash, h, maskedDb.length));
        db[0] &= (byte) (0xff >>> zeroBits);
        int psLen = emLen - 2 * hLen - 2;
        for (int i = 0; i < psLen; i++) {
            if (db[i] != 0) {
                return false;
            }
        }
        if (db[psLen] != 1) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(db, db.length - hLen, db.length);
        return MessageDigest.isEqual(h, hPrime(md, mHash, salt));
    }

    private static byte[] encode(String hash, byte[] mHash, int emBits) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(hash);
        int hLen = md.getDigestLength();
        int emLen = (emBits + 7) / 8;
        byte[] salt = KeyMaterial.random(hLen);
        byte[] h = hPrime(md, mHash, salt);
        byte[] db = new byte[emLen - hLen - 1];
        db[db.length - hLen - 1] = 1;
        System.arraycopy(salt, 0, db, db.length - hLen, hLen);
        byte[] maskedDb = xor(db, mgf1(hash, h, db.length));
        maskedDb[0] &= (byte) (0xff >>> (8 * emLen - emBits));
        byte[] em = Arrays.copyOf(maskedDb, emLen);
        System.arraycopy(h, 0, em, maskedDb.length, hLen);
        em[emLen - 1] = (byte) 0xbc;
        return em;
    }

    private static byte[] hPrime(MessageDigest md, byte[] mHash, byte[] salt) {
        md.reset();
        md.update(new byte[8]);
        md.update(mHash);
        md.update(salt);
        return md.digest();
    }

    private static byte[] mgf1(String hash, byte[] seed, int length) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(hash);
        byte[] out = new byte[length];
        int at = 0;
        for (int counter = 0; at < length; counter++) {
            md.update(seed);
            md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] block = md.digest();
            int n = Math.min(block.length, length - at);
            System.arraycopy(block, 0, out, at, n);
            at += n;
        }
        return out;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] fixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, out, length - n, n);
        return out;
    }
}
