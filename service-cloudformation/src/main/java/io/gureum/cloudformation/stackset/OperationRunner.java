package io.gureum.cloudformation.stackset;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationPreferences;

/**
 * Runs stack set operations on their own threads (never a Netty thread, never one of the engine's workers,
 * which the instances' stacks need): Region by Region in {@code RegionOrder} (all at once when
 * {@code RegionConcurrencyType} is PARALLEL), at most {@code MaxConcurrentCount} accounts at a time in a
 * Region, and once more accounts of a Region fail than {@code FailureToleranceCount} allows, the accounts not
 * yet started are CANCELLED and the operation FAILED (StackSetOperationPreferences in the API reference). In
 * the default STRICT_FAILURE_TOLERANCE mode the concurrency is lowered so that failures never exceed the
 * tolerance by more than one. Each instance's stack moves as fast as its resources do.
 */
public final class OperationRunner {
    private final CloudFormationState state;
    private final ServiceContext context;
    private final ExecutorService threads;
    private volatile java.util.function.Consumer<StackSetRecord> ended = set -> { };

    public OperationRunner(CloudFormationState state, ServiceContext context, ExecutorService threads) {
        this.state = state;
        this.context = context;
        this.threads = threads;
    }

    /** Told, on the operation's thread and without the lock, that an operation of a stack set ended. */
    public void onEnd(java.util.function.Consumer<StackSetRecord> listener) {
        this.ended = listener;
    }

    /** One account and Region an operation acts on. */
    public record Target(String account, String region) {
    }

    /**
     * Starts {@code op} over {@code targets} (the caller holds the lock and has recorded the operation): each
     * target's result is PENDING until its turn.
     */
    public void start(StackSetRecord set, StackSetOperationRecord op, List<Target> targets) {
        Map<String, List<InstanceJob>> byRegion = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        StackSetOperationPreferences prefs = op.preferences;
        if (prefs != null && prefs.hasRegionOrder()) {
            order.addAll(prefs.regionOrder());
        }
        targets.forEach(t -> {
            if (!order.contains(t.region())) {
                order.add(t.region());
            }
        });
        order.forEach(r -> byRegion.put(r, new ArrayList<>()));
        for (Target t : targets) {
            StackSetOperationRecord.Result result = new StackSetOperationRecord.Result(t.account(), t.region());
            op.results.put(StackSetRecord.key(t.account(), t.region()), result);
            StackInstanceRecord instance = set.instances.get(StackSetRecord.key(t.account(), t.region()));
            instance.detailedStatus = "PENDING";
            instance.lastOperationId = op.operationId;
            byRegion.get(t.region()).add(new InstanceJob(state, set, op, instance, result,
                    client(set, op, t)));
        }
        List<RegionRun> regions = new ArrayList<>();
        byRegion.values().stream().filter(jobs -> !jobs.isEmpty()).forEach(jobs -> regions.add(new RegionRun(jobs,
                prefs)));
        threads.execute(() -> run(set, op, regions));
    }

    /** The execution role's session in the target account: the instance's stack is created as it. */
    private Supplier<CloudFormationClient> client(StackSetRecord set, StackSetOperationRecord op, Target t) {
        String partition = context.topology().partitionOf(t.region()).id();
        // Service-managed stack sets act through the service-linked role StackSets makes in each member account.
        String role = op.executionRoleName != null ? op.executionRoleName
                : "AWSServiceRoleForCloudFormationStackSetsOrgMember";
        String principal = "arn:" + partition + ":sts::" + t.account() + ":assumed-role/" + role
                + "/AWSCloudFormationStackSetExecution";
        Caller caller = new Caller(t.account(), t.region(), principal, set.arn);
        return () -> context.clients().client(CloudFormationClient.class, caller);
    }

    private void run(StackSetRecord set, StackSetOperationRecord op, List<RegionRun> regions) {
        boolean parallel = op.preferences != null && "PARALLEL".equals(op.preferences.regionConcurrencyTypeAsString());
        boolean failed = false;
        if (parallel) {
            failed = drive(op, regions);
        } else {
            for (RegionRun region : regions) {
                if (failed || stopping(op)) {
                    region.cancel(failed);
                    continue;
                }
                failed = drive(op, List.of(region));
            }
        }
        boolean aborted = failed;
        locked(() -> {
            regions.forEach(r -> r.cancel(aborted));
            op.status = op.status.equals("STOPPING") ? "STOPPED" : aborted ? "FAILED" : "SUCCEEDED";
            op.endTimestamp = context.clock().now();
            if (op.action.equals("DETECT_DRIFT")) {
                set.lastDriftCheck = op.endTimestamp;
            }
            if (op.action.equals("DELETE")) {
                op.results.values().stream().filter(r -> r.status.equals("SUCCEEDED"))
                        .forEach(r -> set.instances.remove(StackSetRecord.key(r.account, r.region)));
            }
        });
        ended.accept(set);
    }

    /** Runs the regions' jobs to the end; whether a Region's failure tolerance was exceeded. */
    private boolean drive(StackSetOperationRecord op, List<RegionRun> regions) {
        boolean exceeded = false;
        while (true) {
            boolean stop = stopping(op);
            boolean active = false;
            for (RegionRun region : regions) {
                exceeded |= region.exceeded();
                if (!stop && !exceeded) {
                    region.startMore();
                }
                active |= region.active();
            }
            if (!active && (stop || exceeded || regions.stream().noneMatch(RegionRun::pending))) {
                return exceeded;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
            regions.forEach(RegionRun::poll);
        }
    }

    private boolean stopping(StackSetOperationRecord op) {
        state.lock.lock();
        try {
            return op.status.equals("STOPPING");
        } finally {
            state.lock.unlock();
        }
    }

    private void locked(Runnable body) {
        state.lock.lock();
        try {
            body.run();
            // Every stack set of the Region is compared with its last record: the operation's changes are in one.
            state.regions().forEach(state.records::changed);
        } finally {
            try {
                state.records.flush();
            } finally {
                state.lock.unlock();
            }
        }
    }

    /** One Region's jobs with its concurrency and failure tolerance. */
    private final class RegionRun {
        private final List<InstanceJob> pending;
        private final List<InstanceJob> running = new ArrayList<>();
        private final int tolerance;
        private final int maxConcurrent;
        private final boolean strict;
        private int failures;

        RegionRun(List<InstanceJob> jobs, StackSetOperationPreferences prefs) {
            this.pending = new ArrayList<>(jobs);
            int n = jobs.size();
            int tol = 0;
            int max = 1;
            boolean soft = false;
            if (prefs != null) {
                if (prefs.failureToleranceCount() != null) {
                    tol = prefs.failureToleranceCount();
                } else if (prefs.failureTolerancePercentage() != null) {
                    tol = prefs.failureTolerancePercentage() * n / 100;
                }
                if (prefs.maxConcurrentCount() != null) {
                    max = prefs.maxConcurrentCount();
                } else if (prefs.maxConcurrentPercentage() != null) {
                    max = Math.max(1, prefs.maxConcurrentPercentage() * n / 100);
                }
                soft = "SOFT_FAILURE_TOLERANCE".equals(prefs.concurrencyModeAsString());
            }
            this.tolerance = tol;
            this.maxConcurrent = Math.max(1, max);
            this.strict = !soft;
        }

        boolean exceeded() {
            return failures > tolerance;
        }

        boolean active() {
            return !running.isEmpty();
        }

        boolean pending() {
            return !pending.isEmpty();
        }

        void startMore() {
            int limit = strict ? Math.min(maxConcurrent, tolerance + 1 - failures) : maxConcurrent;
            while (running.size() < limit && !pending.isEmpty()) {
                InstanceJob job = pending.remove(0);
                job.begin();
                if (job.done()) {
                    count(job);
                } else {
                    running.add(job);
                }
            }
        }

        void poll() {
            for (InstanceJob job : new ArrayList<>(running)) {
                job.poll();
                if (job.done()) {
                    running.remove(job);
                    count(job);
                }
            }
        }

        private void count(InstanceJob job) {
            if (job.failed()) {
                failures++;
            }
        }

        /** The accounts never started: CANCELLED, as after a stop or an exceeded tolerance. */
        void cancel(boolean toleranceExceeded) {
            locked(() -> {
                pending.forEach(job -> job.cancel(toleranceExceeded ? "Cancelled since failure tolerance has exceeded"
                        : "Cancelled since the operation was stopped"));
                pending.clear();
            });
        }
    }
}
