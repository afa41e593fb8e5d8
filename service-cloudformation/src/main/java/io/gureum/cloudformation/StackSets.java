package io.gureum.cloudformation;

import io.gureum.cloudformation.stackset.OperationRunner;
import io.gureum.cloudformation.stackset.StackSetRecord;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.AutoDeployment;
import software.amazon.awssdk.services.cloudformation.model.CreateStackSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackSetAutoDeploymentTargetsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackSetAutoDeploymentTargetsResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackSetsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackSetsResponse;
import software.amazon.awssdk.services.cloudformation.model.NameAlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackSet;
import software.amazon.awssdk.services.cloudformation.model.StackSetAutoDeploymentTargetSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotEmptyException;
import software.amazon.awssdk.services.cloudformation.model.StackSetSummary;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackSetRequest;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackSetResponse;

/**
 * CreateStackSet, UpdateStackSet, DeleteStackSet, DescribeStackSet, ListStackSets and
 * ListStackSetAutoDeploymentTargets. Self-managed permissions: the administration role of this account and the
 * execution role of each target account (defaults {@code AWSCloudFormationStackSetAdministrationRole} and
 * {@code AWSCloudFormationStackSetExecutionRole}); service-managed: the organization's accounts under OUs, by its
 * management account or a delegated administrator, with trusted access activated.
 */
public final class StackSets {
    private final StackSetSupport support;
    private final Planner planner;

    StackSets(StackSetSupport support, Planner planner) {
        this.support = support;
        this.planner = planner;
    }

    public CreateStackSetResponse createStackSet(CreateStackSetRequest r) {
        boolean serviceManaged = "SERVICE_MANAGED".equals(r.permissionModelAsString());
        if (serviceManaged) {
            support.requireOrganizationAdmin(r.callAsAsString());
        }
        if (support.find(r.stackSetName()) != null && !support.find(r.stackSetName()).deleted()) {
            throw ModeledErrors.of(NameAlreadyExistsException.class, "StackSet " + r.stackSetName()
                    + " already exists");
        }
        Planner.Plan plan = planner.plan(r.templateBody(), r.templateURL());
        Capabilities.check(plan.processed().resources(), r.capabilitiesAsStrings(), plan.expands(), true);
        RequestContext rc = RequestContext.current();
        String partition = support.engine.context().topology().partitionOf(rc.region()).id();
        String id = r.stackSetName() + ":" + support.engine.context().ids().requestId();
        StackSetRecord set = new StackSetRecord(id, r.stackSetName(), "arn:" + partition + ":cloudformation:"
                + rc.region() + ":" + rc.accountId() + ":stackset/" + id, rc.accountId(), rc.region());
        set.description = r.description();
        set.templateBody = plan.body();
        set.parameters = new ArrayList<>(r.parameters());
        set.capabilities = new ArrayList<>(r.capabilitiesAsStrings());
        set.tags = new ArrayList<>(r.tags());
        if (serviceManaged) {
            // Service-managed stack sets use StackSets' service-linked roles, not named ones.
            set.permissionModel = "SERVICE_MANAGED";
            set.autoDeployment = r.autoDeployment() != null && Boolean.TRUE.equals(r.autoDeployment().enabled());
            set.retainStacksOnAccountRemoval = r.autoDeployment() != null
                    && Boolean.TRUE.equals(r.autoDeployment().retainStacksOnAccountRemoval());
        } else {
            set.administrationRoleArn = r.administrationRoleARN() != null ? r.administrationRoleARN()
                    : "arn:" + partition + ":iam::" + rc.accountId()
                            + ":role/AWSCloudFormationStackSetAdministrationRole";
            set.executionRoleName = r.executionRoleName() != null ? r.executionRoleName()
                    : "AWSCloudFormationStackSetExecutionRole";
        }
        set.managedExecution = r.managedExecution() != null && Boolean.TRUE.equals(r.managedExecution().active());
        support.lookup.region().stackSets.put(id, set);
        return CreateStackSetResponse.builder().stackSetId(id).build();
    }

    public DescribeStackSetResponse describeStackSet(DescribeStackSetRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        List<String> regions = set.instances.values().stream().map(i -> i.region).distinct().toList();
        StackSet view = StackSet.builder().stackSetName(set.name).stackSetId(set.stackSetId)
                .description(set.description).status(set.status).templateBody(set.templateBody)
                .parameters(set.parameters).capabilitiesWithStrings(set.capabilities).tags(set.tags)
                .stackSetARN(set.arn).administrationRoleARN(set.administrationRoleArn)
                .executionRoleName(set.executionRoleName).permissionModel(set.permissionModel)
                .stackSetDriftDetectionDetails(StackSetSupport.drift(set))
                .managedExecution(m -> m.active(set.managedExecution)).regions(regions)
                .autoDeployment(autoDeployment(set))
                .organizationalUnitIds(set.serviceManaged() ? List.copyOf(set.organizationalUnits.keySet()) : null)
                .build();
        return DescribeStackSetResponse.builder().stackSet(view).build();
    }

    private static AutoDeployment autoDeployment(StackSetRecord set) {
        return set.serviceManaged() ? AutoDeployment.builder().enabled(set.autoDeployment)
                .retainStacksOnAccountRemoval(set.autoDeployment ? set.retainStacksOnAccountRemoval : null).build()
                : null;
    }

    /** The OUs a service-managed stack set targets, with the Regions their accounts get instances in. */
    public ListStackSetAutoDeploymentTargetsResponse listStackSetAutoDeploymentTargets(
            ListStackSetAutoDeploymentTargetsRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        List<StackSetAutoDeploymentTargetSummary> out = new ArrayList<>();
        set.organizationalUnits.forEach((ou, regions) -> out.add(StackSetAutoDeploymentTargetSummary.builder()
                .organizationalUnitId(ou).regions(regions).build()));
        Page<StackSetAutoDeploymentTargetSummary> page = Page.of(out, r.nextToken(), r.maxResults() == null ? 100
                : r.maxResults());
        return ListStackSetAutoDeploymentTargetsResponse.builder().summaries(page.items())
                .nextToken(page.nextToken()).build();
    }

    public ListStackSetsResponse listStackSets(ListStackSetsRequest r) {
        List<StackSetSummary> out = new ArrayList<>();
        for (StackSetRecord set : support.lookup.region().stackSets.values()) {
            if (r.status() == null || r.statusAsString().equals(set.status)) {
                out.add(StackSetSummary.builder().stackSetName(set.name).stackSetId(set.stackSetId)
                        .description(set.description).status(set.status).permissionModel(set.permissionModel)
                        .driftStatus(StackSetSupport.drift(set).driftStatusAsString())
                        .lastDriftCheckTimestamp(set.lastDriftCheck).managedExecution(m -> m.active(set.managedExecution))
                        .autoDeployment(autoDeployment(set)).build());
            }
        }
        Page<StackSetSummary> page = Page.of(out, r.nextToken(), r.maxResults() == null ? 100 : r.maxResults());
        return ListStackSetsResponse.builder().summaries(page.items()).nextToken(page.nextToken()).build();
    }

    /**
     * A new template, parameters, tags or roles, then an UPDATE operation over every instance (or the
     * {@code Accounts} × {@code Regions} named, which must all be instances).
     */
    public UpdateStackSetResponse updateStackSet(UpdateStackSetRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        if (StackSetSupport.retried(set, r.operationId())) {
            return UpdateStackSetResponse.builder().operationId(r.operationId()).build();
        }
        set = support.requireIdle(r.stackSetName());
        if (set.serviceManaged()) {
            support.requireOrganizationAdmin(r.callAsAsString());
        }
        StackSetSupport.checkPreferences(r.operationPreferences());
        boolean previous = Boolean.TRUE.equals(r.usePreviousTemplate());
        if (previous && (r.templateBody() != null || r.templateURL() != null)) {
            throw TemplateError.validation("You cannot specify both usePreviousTemplate and Template Body/Template"
                    + " Url");
        }
        Planner.Plan plan = previous || (r.templateBody() == null && r.templateURL() == null)
                ? planner.planBody(set.templateBody) : planner.plan(r.templateBody(), r.templateURL());
        Capabilities.check(plan.processed().resources(), r.capabilitiesAsStrings(), plan.expands(), true);
        List<OperationRunner.Target> targets = new ArrayList<>();
        if (set.serviceManaged() && r.deploymentTargets() != null) {
            for (var i : support.selected(set, r.deploymentTargets(), support.regions(r.regions()))) {
                targets.add(new OperationRunner.Target(i.account, i.region));
            }
        } else if (r.hasAccounts() || r.hasRegions() || r.deploymentTargets() != null) {
            List<String> accounts = r.deploymentTargets() != null ? r.deploymentTargets().accounts() : r.accounts();
            for (String region : support.regions(r.regions())) {
                for (String account : accounts) {
                    support.instance(set, account, region);
                    targets.add(new OperationRunner.Target(account, region));
                }
            }
        } else {
            set.instances.values().forEach(i -> targets.add(new OperationRunner.Target(i.account, i.region)));
        }
        set.templateBody = plan.body();
        set.parameters = parameters(set.parameters, r.parameters());
        set.capabilities = new ArrayList<>(r.capabilitiesAsStrings());
        if (r.hasTags()) {
            set.tags = new ArrayList<>(r.tags());
        }
        if (r.description() != null) {
            set.description = r.description();
        }
        if (r.administrationRoleARN() != null) {
            set.administrationRoleArn = r.administrationRoleARN();
        }
        if (r.executionRoleName() != null && !set.serviceManaged()) {
            set.executionRoleName = r.executionRoleName();
        }
        if (r.autoDeployment() != null && set.serviceManaged()) {
            if (r.autoDeployment().enabled() != null) {
                set.autoDeployment = r.autoDeployment().enabled();
            }
            if (r.autoDeployment().retainStacksOnAccountRemoval() != null) {
                set.retainStacksOnAccountRemoval = r.autoDeployment().retainStacksOnAccountRemoval();
            }
        }
        for (OperationRunner.Target t : targets) {
            set.instances.get(StackSetRecord.key(t.account(), t.region())).status = "OUTDATED";
        }
        String id = support.start(set, r.operationId(), "UPDATE", r.operationPreferences(), null, targets);
        return UpdateStackSetResponse.builder().operationId(id).build();
    }

    /** The new parameters, with UsePreviousValue taking the stack set's current value. */
    static List<Parameter> parameters(List<Parameter> current, List<Parameter> given) {
        Map<String, Parameter> old = new LinkedHashMap<>();
        current.forEach(p -> old.put(p.parameterKey(), p));
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : given) {
            if (Boolean.TRUE.equals(p.usePreviousValue())) {
                Parameter was = old.get(p.parameterKey());
                if (was == null) {
                    throw TemplateError.validation("Invalid input for parameter key " + p.parameterKey()
                            + ". Cannot specify usePreviousValue as true for a parameter key not in the previous"
                            + " template");
                }
                out.add(was);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    public DeleteStackSetResponse deleteStackSet(DeleteStackSetRequest r) {
        StackSetRecord set = support.find(r.stackSetName());
        if (set == null || set.deleted()) {
            // Deleting a stack set that does not exist succeeds, like DeleteStack.
            return DeleteStackSetResponse.builder().build();
        }
        set = support.requireIdle(r.stackSetName());
        if (!set.instances.isEmpty()) {
            throw ModeledErrors.of(StackSetNotEmptyException.class, "StackSet is not empty");
        }
        set.status = "DELETED";
        return DeleteStackSetResponse.builder().build();
    }
}
