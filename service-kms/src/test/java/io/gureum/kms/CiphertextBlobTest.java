package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CiphertextBlobTest {
    static final KeyMaterial MATERIAL = KeyMaterial.generate(KeySpecs.SYMMETRIC_DEFAULT, Instant.EPOCH, null);
    static final String KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void blobNamesItsKeyAndMaterial() {
        byte[] blob = CiphertextBlob.seal(KEY, MATERIAL, "data".getBytes(), Map.of());
        assertEquals('G', blob[0]);
        assertEquals(1, blob[2]);
        CiphertextBlob parsed = CiphertextBlob.parse(blob);
        assertEquals(KEY, parsed.keyId());
        assertEquals(MATERIAL.id(), parsed.materialId());
        assertEquals(4 + KEY.length() + 32 + 12 + "data".length() + 16, blob.length);
        assertArrayEquals("data".getBytes(), parsed.open(MATERIAL, null));
    }

    @Test
    void contextOrderDoesNotMatterButContentDoes() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        CiphertextBlob parsed = CiphertextBlob.parse(CiphertextBlob.seal(KEY, MATERIAL, "x".getBytes(), ab));
        assertArrayEquals("x".getBytes(), parsed.open(MATERIAL, ba));
        assertNull(parsed.open(MATERIAL, Map.of("a", "1")));
        assertNull(parsed.open(MATERIAL, Map.of("a", "1", "b", "3")));
        // "ab"+"" and "a"+"b" must not collide: lengths are part of the canonical form.
        CiphertextBlob split = CiphertextBlob.parse(CiphertextBlob.seal(KEY, MATERIAL, "x".getBytes(), Map.of("ab", "")));
        assertNull(split.open(MATERIAL, Map.of("a", "b")));
    }

    @Test
    void tamperedHeaderOrOtherMaterialFails() {
        byte[] blob = CiphertextBlob.seal(KEY, MATERIAL, "x".getBytes(), Map.of());
        byte[] tampered = blob.clone();
        tampered[5] ^= 1;
        assertNull(CiphertextBlob.parse(tampered).open(MATERIAL, Map.of()));
        KeyMaterial other = KeyMaterial.generate(KeySpecs.SYMMETRIC_DEFAULT, Instant.EPOCH, null);
        assertNull(CiphertextBlob.parse(blob).open(other, Map.of()));
        assertNull(CiphertextBlob.parse(new byte[] {'G', 'K', 1, 36}));
        assertNull(CiphertextBlob.parse("random bytes that are not a blob".getBytes()));
    }
}
