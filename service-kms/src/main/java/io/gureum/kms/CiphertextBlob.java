package io.gureum.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gureum's ciphertext format for symmetric keys. AWS's format is not documented; like it, Gureum's
 * blob names its key, so Decrypt needs no KeyId, and names the material version, so ciphertexts made
 * before a rotation still decrypt. Layout:
 *
 * <pre>
 *  0  2  'G' 'K'                     magic
 *  2  1  0x01                        format version
 *  3  1  n                           length of the key ID
 *  4  n  key ID, UTF-8               (a UUID, or mrk-… for multi-region keys)
 *  .  32 key material ID             (KeyMaterialId, hex in the API)
 *  .  12 AES-GCM IV
 *  .  …  AES-256-GCM ciphertext followed by its 16-byte tag
 * </pre>
 *
 * The additional authenticated data is every byte before the ciphertext followed by the canonical
 * encryption context (pairs sorted by key, each key and value as a 4-byte length and UTF-8 bytes), so
 * a different context or a tampered header fails to decrypt.
 */
record CiphertextBlob(String keyId, String materialId, byte[] header, byte[] iv, byte[] sealed) {
    private static final int IV = 12;
    private static final int TAG_BITS = 128;

    /** Encrypts {@code plaintext} under one material version of {@code keyId}. */
    static byte[] seal(String keyId, KeyMaterial material, byte[] plaintext, Map<String, String> context) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] iv = KeyMaterial.random(IV);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {'G', 'K', 1, (byte) id.length});
        header.writeBytes(id);
        header.writeBytes(material.idBytes());
        header.writeBytes(iv);
        byte[] head = header.toByteArray();
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, material, iv);
            c.updateAAD(aad(head, context));
            byte[] sealed = c.doFinal(plaintext);
            byte[] out = Arrays.copyOf(head, head.length + sealed.length);
            System.arraycopy(sealed, 0, out, head.length, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The blob's parts, or null when {@code blob} is not in this format. */
    static CiphertextBlob parse(byte[] blob) {
        if (blob.length < 4 || blob[0] != 'G' || blob[1] != 'K' || blob[2] != 1) {
            return null;
        }
        int n = blob[3] & 0xff;
        int headerLength = 4 + n + 32 + IV;
        if (blob.length < headerLength + TAG_BITS / 8) {
            return null;
        }
        String keyId = new String(blob, 4, n, StandardCharsets.UTF_8);
        String materialId = HexFormat.of().formatHex(blob, 4 + n, 4 + n + 32);
        return new CiphertextBlob(keyId, materialId, Arrays.copyOf(blob, headerLength),
                Arrays.copyOfRange(blob, headerLength - IV, headerLength), Arrays.copyOfRange(blob, headerLength, blob.length));
    }

    /** The plaintext, or null when the material, the context or the bytes do not match. */
    byte[] open(KeyMaterial material, Map<String, String> context) {
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, material, iv);
            c.updateAAD(aad(header, context));
            return c.doFinal(sealed);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static Cipher cipher(int mode, KeyMaterial material, byte[] iv) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(material.secret(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return c;
    }

    private static byte[] aad(byte[] header, Map<String, String> context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        new TreeMap<>(context == null ? Map.<String, String>of() : context).forEach((k, v) -> {
            writeString(out, k);
            writeString(out, v);
        });
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }
}
