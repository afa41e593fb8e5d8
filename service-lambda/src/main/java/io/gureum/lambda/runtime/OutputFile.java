package io.gureum.lambda.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a runtime process writes stdout and stderr: a file it appends to. A runtime writes its output
 * before it posts its result, so reading the file up to its current end when the result arrives gives
 * exactly the invocation's output, without racing a reader thread.
 */
final class OutputFile implements AutoCloseable {
    private static final int MAX_LINE = 256 * 1024;
    /** Past this size an idle environment's file is emptied, so a long-lived chatty function does not fill the disk. */
    private static final long TRUNCATE_AT = 8L * 1024 * 1024;

    private final Path file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;

    private OutputFile(Path file) {
        this.file = file;
    }

    static OutputFile create(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".log");
        Files.deleteIfExists(file);
        Files.createFile(file);
        return new OutputFile(file);
    }

    Path path() {
        return file;
    }

    /** The complete lines written since the last read; with {@code all}, an unfinished last line too. */
    synchronized List<String> read(boolean all) {
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                offset = 0;
            }
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (offset < size) {
                buffer.clear();
                int n = channel.read(buffer, offset);
                if (n <= 0) {
                    break;
                }
                offset += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer.get(i);
                    if (b == '\n') {
                        lines.add(take());
                    } else if (partial.size() < MAX_LINE) {
                        partial.write(b);
                    }
                }
            }
            if (size > TRUNCATE_AT && offset == size && partial.size() == 0) {
                // The process opened the file with O_APPEND, so its next write lands at the new end.
                try (FileChannel writable = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    writable.truncate(0);
                }
                offset = 0;
            }
        } catch (IOException e) {
            if (Files.exists(file)) {
                throw new UncheckedIOException(e);
            }
        }
        if (all && partial.size() > 0) {
            lines.add(take());
        }
        return lines;
    }

    private String take() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public synchronized void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the work directory is Gureum's own; a leftover file is harmless
        }
    }
}
