package io.gureum.events;

import io.gureum.events.archive.Archive;
import io.gureum.events.archive.Replay;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * EventBridge's state in one account and region: its buses (the {@code default} bus always exists),
 * archives, replays, connections, API destinations and global endpoints. Operations and deliveries synchronize on the store while they read or change it.
 */
final class EventsStore {
    static final String DEFAULT_BUS = "default";

    final String account;
    final String region;
    final ConcurrentNavigableMap<String, Bus> buses = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, Archive> archives = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, Replay> replays = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, Connection> connections = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, ApiDestination> apiDestinations = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, Endpoint> endpoints = new ConcurrentSkipListMap<>();
    /** Deliveries accepted and not yet finished, by {@code eventId|ruleArn|targetId} (kept with --data-dir). */
    final java.util.concurrent.ConcurrentMap<String, EventsRecords.DeliveryRecord> pending =
            new java.util.concurrent.ConcurrentHashMap<>();

    EventsStore(String account, String region) {
        this.account = account;
        this.region = region;
    }

    /** The bus named {@code name}, or null. */
    Bus busOrNull(String name) {
        return buses.get(name);
    }

    Bus bus(String name) {
        Bus b = buses.get(name);
        if (b == null) {
            throw EventsErrors.busNotFound(name);
        }
        return b;
    }

    Rule rule(String busName, String ruleName) {
        Rule r = bus(busName).rules.get(ruleName);
        if (r == null) {
            throw EventsErrors.ruleNotFound(ruleName, busName);
        }
        return r;
    }
}
