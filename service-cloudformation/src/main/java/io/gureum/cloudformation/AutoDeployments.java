package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.stackset.OperationRunner;
import io.gureum.cloudformation.stackset.Orgs;
import io.gureum.cloudformation.stackset.StackInstanceRecord;
import io.gureum.cloudformation.stackset.StackSetRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic deployment of service-managed stack sets
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html):
 * an account that joins a targeted OU gets instances in the OU's Regions, one that leaves every targeted OU
 * loses them (its stacks kept with RetainStacksOnAccountRemoval). Organizations' membership events (on core's
 * bus) and the end of each operation start a pass on a stack set thread; a stack set busy with an operation is
 * taken up again when that operation ends. The organization is read without the state's lock.
 */
final class AutoDeployments {
    private static final Logger LOG = LoggerFactory.getLogger(AutoDeployments.class);
    private final CloudFormationState state;
    private final Orgs orgs;
    private final StackSetSupport support;
    private final ExecutorService threads;

    AutoDeployments(CloudFormationState state, Orgs orgs, StackSetSupport support, ExecutorService threads) {
        this.state = state;
        this.orgs = orgs;
        this.support = support;
        this.threads = threads;
    }

    /** Looks at every auto-deploying stack set, soon, on a stack set thread. */
    void trigger() {
        try {
            threads.execute(this::pass);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing.
        }
    }

    /** After an operation of {@code set} ended. */
    void ended(StackSetRecord set) {
        boolean auto;
        state.lock.lock();
        try {
            auto = set.autoDeploymentDeferred && !set.deleted();
            set.autoDeploymentDeferred = false;
        } finally {
            state.lock.unlock();
        }
        if (auto) {
            trigger();
        }
    }

    private synchronized void pass() {
        List<StackSetRecord> sets = new ArrayList<>();
        state.lock.lock();
        try {
            for (CloudFormationState.Region region : state.regions()) {
                region.stackSets.values().stream().filter(s -> s.serviceManaged() && s.autoDeployment
                        && !s.deleted()).forEach(sets::add);
            }
        } finally {
            state.lock.unlock();
        }
        for (StackSetRecord set : sets) {
            try {
                deploy(set);
            } catch (RuntimeException e) {
                LOG.warn("Auto-deployment of stack set {} failed", set.arn, e);
            }
        }
    }

    private void deploy(StackSetRecord set) {
        Map<String, Set<String>> ous = new LinkedHashMap<>();
        state.lock.lock();
        try {
            set.organizationalUnits.forEach((ou, regions) -> ous.put(ou, Set.copyOf(regions)));
        } finally {
            state.lock.unlock();
        }
        String management = orgs.managementAccount(set.accountId, set.region);
        if (management == null) {
            return;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String ou : ous.keySet()) {
            try {
                orgs.accountsUnder(set.accountId, set.region, ou, management).forEach(a -> wanted.putIfAbsent(a,
                        ou));
            } catch (RuntimeException e) {
                // An OU deleted since: its accounts have left it.
            }
        }
        state.lock.lock();
        try {
            if (set.deleted() || !set.autoDeployment) {
                return;
            }
            if (set.busy() != null) {
                set.autoDeploymentDeferred = true;
                return;
            }
            List<OperationRunner.Target> created = new ArrayList<>();
            wanted.keySet().removeAll(set.excludedAccounts);
            wanted.forEach((account, ou) -> {
                for (String region : ous.get(ou)) {
                    StackInstanceRecord i = set.instances.get(StackSetRecord.key(account, region));
                    if (i == null) {
                        i = new StackInstanceRecord(account, region);
                        set.instances.put(StackSetRecord.key(account, region), i);
                        created.add(new OperationRunner.Target(account, region));
                    }
                    i.organizationalUnitId = ou;
                }
            });
            if (!created.isEmpty()) {
                support.start(set, null, "CREATE", null, null, created);
                return;
            }
            List<OperationRunner.Target> removed = new ArrayList<>();
            for (StackInstanceRecord i : set.instances.values()) {
                if (i.organizationalUnitId != null && !wanted.containsKey(i.account)
                        && !set.excludedAccounts.contains(i.account)
                        && !i.status.equals("INOPERABLE")) {
                    removed.add(new OperationRunner.Target(i.account, i.region));
                }
            }
            if (!removed.isEmpty()) {
                support.start(set, null, "DELETE", null, set.retainStacksOnAccountRemoval, removed);
            }
        } finally {
            try {
                state.records.changed(state.region(set.accountId, set.region));
                state.records.flush();
            } finally {
                state.lock.unlock();
            }
        }
    }
}
