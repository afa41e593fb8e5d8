package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

class CodeStoreTest {
    @TempDir
    Path data;

    @Test
    void storesOnceUnderItsHashAndUnzipsBesideIt() throws Exception {
        try (CodeStore store = new CodeStore(data)) {
            byte[] zip = LambdaTestSupport.zip(Map.of("app.py", "x = 1", "lib/util.py", "y = 2"));
            CodeStore.Code a = store.store(zip);
            CodeStore.Code b = store.store(zip);
            assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip)),
                    a.sha256());
            assertEquals(zip.length, a.size());
            assertEquals(a.directory(), b.directory());
            assertEquals("y = 2", Files.readString(a.directory().resolve("lib/util.py")));
            assertTrue(Files.isRegularFile(a.zip()));
        }
    }

    @Test
    void refusesEntriesThatLeaveTheDirectory() {
        try (CodeStore store = new CodeStore(data)) {
            InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class,
                    () -> store.store(LambdaTestSupport.zip("../outside.py", "x")));
            assertTrue(e.getMessage().startsWith("Could not unzip uploaded file"));
            assertFalse(Files.exists(data.resolve("lambda/outside.py")));
        }
    }

    @Test
    void keepsTheUnixExecutableBitOfEntries() throws Exception {
        // A zip whose central directory says "made by Unix", mode 0755 for bootstrap and 0644 for data.
        byte[] zip = unixZip(Map.of("bootstrap", 0100755, "data.txt", 0100644));
        Map<String, Integer> modes = CodeStore.unixModes(Files.write(data.resolve("t.zip"), zip));
        assertEquals(0755, modes.get("bootstrap"));
        try (CodeStore store = new CodeStore(data)) {
            Path dir = store.store(zip).directory();
            assertTrue(Files.isExecutable(dir.resolve("bootstrap")));
            assertFalse(Files.isExecutable(dir.resolve("data.txt")));
        }
    }

    /** A stored (uncompressed) zip written by hand, with Unix external attributes. */
    static byte[] unixZip(Map<String, Integer> modes) {
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        int count = 0;
        for (Map.Entry<String, Integer> e : modes.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] body = ("content of " + e.getKey()).getBytes(StandardCharsets.UTF_8);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(body);
            int offset = local.size();
            le(local, 0x04034b50, 4); le(local, 10, 2); le(local, 0, 2); le(local, 0, 2); le(local, 0, 4);
            le(local, (int) crc.getValue(), 4); le(local, body.length, 4); le(local, body.length, 4);
            le(local, name.length, 2); le(local, 0, 2); local.writeBytes(name); local.writeBytes(body);
            le(central, 0x02014b50, 4); le(central, 0x0314, 2); le(central, 10, 2); le(central, 0, 2);
            le(central, 0, 2); le(central, 0, 4); le(central, (int) crc.getValue(), 4); le(central, body.length, 4);
            le(central, body.length, 4); le(central, name.length, 2); le(central, 0, 2); le(central, 0, 2);
            le(central, 0, 2); le(central, 0, 2); le(central, e.getValue() << 16, 4); le(central, offset, 4);
            central.writeBytes(name);
            count++;
        }
        int cdOffset = local.size();
        local.writeBytes(central.toByteArray());
        le(local, 0x06054b50, 4); le(local, 0, 2); le(local, 0, 2); le(local, count, 2); le(local, count, 2);
        le(local, central.size(), 4); le(local, cdOffset, 4); le(local, 0, 2);
        return local.toByteArray();
    }

    private static void le(ByteArrayOutputStream out, int value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((value >>> (8 * i)) & 0xff);
        }
    }
}
