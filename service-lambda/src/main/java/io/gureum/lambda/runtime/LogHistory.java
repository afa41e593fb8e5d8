package io.gureum.lambda.runtime;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The last few log events of each function, bounded so that a chatty function cannot exhaust memory. */
final class LogHistory {
    private final int maxPerFunction;
    private final ConcurrentHashMap<String, ArrayDeque<LogEvent>> byFunction = new ConcurrentHashMap<>();

    LogHistory(int maxPerFunction) {
        this.maxPerFunction = maxPerFunction;
    }

    void add(String functionArn, Collection<LogEvent> events) {
        ArrayDeque<LogEvent> deque = byFunction.computeIfAbsent(functionArn, k -> new ArrayDeque<>());
        synchronized (deque) {
            for (LogEvent event : events) {
                if (deque.size() == maxPerFunction) {
                    deque.removeFirst();
                }
                deque.addLast(event);
            }
        }
    }

    List<LogEvent> of(String functionArn) {
        ArrayDeque<LogEvent> deque = byFunction.get(functionArn);
        if (deque == null) {
            return List.of();
        }
        synchronized (deque) {
            return List.copyOf(deque);
        }
    }

    void forget(String functionArn) {
        byFunction.remove(functionArn);
    }
}
