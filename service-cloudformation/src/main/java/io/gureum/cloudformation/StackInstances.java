package io.gureum.cloudformation;

import io.gureum.cloudformation.stackset.OperationRunner;
import io.gureum.cloudformation.stackset.StackInstanceRecord;
import io.gureum.cloudformation.stackset.StackSetRecord;
import io.gureum.cloudformation.template.TemplateError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.CreateStackInstancesRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackInstancesResponse;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackInstancesRequest;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackInstancesResponse;
import software.amazon.awssdk.services.cloudformation.model.DeploymentTargets;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackInstanceRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackInstanceResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackInstancesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackInstancesResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceFilter;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackInstancesRequest;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackInstancesResponse;

/**
 * CreateStackInstances, UpdateStackInstances, DeleteStackInstances, DescribeStackInstance and
 * ListStackInstances. The three changes start an operation ({@link OperationRunner}) and return its id.
 */
public final class StackInstances {
    private final StackSetSupport support;

    StackInstances(StackSetSupport support) {
        this.support = support;
    }

    public CreateStackInstancesResponse createStackInstances(CreateStackInstancesRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        if (StackSetSupport.retried(set, r.operationId())) {
            return CreateStackInstancesResponse.builder().operationId(r.operationId()).build();
        }
        set = support.requireIdle(r.stackSetName());
        StackSetSupport.checkPreferences(r.operationPreferences());
        Map<String, String> accounts = new LinkedHashMap<>();
        List<String> regions = support.regions(r.regions());
        if (set.serviceManaged()) {
            String management = support.requireOrganizationAdmin(r.callAsAsString());
            refuseAccounts(r.accounts());
            accounts.putAll(support.organizationTargets(management, r.deploymentTargets(), set.excludedAccounts));
            for (String ou : r.deploymentTargets().organizationalUnitIds()) {
                set.organizationalUnits.computeIfAbsent(ou, k -> new java.util.LinkedHashSet<>()).addAll(regions);
            }
        } else {
            accounts(r.accounts(), r.deploymentTargets()).forEach(a -> accounts.put(a, null));
        }
        List<OperationRunner.Target> targets = new ArrayList<>();
        for (String region : regions) {
            for (Map.Entry<String, String> e : accounts.entrySet()) {
                String account = e.getKey();
                StackInstanceRecord instance = set.instances.computeIfAbsent(StackSetRecord.key(account, region),
                        k -> new StackInstanceRecord(account, region));
                instance.status = "OUTDATED";
                instance.organizationalUnitId = e.getValue();
                instance.parameterOverrides = new ArrayList<>(r.parameterOverrides());
                targets.add(new OperationRunner.Target(account, region));
            }
        }
        String id = support.start(set, r.operationId(), "CREATE", r.operationPreferences(), null, targets);
        return CreateStackInstancesResponse.builder().operationId(id).build();
    }

    /** Service-managed stack sets target OUs: the top-level Accounts is refused. */
    private static void refuseAccounts(List<String> accounts) {
        if (accounts != null && !accounts.isEmpty()) {
            throw TemplateError.validation("StackSets with SERVICE_MANAGED permission model can only have"
                    + " OrganizationalUnit as target");
        }
    }

    /** The target accounts of a self-managed stack set: {@code Accounts} or {@code DeploymentTargets.Accounts}. */
    static List<String> accounts(List<String> accounts, DeploymentTargets targets) {
        boolean listed = accounts != null && !accounts.isEmpty();
        if (listed && targets != null) {
            throw TemplateError.validation("Accounts and DeploymentTargets cannot both be specified");
        }
        if (targets != null && targets.hasOrganizationalUnitIds() && !targets.organizationalUnitIds().isEmpty()) {
            throw TemplateError.validation("OrganizationalUnitIds are supported only by stack sets with"
                    + " SERVICE_MANAGED permission model");
        }
        List<String> out = listed ? accounts : targets == null ? List.of() : targets.accounts();
        if (out.isEmpty()) {
            throw TemplateError.validation("Either Accounts or DeploymentTargets should be specified");
        }
        return out.stream().distinct().toList();
    }

    public UpdateStackInstancesResponse updateStackInstances(UpdateStackInstancesRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        if (StackSetSupport.retried(set, r.operationId())) {
            return UpdateStackInstancesResponse.builder().operationId(r.operationId()).build();
        }
        set = support.requireIdle(r.stackSetName());
        StackSetSupport.checkPreferences(r.operationPreferences());
        List<OperationRunner.Target> targets = new ArrayList<>();
        List<StackInstanceRecord> instances = new ArrayList<>();
        if (set.serviceManaged()) {
            support.requireOrganizationAdmin(r.callAsAsString());
            refuseAccounts(r.accounts());
            instances.addAll(support.selected(set, r.deploymentTargets(), support.regions(r.regions())));
            instances.forEach(i -> targets.add(new OperationRunner.Target(i.account, i.region)));
        } else {
            List<String> accounts = accounts(r.accounts(), r.deploymentTargets());
            for (String region : support.regions(r.regions())) {
                for (String account : accounts) {
                    instances.add(support.instance(set, account, region));
                    targets.add(new OperationRunner.Target(account, region));
                }
            }
        }
        for (StackInstanceRecord instance : instances) {
            if (r.hasParameterOverrides()) {
                instance.parameterOverrides = overrides(instance.parameterOverrides, r.parameterOverrides());
            }
            instance.status = "OUTDATED";
        }
        String id = support.start(set, r.operationId(), "UPDATE", r.operationPreferences(), null, targets);
        return UpdateStackInstancesResponse.builder().operationId(id).build();
    }

    /** New overrides; {@code UsePreviousValue} keeps the instance's override; an empty list removes them all. */
    private static List<Parameter> overrides(List<Parameter> current, List<Parameter> given) {
        Map<String, Parameter> old = new LinkedHashMap<>();
        current.forEach(p -> old.put(p.parameterKey(), p));
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : given) {
            if (Boolean.TRUE.equals(p.usePreviousValue())) {
                if (old.containsKey(p.parameterKey())) {
                    out.add(old.get(p.parameterKey()));
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    public DeleteStackInstancesResponse deleteStackInstances(DeleteStackInstancesRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        if (StackSetSupport.retried(set, r.operationId())) {
            return DeleteStackInstancesResponse.builder().operationId(r.operationId()).build();
        }
        set = support.requireIdle(r.stackSetName());
        StackSetSupport.checkPreferences(r.operationPreferences());
        List<OperationRunner.Target> targets = new ArrayList<>();
        List<String> regions = support.regions(r.regions());
        if (set.serviceManaged()) {
            support.requireOrganizationAdmin(r.callAsAsString());
            refuseAccounts(r.accounts());
            support.selected(set, r.deploymentTargets(), regions).forEach(i -> targets.add(
                    new OperationRunner.Target(i.account, i.region)));
            // The OUs named no longer target these Regions: auto-deployment stops adding accounts there.
            if (r.deploymentTargets().hasOrganizationalUnitIds()) {
                for (String ou : r.deploymentTargets().organizationalUnitIds()) {
                    var left = set.organizationalUnits.get(ou);
                    if (left != null) {
                        left.removeAll(regions);
                        if (left.isEmpty()) {
                            set.organizationalUnits.remove(ou);
                        }
                    }
                }
            }
        } else {
            List<String> accounts = accounts(r.accounts(), r.deploymentTargets());
            for (String region : regions) {
                for (String account : accounts) {
                    if (set.instances.containsKey(StackSetRecord.key(account, region))) {
                        targets.add(new OperationRunner.Target(account, region));
                    }
                }
            }
        }
        String id = support.start(set, r.operationId(), "DELETE", r.operationPreferences(), r.retainStacks(),
                targets);
        return DeleteStackInstancesResponse.builder().operationId(id).build();
    }

    public DescribeStackInstanceResponse describeStackInstance(DescribeStackInstanceRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        StackInstanceRecord instance = support.instance(set, r.stackInstanceAccount(), r.stackInstanceRegion());
        return DescribeStackInstanceResponse.builder().stackInstance(StackSetSupport.view(set, instance)).build();
    }

    public ListStackInstancesResponse listStackInstances(ListStackInstancesRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        List<StackInstanceSummary> out = new ArrayList<>();
        for (StackInstanceRecord i : set.instances.values()) {
            if ((r.stackInstanceAccount() == null || r.stackInstanceAccount().equals(i.account))
                    && (r.stackInstanceRegion() == null || r.stackInstanceRegion().equals(i.region))
                    && r.filters().stream().allMatch(f -> matches(f, i))) {
                out.add(StackSetSupport.summary(set, i));
            }
        }
        Page<StackInstanceSummary> page = Page.of(out, r.nextToken(), r.maxResults() == null ? 100 : r.maxResults());
        return ListStackInstancesResponse.builder().summaries(page.items()).nextToken(page.nextToken()).build();
    }

    private static boolean matches(StackInstanceFilter f, StackInstanceRecord i) {
        return switch (f.nameAsString()) {
            case "DETAILED_STATUS" -> f.values().equals(i.detailedStatus);
            case "LAST_OPERATION_ID" -> f.values().equals(i.lastOperationId);
            case "DRIFT_STATUS" -> f.values().equals(i.driftStatus);
            default -> true;
        };
    }
}
