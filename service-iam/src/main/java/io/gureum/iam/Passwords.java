package io.gureum.iam;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Console passwords are kept only as salted PBKDF2 hashes, to check ChangePassword's OldPassword. */
final class Passwords {
    private static final int ITERATIONS = 10_000;

    private Passwords() {
    }

    /** {@code salt:hash}, both hex. */
    static String hash(String password, String saltHex) {
        return saltHex + ":" + HexFormat.of().formatHex(derive(password, HexFormat.of().parseHex(saltHex)));
    }

    static boolean matches(String password, String stored) {
        if (stored == null) {
            return false;
        }
        String salt = stored.substring(0, stored.indexOf(':'));
        return MessageDigest.isEqual(hash(password, salt).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                stored.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static byte[] derive(String password, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is a required JCA algorithm", e);
        }
    }
}
