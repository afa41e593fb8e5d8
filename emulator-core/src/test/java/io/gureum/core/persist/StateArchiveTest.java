package io.gureum.core.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The shared snapshot file: what goes in comes out, and what is not whole or not ours is refused. */
class StateArchiveTest {
    private static final byte[] BYTES = "object bytes".getBytes(StandardCharsets.UTF_8);

    private static byte[] sample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StateArchive.Writer w = new StateArchive.Writer(out);
        w.section("sqs");
        w.record(StateRecord.of("sqs", "111111111111", "us-east-1", "queue", "q1", Map.of("name", "q1")));
        w.section("s3");
        w.file("0123456789abcdef0123456789abcdef", BYTES.length, new ByteArrayInputStream(BYTES));
        w.record(StateRecord.of("s3", "111111111111", "us-east-1", "key", "b/k", Map.of("size", BYTES.length)));
        w.finish();
        return out.toByteArray();
    }

    private static List<String> read(byte[] file) throws IOException {
        List<String> seen = new ArrayList<>();
        StateArchive.read(new ByteArrayInputStream(file), new StateArchive.Visitor() {
            @Override
            public void section(String service) {
                seen.add("section " + service);
            }

            @Override
            public void record(StateRecord r) {
                seen.add("record " + r.service() + " " + r.account() + " " + r.kind() + " " + r.key() + " "
                        + new String(r.value(), StandardCharsets.UTF_8));
            }

            @Override
            public void file(String name, long size, InputStream bytes) throws IOException {
                seen.add("file " + name + " " + size + " " + new String(bytes.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        return seen;
    }

    @Test
    void whatIsWrittenIsReadInOrder() throws IOException {
        assertEquals(List.of("section sqs", "record sqs 111111111111 queue q1 {\"name\":\"q1\"}", "section s3",
                "file 0123456789abcdef0123456789abcdef 12 object bytes", "record s3 111111111111 key b/k {\"size\":12}"),
                read(sample()));
    }

    @Test
    void aGzippedFileReadsTheSame() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(sample());
        }
        assertEquals(read(sample()), read(gz.toByteArray()));
    }

    @Test
    void unreadableFilesAreRefusedWithTheReason() throws IOException {
        byte[] good = sample();
        byte[] newer = good.clone();
        newer[15] = 2;
        assertTrue(assertThrows(StateArchive.UnreadableException.class, () -> read(newer)).getMessage()
                .contains("format version 2, and this Gureum reads version 1: it was exported by a newer Gureum"));
        assertTrue(assertThrows(StateArchive.UnreadableException.class,
                () -> read("PK\u0003\u0004 a zip".getBytes(StandardCharsets.ISO_8859_1))).getMessage()
                .contains("not a Gureum state file"));
        assertTrue(assertThrows(StateArchive.UnreadableException.class,
                () -> read(Arrays.copyOf(good, good.length - 1))).getMessage().contains("cut short"));
        byte[] flipped = good.clone();
        int at = indexOf(good, BYTES) + 3;
        flipped[at] ^= 1;
        assertTrue(assertThrows(StateArchive.UnreadableException.class, () -> read(flipped)).getMessage()
                .contains("do not match their checksum"));
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
