package io.gureum.core.dispatch;

import io.gureum.core.persist.CoreRecords;
import io.gureum.core.persist.StateArchive;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateSink;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shared snapshots ({@code /_gureum/state/export}, {@code /_gureum/state/import}, {@code --init-state}):
 * the services' state written to, and loaded from, one {@link StateArchive} file.
 *
 * <p>An import never restores into a live instance (ADR 0013): for each API in the file it stages fresh
 * instances, streams the file's bytes into them, then {@link LoadedService#install installs} them restored
 * from the records that remain — the file's alone ({@code replace}), or the API's current records overlaid
 * by the file's ({@code merge}, and {@code replace} limited to some accounts), the current ones captured from
 * the old instances just before. {@code restore} keeps its one meaning: fill a fresh instance.
 */
public final class StateTransfer {
    private StateTransfer() {
    }

    /** {@code ?services=} and {@code ?accounts=}; null means all. */
    public record Filter(Set<String> services, Set<String> accounts) {
        public static final Filter ALL = new Filter(null, null);

        public boolean service(String name) {
            return services == null || services.contains(name);
        }

        /** Records of no account (server-wide ones) always pass: no account filter can name them. */
        public boolean account(String account) {
            return accounts == null || account.isEmpty() || accounts.contains(account);
        }
    }

    public enum Mode {
        REPLACE, MERGE
    }

    /** What an export or import moved, per API: records and files. */
    public record Summary(Map<String, long[]> services, List<String> skipped) {
    }

    /** Writes the state of the APIs the filter names (those that keep state) to {@code out}. */
    public static Summary export(ServiceRegistry registry, ServiceContext context, Filter filter, OutputStream out)
            throws IOException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        StateArchive.Writer writer = new StateArchive.Writer(out);
        // The clock's offset: times on the core clock (visibility deadlines, TTLs) keep their meaning.
        writer.section(CoreRecords.SERVICE);
        List<StateRecord> clock = new ArrayList<>();
        CoreRecords.capture(context.clock(), clock::add);
        for (StateRecord r : clock) {
            writer.record(r);
        }
        for (LoadedService s : registry.all()) {
            if (!filter.service(s.name()) || !s.holdsState()) {
                continue;
            }
            writer.section(s.name());
            long[] n = counts.computeIfAbsent(s.name(), k -> new long[2]);
            s.export(new StateSink() {
                @Override
                public boolean includes(String account) {
                    return filter.account(account == null ? "" : account);
                }

                @Override
                public void record(StateRecord record) {
                    if (filter.account(record.account())) {
                        try {
                            writer.record(record);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        n[0]++;
                    }
                }

                @Override
                public void file(String name, long size, InputStream bytes) throws IOException {
                    writer.file(name, size, bytes);
                    n[1]++;
                }
            });
        }
        writer.finish();
        return new Summary(counts, List.of());
    }

    /** One API's part of an import: its staged instances and the file's records for it. */
    private static final class Section {
        final LoadedService service;
        final LoadedService.Staged staged;
        final List<StateRecord> records = new ArrayList<>();
        /** The API's records once the import is done (the file's, or the current ones overlaid by them). */
        List<StateRecord> after;
        long files;

        Section(LoadedService service) {
            this.service = service;
            this.staged = service.stage();
        }
    }

    /**
     * Loads a state file, all or nothing. Nothing changes until the whole file has been read and checked and
     * every API's records have been restored once into throwaway instances ({@link LoadedService#probe}): a file
     * cut short, damaged or of another version, or holding a record its service cannot restore, is refused
     * ({@link StateArchive.UnreadableException}, naming the cause) with the server's state untouched (bytes
     * already streamed went only into staged instances, which are discarded).
     */
    public static Summary importState(ServiceRegistry registry, ServiceContext context, InputStream in, Mode mode,
            Filter filter) throws IOException {
        Map<String, Section> sections = new LinkedHashMap<>();
        Set<String> skipped = new LinkedHashSet<>();
        long[] clockOffset = {-1};
        try {
            StateArchive.read(in, new StateArchive.Visitor() {
                private Section current;

                @Override
                public void section(String service) {
                    current = null;
                    if (service.equals(CoreRecords.SERVICE) || !filter.service(service)) {
                        return;
                    }
                    LoadedService s = registry.byName(service);
                    if (s == null) {
                        skipped.add(service);
                        return;
                    }
                    current = sections.computeIfAbsent(service, k -> new Section(s));
                }

                @Override
                public void record(StateRecord r) {
                    if (r.service().equals(CoreRecords.SERVICE)) {
                        if (r.kind().equals("clock")) {
                            clockOffset[0] = Math.max(clockOffset[0],
                                    r.value(CoreRecords.ClockOffset.class).offsetMillis());
                        }
                    } else if (current != null && r.service().equals(current.service.name())
                            && filter.account(r.account())) {
                        current.records.add(r);
                    }
                }

                @Override
                public void file(String name, long size, InputStream bytes) throws IOException {
                    if (current != null && current.staged.importFile(name, size, bytes)) {
                        current.files++;
                    }
                }
            });
            if (mode == Mode.REPLACE && filter.services() != null) {
                // Named APIs the file has nothing of are replaced by nothing.
                for (String name : filter.services()) {
                    LoadedService s = registry.byName(name);
                    if (s != null && !sections.containsKey(name)) {
                        sections.put(name, new Section(s));
                    }
                }
            }
            // All or nothing: every API's records must restore before any API is replaced. A record the file
            // carries intact but its service cannot read (another shape, a value out of range) is found here,
            // in throwaway instances, not halfway through replacing the APIs one after another.
            for (Section s : sections.values()) {
                s.after = recordsAfterImport(s, mode, filter);
                try {
                    s.service.probe(s.after);
                } catch (RuntimeException e) {
                    throw new StateArchive.UnreadableException("The file's " + s.service.name()
                            + " records cannot be restored (" + describe(e) + "); nothing was imported");
                }
            }
        } catch (IOException | RuntimeException e) {
            sections.values().forEach(s -> s.staged.close());
            throw e;
        }
        long now = context.clock().offset().toMillis();
        if (clockOffset[0] > now) {
            context.clock().advance(Duration.ofMillis(clockOffset[0] - now));
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Section s : sections.values()) {
            try {
                s.service.install(s.staged, s.after);
                counts.put(s.service.name(), new long[] {s.records.size(), s.files});
            } finally {
                s.staged.close();
            }
        }
        return new Summary(counts, List.copyOf(skipped));
    }

    /** An exception and its causes' messages, for the answer. */
    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 400; t = t.getCause()) {
            if (!out.isEmpty()) {
                out.append(": ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                String m = t.getMessage();
                out.append(' ').append(m, 0, Math.min(m.length(), 200));
            }
        }
        return out.toString();
    }

    /**
     * The API's records once the import is done: the file's, over the current records a merge keeps (all)
     * or an account-limited replace keeps (those of other accounts). The files those current records name
     * are copied into the staged instances.
     */
    private static List<StateRecord> recordsAfterImport(Section s, Mode mode, Filter filter) throws IOException {
        if (mode == Mode.REPLACE && filter.accounts() == null) {
            return s.records;
        }
        Map<StateRecord.Id, StateRecord> union = new LinkedHashMap<>();
        s.service.export(new StateSink() {
            @Override
            public boolean includes(String account) {
                return mode == Mode.MERGE || account == null || !filter.accounts().contains(account);
            }

            @Override
            public void record(StateRecord record) {
                if (includes(record.account())) {
                    union.put(record.id(), record);
                }
            }

            @Override
            public void file(String name, long size, InputStream bytes) throws IOException {
                try (bytes) {
                    s.staged.importFile(name, size, bytes);
                }
            }
        });
        for (StateRecord r : s.records) {
            union.put(r.id(), r);
        }
        return new ArrayList<>(union.values());
    }
}
