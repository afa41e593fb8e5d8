package io.gureum.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSliceTest {
    @TempDir
    Path dir;

    private FileSlice slice(long start, long length) throws Exception {
        Path f = dir.resolve("blob");
        Files.writeString(f, "0123456789abcdef");
        return new FileSlice(FileChannel.open(f, StandardOpenOption.READ), start, length);
    }

    @Test
    void readsOnlyItsRange() throws Exception {
        try (FileSlice s = slice(3, 5)) {
            assertEquals(5, s.available());
            assertArrayEquals("34567".getBytes(StandardCharsets.US_ASCII), s.readAllBytes());
            assertEquals(-1, s.read());
            assertEquals(0, s.remaining());
        }
    }

    @Test
    void skipAndSingleBytesMoveThePosition() throws Exception {
        try (FileSlice s = slice(2, 10)) {
            assertEquals('2', s.read());
            assertEquals(4, s.skip(4));
            assertEquals(7, s.position());
            assertEquals(5, s.remaining());
            assertEquals(5, s.skip(100));
            assertEquals(-1, s.read());
        }
    }

    @Test
    void closeClosesTheFile() throws Exception {
        FileSlice s = slice(0, 4);
        s.close();
        assertFalse(s.channel().isOpen());
    }
}
