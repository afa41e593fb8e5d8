package io.gureum.lambda.runtime;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** The last few log events of each function, bounded so that a chatty function cannot exhaust memory. */
final class LogHistory {
    private final int maxPerFunction;
    private final ConcurrentHashMap<String, ArrayDeque<LogEvent>> byFunction = new ConcurrentHashMap<>();
    private volatile BiConsumer<FunctionSpec, List<LogEvent>> sink = (spec, events) -> { };

    LogHistory(int maxPerFunction) {
        this.maxPerFunction = maxPerFunction;
    }

    /** Also hands every invocation's events to {@code sink} (CloudWatch Logs). */
    void sink(BiConsumer<FunctionSpec, List<LogEvent>> sink) {
        this.sink = sink;
    }

    void add(FunctionSpec spec, List<LogEvent> events) {
        ArrayDeque<LogEvent> deque = byFunction.computeIfAbsent(spec.functionArn(), k -> new ArrayDeque<>());
        synchronized (deque) {
            for (LogEvent event : events) {
                if (deque.size() == maxPerFunction) {
                    deque.removeFirst();
                }
                deque.addLast(event);
            }
        }
        sink.accept(spec, events);
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
