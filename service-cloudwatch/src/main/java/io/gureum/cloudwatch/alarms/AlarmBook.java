package io.gureum.cloudwatch.alarms;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The alarms of one account and region and their history (kept 30 days, as AWS keeps it). Every access holds
 * the book's lock; actions run outside it.
 */
public final class AlarmBook {
    static final long HISTORY_KEPT = 30 * 86_400_000L;

    final String account;
    final String region;
    final TreeMap<String, Alarm> alarms = new TreeMap<>();
    final List<HistoryItem> history = new ArrayList<>();
    /** How many history items were ever added: the next item's ordinal (its record's key). */
    long historyAdded;
    /** With {@code --data-dir}: how many items are recorded, and what each alarm's record held when last written. */
    long historyRecorded;
    final java.util.Map<String, byte[]> written = new java.util.HashMap<>();
    /** Alarm mute rules by name. */
    public final TreeMap<String, MuteRule> muteRules = new TreeMap<>();

    public AlarmBook(String account, String region) {
        this.account = account;
        this.region = region;
    }

    /** The alarm with this ARN, or null. */
    public synchronized Alarm byArn(String arn) {
        for (Alarm a : alarms.values()) {
            if (a.arn.equals(arn)) {
                return a;
            }
        }
        return null;
    }

    /** Whether a mute rule active at {@code now} targets the alarm (its actions are not run). */
    synchronized boolean muted(String alarmName, long now) {
        for (MuteRule r : muteRules.values()) {
            if (r.targets(alarmName) && r.active(now)) {
                return true;
            }
        }
        return false;
    }

    synchronized void record(HistoryItem item, long now) {
        history.add(item);
        historyAdded++;
        history.removeIf(h -> h.timestamp() < now - HISTORY_KEPT);
    }
}
