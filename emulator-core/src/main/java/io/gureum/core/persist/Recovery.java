package io.gureum.core.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a data directory's state at start: the latest snapshot, then every journal from its generation
 * on, applying each change in order. A damaged frame (torn by a crash mid-write, or corrupt) ends its
 * file: it is logged and cut off, never a failed start.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** The live records, the generation the next journal takes, and how many journal bytes follow the snapshot. */
    record Result(Map<StateRecord.Id, StateRecord> records, long nextGeneration, long journalBytes) {
    }

    private Recovery() {
    }

    static Result read(DataDirectory dir) throws IOException {
        Map<StateRecord.Id, StateRecord> live = new LinkedHashMap<>();
        List<Long> snapshots = dir.snapshots();
        long from = 0;
        if (!snapshots.isEmpty()) {
            from = snapshots.get(snapshots.size() - 1);
            Path snapshot = dir.snapshot(from);
            Frames.Read read = Frames.read(snapshot, payload -> apply(live, payload));
            if (read.damage() != null) {
                // A snapshot is renamed into place only once forced: damage here is the disk's, not a crash's.
                LOG.error("Snapshot {} is damaged ({}); state after that point is lost", snapshot, read.damage());
            }
        }
        List<Long> journals = dir.journals();
        long next = from;
        long bytes = 0;
        for (Iterator<Long> it = journals.iterator(); it.hasNext();) {
            long g = it.next();
            next = Math.max(next, g + 1);
            if (g < from) {
                continue; // made obsolete by the snapshot; removed at the next compaction
            }
            Path journal = dir.journal(g);
            Frames.Read read = Frames.read(journal, payload -> apply(live, payload));
            bytes += read.validLength();
            if (read.damage() != null) {
                LOG.warn("State journal {}: dropped the rest of the file after {} (a write cut short by a crash)",
                        journal.getFileName(), read.damage());
                try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                    ch.truncate(read.validLength());
                    ch.force(true);
                }
            }
        }
        return new Result(live, Math.max(next, from), bytes);
    }

    private static void apply(Map<StateRecord.Id, StateRecord> live, byte[] payload) {
        Change change;
        try {
            change = Change.decode(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("A journal entry with a valid checksum cannot be read", e);
        }
        apply(live, change);
    }

    /** Applies one change; a group's changes in order (the frame was whole, so all of them). */
    private static void apply(Map<StateRecord.Id, StateRecord> live, Change change) {
        switch (change.type()) {
            case PUT -> live.put(change.record().id(), change.record());
            case DELETE -> live.remove(change.record().id());
            case CLEAR_SERVICE -> live.keySet().removeIf(id -> id.service().equals(change.service()));
            case CLEAR_ALL -> live.clear();
            case GROUP -> change.parts().forEach(c -> apply(live, c));
        }
    }

    /** Writes {@code records} as the snapshot of {@code generation}: temp file, force, atomic rename, directory sync. */
    static void writeSnapshot(DataDirectory dir, long generation,
            java.util.function.Consumer<java.util.function.Consumer<StateRecord>> records) throws IOException {
        Path tmp = dir.snapshotTemp(generation);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
                var out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
            try {
                records.accept(r -> {
                    var frame = Change.put(r).frame();
                    try {
                        out.write(frame.array(), 0, frame.limit());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.flush();
            ch.force(true);
        }
        Files.move(tmp, dir.snapshot(generation), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        DataDirectory.syncDirectory(tmp.getParent());
    }
}
