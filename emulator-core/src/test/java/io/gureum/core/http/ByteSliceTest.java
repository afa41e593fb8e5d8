package io.gureum.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteSliceTest {
    private static final byte[] BYTES = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void readsItsRangeOnly() throws Exception {
        try (ByteSlice s = new ByteSlice(BYTES, 3, 5)) {
            assertEquals(5, s.available());
            assertEquals('3', s.read());
            assertEquals(1, s.skip(1));
            assertEquals(5, s.position()); // an index into the whole array
            assertArrayEquals("567".getBytes(StandardCharsets.US_ASCII), s.readAllBytes());
            assertEquals(-1, s.read());
            assertEquals(0, s.remaining());
        }
    }

    @Test
    void failsOnceClosedAsAFileWould() throws Exception {
        ByteSlice s = new ByteSlice(BYTES, 0, 4);
        s.close();
        assertThrows(IOException.class, s::read);
        assertThrows(IOException.class, () -> s.read(new byte[2], 0, 2));
    }
}
