package io.gureum.lambda;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What recent invocations of each function wrote (the runner's START/END/REPORT lines and the function's
 * own output), kept for {@code GET /_gureum/lambda/logs}: the last {@value #KEEP} per function.
 */
final class InvocationLogs {
    static final int KEEP = 100;

    /** One invocation's record. */
    record Entry(String requestId, String functionArn, String version, String invocationType, Instant timestamp,
            String functionError, String logs) {
    }

    private final Map<String, Deque<Entry>> byFunction = new ConcurrentHashMap<>();

    void add(Entry e) {
        Deque<Entry> d = byFunction.computeIfAbsent(e.functionArn(), k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(e);
            while (d.size() > KEEP) {
                d.removeFirst();
            }
        }
    }

    List<Entry> of(String functionArn) {
        Deque<Entry> d = byFunction.get(functionArn);
        if (d == null) {
            return List.of();
        }
        synchronized (d) {
            return new ArrayList<>(d);
        }
    }

    void forget(String functionArn) {
        byFunction.remove(functionArn);
    }
}
