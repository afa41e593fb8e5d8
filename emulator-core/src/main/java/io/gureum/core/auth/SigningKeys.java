package io.gureum.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SigV4 primitives: HMAC-SHA256, SHA-256, hex, and signing keys derived from a secret and a credential
 * scope (cached, since one key serves a whole day of requests).
 */
final class SigningKeys {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int CACHE_LIMIT = 1024;
    private static final ConcurrentHashMap<String, byte[]> KEYS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> newInstance(() -> Mac.getInstance("HmacSHA256")));
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(() -> newInstance(() -> MessageDigest.getInstance("SHA-256")));

    /** Hex SHA-256 of no bytes, used in chunk strings to sign. */
    static final String EMPTY_SHA256 = sha256Hex(new byte[0], 0, 0);

    private SigningKeys() {
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] signingKey(String secret, String date, String region, String service) {
        String cacheKey = secret + '/' + date + '/' + region + '/' + service;
        byte[] key = KEYS.get(cacheKey);
        if (key == null) {
            key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
            key = hmac(key, region);
            key = hmac(key, service);
            key = hmac(key, "aws4_request");
            if (KEYS.size() >= CACHE_LIMIT) {
                KEYS.clear();
            }
            KEYS.put(cacheKey, key);
        }
        return key;
    }

    static byte[] hmac(byte[] key, String data) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** The lower-case hex signature of a string to sign. */
    static String sign(byte[] signingKey, String stringToSign) {
        return hex(hmac(signingKey, stringToSign));
    }

    static String sha256Hex(byte[] data, int offset, int length) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(data, offset, length);
        return hex(md.digest());
    }

    static String sha256Hex(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return sha256Hex(b, 0, b.length);
    }

    static MessageDigest newSha256() {
        return newInstance(() -> MessageDigest.getInstance("SHA-256"));
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Constant-time comparison of two signatures (either may be null). */
    static boolean same(String expected, String actual) {
        if (expected == null || actual == null || expected.length() != actual.length()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    private interface Factory<T> {
        T create() throws GeneralSecurityException;
    }

    private static <T> T newInstance(Factory<T> factory) {
        try {
            return factory.create();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
    }
}
