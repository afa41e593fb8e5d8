package io.gureum.cloudformation.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a task per node of a dependency graph, each as soon as the nodes it depends on have succeeded,
 * as many at once as the executor allows: AWS creates independent resources in parallel. No thread
 * waits: a finished task starts the tasks it unblocks. After the first failure no new task starts; when
 * the tasks running have finished, {@code done} receives the nodes that failed (empty on success) and
 * those never started.
 */
final class GraphRun {
    /** How a run ended. */
    record Outcome(Set<String> failed, Set<String> notStarted, Set<String> succeeded) {
        boolean ok() {
            return failed.isEmpty() && notStarted.isEmpty();
        }
    }

    private final Map<String, Set<String>> waitingOn = new LinkedHashMap<>();
    private final Map<String, Set<String>> dependants = new LinkedHashMap<>();
    private final Function<String, CompletableFuture<Void>> task;
    private final Executor executor;
    private final Consumer<Outcome> done;
    private final Set<String> failed = new LinkedHashSet<>();
    private final Set<String> succeeded = new LinkedHashSet<>();
    private final Set<String> started = new LinkedHashSet<>();
    private int running;
    private boolean finished;
    private boolean cancelled;

    /**
     * @param dependencies node → the nodes it waits for (nodes outside the map are ignored)
     * @param task starts a node's work; its future completes when the work has
     */
    GraphRun(Map<String, ? extends Collection<String>> dependencies, Function<String, CompletableFuture<Void>> task,
            Executor executor, Consumer<Outcome> done) {
        dependencies.forEach((node, deps) -> {
            Set<String> waits = new LinkedHashSet<>();
            for (String d : deps) {
                if (dependencies.containsKey(d) && !d.equals(node)) {
                    waits.add(d);
                    dependants.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(node);
                }
            }
            waitingOn.put(node, waits);
        });
        this.task = task;
        this.executor = executor;
        this.done = done;
    }

    /** The reversed graph: each node waits for the nodes that depended on it (deletion order). */
    static Map<String, Set<String>> reversed(Map<String, ? extends Collection<String>> dependencies) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        dependencies.keySet().forEach(n -> out.put(n, new LinkedHashSet<>()));
        dependencies.forEach((node, deps) -> deps.forEach(d -> {
            if (out.containsKey(d)) {
                out.get(d).add(node);
            }
        }));
        return out;
    }

    void start() {
        List<String> ready;
        synchronized (this) {
            ready = readyLocked();
            if (ready.isEmpty() && running == 0) {
                finishLocked();
            }
        }
        launch(ready);
        deliverIfFinished();
    }

    private List<String> readyLocked() {
        List<String> ready = new ArrayList<>();
        if (!failed.isEmpty() || cancelled) {
            return ready;
        }
        waitingOn.forEach((node, waits) -> {
            if (waits.isEmpty() && !started.contains(node)) {
                ready.add(node);
            }
        });
        started.addAll(ready);
        running += ready.size();
        return ready;
    }

    private void launch(List<String> nodes) {
        for (String node : nodes) {
            executor.execute(() -> {
                CompletableFuture<Void> f;
                try {
                    f = task.apply(node);
                } catch (RuntimeException | LinkageError e) {
                    f = CompletableFuture.failedFuture(e);
                }
                f.whenComplete((v, error) -> finished(node, error == null));
            });
        }
    }

    private void finished(String node, boolean ok) {
        List<String> ready;
        synchronized (this) {
            running--;
            if (ok) {
                succeeded.add(node);
                for (String d : dependants.getOrDefault(node, Set.of())) {
                    waitingOn.get(d).remove(node);
                }
            } else {
                failed.add(node);
            }
            ready = readyLocked();
            if (ready.isEmpty() && running == 0) {
                finishLocked();
            }
        }
        launch(ready);
        deliverIfFinished();
    }

    private Outcome outcome;

    /** Starts no further node; the run ends when those running have finished (CancelUpdateStack). */
    void cancel() {
        synchronized (this) {
            cancelled = true;
        }
    }

    private void finishLocked() {
        if (finished) {
            return;
        }
        finished = true;
        Set<String> notStarted = new LinkedHashSet<>(waitingOn.keySet());
        notStarted.removeAll(started);
        outcome = new Outcome(Set.copyOf(failed), notStarted, Set.copyOf(succeeded));
    }

    private void deliverIfFinished() {
        Outcome o;
        synchronized (this) {
            o = outcome;
            outcome = null;
        }
        if (o != null) {
            done.accept(o);
        }
    }
}
