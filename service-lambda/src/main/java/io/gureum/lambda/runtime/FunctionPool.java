package io.gureum.lambda.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The execution environments of one function version: reuses an idle one, starts another while all are
 * busy (up to a cap, then queues), and retires those whose code or configuration is stale.
 */
final class FunctionPool implements ExecutionEnvironment.Listener {
    /** Starts an environment for a spec; errors complete the invocation instead. */
    interface Launcher {
        ExecutionEnvironment launch(FunctionSpec spec, ExecutionEnvironment.Listener listener) throws Exception;
    }

    private final int maxEnvironments;
    private final Launcher launcher;
    private final RunnerContext context;

    // guarded by this
    private final List<ExecutionEnvironment> environments = new ArrayList<>();
    private final ArrayDeque<Invocation> queue = new ArrayDeque<>();
    private FunctionSpec latest;
    private boolean closed;

    FunctionPool(int maxEnvironments, Launcher launcher, RunnerContext context) {
        this.maxEnvironments = maxEnvironments;
        this.launcher = launcher;
        this.context = context;
    }

    void submit(Invocation invocation) {
        List<ExecutionEnvironment> retired = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                invocation.result.completeExceptionally(new IllegalStateException("The function runner is closed"));
                return;
            }
            if (latest == null || !sameRevision(latest, invocation.spec)) {
                latest = invocation.spec;
                retireStale(retired);
            }
            queue.addLast(invocation);
            dispatch();
        }
        stopLater(retired);
    }

    @Override
    public void released(ExecutionEnvironment environment) {
        List<ExecutionEnvironment> retired = new ArrayList<>();
        synchronized (this) {
            if (environment.isDead()) {
                environments.remove(environment);
            } else if (closed || latest != null && !sameRevision(latest, environment.spec())) {
                environments.remove(environment);
                retired.add(environment);
            }
            dispatch();
        }
        stopLater(retired);
    }

    private void dispatch() {
        while (!queue.isEmpty()) {
            Invocation next = queue.peekFirst();
            ExecutionEnvironment idle = environments.stream()
                    .filter(e -> e.isIdle() && sameRevision(e.spec(), next.spec))
                    .findFirst().orElse(null);
            if (idle == null && environments.size() < maxEnvironments) {
                try {
                    idle = launcher.launch(next.spec, this);
                    environments.add(idle);
                } catch (Exception e) {
                    queue.removeFirst();
                    next.result.completeExceptionally(e);
                    continue;
                }
            }
            if (idle == null) {
                return;
            }
            queue.removeFirst();
            idle.run(next);
        }
    }

    private void retireStale(List<ExecutionEnvironment> retired) {
        for (ExecutionEnvironment env : List.copyOf(environments)) {
            if (env.isIdle() && !sameRevision(latest, env.spec())) {
                environments.remove(env);
                retired.add(env);
            }
        }
    }

    /** Stops environments idle for longer than {@code idleNanos}. */
    void sweep(long idleNanos) {
        List<ExecutionEnvironment> retired = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (ExecutionEnvironment env : List.copyOf(environments)) {
                if (env.isIdle() && now - env.idleSinceNanos() > idleNanos) {
                    environments.remove(env);
                    retired.add(env);
                }
            }
        }
        stopLater(retired);
    }

    /** Stops every environment and fails what is queued; returns when the processes are gone (or after a short wait). */
    void close() {
        List<ExecutionEnvironment> all;
        List<Invocation> waiting;
        synchronized (this) {
            closed = true;
            all = List.copyOf(environments);
            environments.clear();
            waiting = List.copyOf(queue);
            queue.clear();
        }
        all.parallelStream().forEach(ExecutionEnvironment::stop);
        waiting.forEach(i -> i.result.completeExceptionally(new IllegalStateException("The function runner is closed")));
    }

    synchronized int size() {
        return environments.size();
    }

    synchronized List<Long> pids() {
        return environments.stream().map(ExecutionEnvironment::pid).toList();
    }

    private void stopLater(List<ExecutionEnvironment> retired) {
        for (ExecutionEnvironment env : retired) {
            context.workers().execute(env::stop);
        }
    }

    private static boolean sameRevision(FunctionSpec a, FunctionSpec b) {
        return Objects.equals(a.revisionId(), b.revisionId()) && Objects.equals(a.codeSha256(), b.codeSha256());
    }
}
