package io.gureum.logs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code @ptr} of a query's result row, which GetLogRecord takes back: opaque to clients, it names the
 * group, the stream and the event (timestamp and ingestion order).
 */
final class LogPointers {
    private LogPointers() {
    }

    record Pointer(String group, String stream, long timestamp, long seq) {
    }

    static String encode(String group, String stream, StoredEvent e) {
        String text = group + "\n" + stream + "\n" + e.timestamp() + "\n" + e.seq();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The pointer, or null when {@code ptr} is not one Gureum made. */
    static Pointer decode(String ptr) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(ptr), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 4) {
                return null;
            }
            return new Pointer(parts[0], parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
