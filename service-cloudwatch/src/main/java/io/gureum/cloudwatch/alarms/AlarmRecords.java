package io.gureum.cloudwatch.alarms;

import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.state.ResourceRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The alarms of a book as {@code --data-dir} records: each alarm (definition, state, tags) under its name, compared
 * under the book's lock with what was last written; each history item once, under its ordinal. A change of state
 * made by an evaluation on the clock records itself the same way, inside the engine's locked block.
 */
public final class AlarmRecords {
    public static final String SERVICE = "cloudwatch";
    public static final String ALARM = "alarm";
    public static final String HISTORY = "alarm-history";

    private final StateStore state;

    public AlarmRecords(StateStore state) {
        this.state = state;
    }

    /** Writes the alarms that changed, deletes the records of those gone, writes new history items. Takes the lock. */
    public void record(AlarmBook book) {
        if (!state.enabled()) {
            return;
        }
        synchronized (book) {
            Set<String> seen = new HashSet<>();
            for (Alarm a : book.alarms.values()) {
                seen.add(a.name);
                AlarmValue value = AlarmValue.of(a);
                byte[] json = StateRecord.of(SERVICE, book.account, book.region, ALARM, a.name, value).value();
                if (!Arrays.equals(book.written.get(a.name), json)) {
                    state.put(SERVICE, book.account, book.region, ALARM, a.name, value);
                    book.written.put(a.name, json);
                }
            }
            for (var it = book.written.keySet().iterator(); it.hasNext();) {
                String name = it.next();
                if (!seen.contains(name)) {
                    state.delete(SERVICE, book.account, book.region, ALARM, name);
                    it.remove();
                }
            }
            int size = book.history.size();
            long first = book.historyAdded - size;
            for (long ordinal = Math.max(book.historyRecorded, first); ordinal < book.historyAdded; ordinal++) {
                state.put(SERVICE, book.account, book.region, HISTORY, key(ordinal),
                        book.history.get((int) (ordinal - first)));
            }
            book.historyRecorded = book.historyAdded;
        }
    }

    /** Every alarm and live history item, for a snapshot. */
    public static void capture(AlarmBook book, Consumer<StateRecord> sink) {
        synchronized (book) {
            book.alarms.values().forEach(a -> sink.accept(StateRecord.of(SERVICE, book.account, book.region, ALARM,
                    a.name, AlarmValue.of(a))));
            long first = book.historyAdded - book.history.size();
            for (int i = 0; i < book.history.size(); i++) {
                sink.accept(StateRecord.of(SERVICE, book.account, book.region, HISTORY, key(first + i),
                        book.history.get(i)));
            }
        }
    }

    /**
     * Rebuilds a book's alarms (registered again with their tags) and the history kept at {@code now}, then schedules
     * every metric alarm's evaluation: alarms go on evaluating on the clock.
     */
    public static void restore(AlarmBook book, List<StateRecord> records, ResourceRegistry registry, AlarmEngine engine,
            long now) {
        List<Alarm> metricAlarms = new ArrayList<>();
        List<StateRecord> history = new ArrayList<>();
        synchronized (book) {
            for (StateRecord r : records) {
                if (r.kind().equals(ALARM)) {
                    Alarm a = r.value(AlarmValue.class).toAlarm();
                    book.alarms.put(a.name, a);
                    a.tags.attach(registry, book.account, book.region, "cloudwatch", "alarm:" + a.name,
                            Arn.parse(a.arn));
                    book.written.put(a.name, r.value());
                    if (!a.composite) {
                        metricAlarms.add(a);
                    }
                } else if (r.kind().equals(HISTORY)) {
                    history.add(r);
                }
            }
            history.sort(Comparator.comparing(StateRecord::key));
            for (StateRecord r : history) {
                HistoryItem item = r.value(HistoryItem.class);
                long ordinal = Long.parseLong(r.key());
                book.historyAdded = Math.max(book.historyAdded, ordinal + 1);
                if (item.timestamp() >= now - AlarmBook.HISTORY_KEPT) {
                    book.history.add(item);
                }
            }
            book.historyRecorded = book.historyAdded;
        }
        metricAlarms.forEach(a -> engine.schedule(book, a));
    }

    /** Ordinals as fixed-width text, so records sort in the order the items were added. */
    private static String key(long ordinal) {
        return String.format("%019d", ordinal);
    }
}
