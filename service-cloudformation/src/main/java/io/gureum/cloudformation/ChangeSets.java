package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.ChangeSetRecord;
import io.gureum.cloudformation.engine.Changes;
import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.Preparation;
import io.gureum.cloudformation.engine.Prepared;
import io.gureum.cloudformation.engine.StackOperations;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.parameter.ResolvedParameter;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetSummary;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DeleteChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DeleteChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ExecuteChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.ExecuteChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.InvalidChangeSetStatusException;
import software.amazon.awssdk.services.cloudformation.model.ListChangeSetsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListChangeSetsResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Change sets ("Update stacks using change sets"): CreateChangeSet computes the changes at once (status
 * CREATE_COMPLETE, or FAILED with AWS's "didn't contain changes" reason), {@code ChangeSetType CREATE}
 * makes a {@code REVIEW_IN_PROGRESS} stack as {@code aws cloudformation deploy} expects; ExecuteChangeSet
 * runs the stack operation and removes the stack's other change sets.
 */
public final class ChangeSets {
    static final String NO_CHANGES = "The submitted information didn't contain changes. Submit different"
            + " information to create a change set.";

    private final Engine engine;
    private final StackLookup lookup;
    private final Planner planner;
    private final Preparation preparation;
    private final StackOperations operations;
    private final Stacks stacks;

    ChangeSets(Engine engine, StackLookup lookup, Planner planner, StackOperations operations, Stacks stacks) {
        this.engine = engine;
        this.lookup = lookup;
        this.planner = planner;
        this.preparation = new Preparation(engine);
        this.operations = operations;
        this.stacks = stacks;
    }

    public CreateChangeSetResponse createChangeSet(CreateChangeSetRequest r) {
        CloudFormationState.Region region = lookup.region();
        String type = r.changeSetTypeAsString() == null ? "UPDATE" : r.changeSetTypeAsString();
        StackRecord stack = lookup.find(r.stackName());
        if (stack != null && stack.deleted()) {
            stack = null;
        }
        if (type.equals("IMPORT") && (!r.hasResourcesToImport() || r.resourcesToImport().isEmpty())) {
            throw TemplateError.validation("ResourcesToImport must be specified for change sets of type IMPORT");
        }
        // An import may create its stack (in REVIEW_IN_PROGRESS) like a CREATE change set.
        boolean creates = type.equals("CREATE") || (type.equals("IMPORT")
                && (stack == null || "REVIEW_IN_PROGRESS".equals(stack.status)));
        if (creates) {
            Stacks.checkName(r.stackName());
            if (stack != null && !"REVIEW_IN_PROGRESS".equals(stack.status)) {
                throw ModeledErrors.of(AlreadyExistsException.class, "Stack [" + r.stackName()
                        + "] already exists and cannot be created again with the changeSet [" + r.changeSetName()
                        + "].");
            }
        } else {
            if (stack == null) {
                throw TemplateError.validation("Stack [" + r.stackName() + "] does not exist");
            }
            if ("REVIEW_IN_PROGRESS".equals(stack.status)) {
                throw TemplateError.validation("Stack [" + r.stackName() + "] does not exist");
            }
            Stacks.checkUpdatable(stack);
        }
        if (stack != null) {
            for (ChangeSetRecord cs : region.changeSets.values()) {
                if (cs.stackId.equals(stack.stackId) && cs.changeSetName.equals(r.changeSetName())) {
                    throw ModeledErrors.of(AlreadyExistsException.class, "ChangeSet " + r.changeSetName()
                            + " already exists");
                }
            }
        }
        TemplateMacros.Inputs given = new TemplateMacros.Inputs(Stacks.inputs(r.parameters()), stack == null
                ? Map.of() : stack.rawParameters());
        String body = Boolean.TRUE.equals(r.usePreviousTemplate()) && stack != null ? stack.templateBody
                : planner.body(r.templateBody(), r.templateURL());
        Planner.Plan plan;
        try {
            plan = planner.planBody(body, given);
        } catch (io.gureum.core.error.AwsException e) {
            // A transform or macro that fails makes a FAILED change set with its reason (what `aws cloudformation
            // deploy` and SAM report as "Status: FAILED. Reason: Transform … failed with: …"), not an error.
            String message = e.getMessage();
            if (message == null || !message.startsWith("Transform ") || !message.contains(" failed with")
                    && !message.contains(" failed without")) {
                throw e;
            }
            return failed(r, region, stack, creates, type, body, message);
        }
        Capabilities.check(plan.processed().resources(), r.capabilitiesAsStrings(), !plan.declared().isEmpty(), false);
        StackRecord target = stack != null ? stack : stacks.newStack(r.stackName());
        Prepared prepared = preparation.prepare(plan.body(), plan.processed(), Stacks.inputs(r.parameters()),
                stack == null ? null : stack.rawParameters(), target, region, Planner.caller(engine));
        if (stack != null && !creates) {
            Stacks.checkTypeChanges(stack, prepared);
        }
        java.util.Map<String, String> imports = type.equals("IMPORT")
                ? Imports.check(engine, region, creates ? null : stack, prepared, r.resourcesToImport())
                : java.util.Map.of();
        List<ChangeSetRecord.ResourceChangeRow> changes = type.equals("IMPORT") ? Imports.changes(prepared, imports)
                : Changes.of(engine, target, prepared);
        ChangeSetRecord cs = record(r, region, target, stack == null, type, plan.body());
        stack = target;
        cs.template = prepared.template();
        cs.parameters = prepared.parameters();
        cs.prepared = prepared;
        cs.changes = changes;
        cs.imports = imports;
        boolean sameOtherwise = !creates && stack.rawParameters().equals(Stacks.rawOf(prepared))
                && cs.tags.equals(stack.tags) && stack.template != null
                && stack.template.root().equals(prepared.template().root());
        if (cs.changes.isEmpty() && (creates ? false : sameOtherwise)) {
            cs.status = "FAILED";
            cs.statusReason = NO_CHANGES;
            cs.executionStatus = "UNAVAILABLE";
        } else {
            cs.status = "CREATE_COMPLETE";
            cs.executionStatus = "AVAILABLE";
        }
        return CreateChangeSetResponse.builder().id(cs.changeSetId).stackId(stack.stackId).build();
    }

    /**
     * The change set's record, kept in the region, with what the request gives (its status still to be set):
     * the one place a change set is made, for those whose changes were worked out and those that failed before.
     * A stack that did not exist yet ({@code fresh}) is registered first, in {@code REVIEW_IN_PROGRESS}.
     */
    private ChangeSetRecord record(CreateChangeSetRequest r, CloudFormationState.Region region, StackRecord stack,
            boolean fresh, String type, String body) {
        if (fresh) {
            stack.principal = Planner.principal(engine);
            Stacks.register(region, stack);
            markReviewInProgress(stack);
        }
        String id = newChangeSetArn(r.changeSetName());
        ChangeSetRecord cs = new ChangeSetRecord(id, r.changeSetName(), stack.stackId, stack.stackName,
                engine.context().clock().now(), type);
        cs.description = r.description();
        cs.templateBody = body;
        cs.parameters = new java.util.LinkedHashMap<>();
        cs.tags = r.hasTags() ? Stacks.tags(r.tags()) : new ArrayList<>(stack.tags);
        cs.capabilities = new ArrayList<>(r.capabilitiesAsStrings());
        cs.notificationArns = new ArrayList<>(r.notificationARNs());
        cs.roleArn = r.roleARN();
        cs.principal = Planner.principal(engine);
        region.changeSets.put(id, cs);
        return cs;
    }

    /** A new change set's ARN, in the caller's partition, account and region. */
    private String newChangeSetArn(String name) {
        RequestContext rc = RequestContext.current();
        String partition = engine.context().topology().partitionOf(rc.region()).id();
        return "arn:" + partition + ":cloudformation:" + rc.region() + ":" + rc.accountId() + ":changeSet/" + name
                + "/" + engine.context().ids().requestId();
    }

    /** A change set that failed before its changes could be worked out (its template's transforms failed). */
    private CreateChangeSetResponse failed(CreateChangeSetRequest r, CloudFormationState.Region region,
            StackRecord existing, boolean creates, String type, String body, String reason) {
        StackRecord stack = existing != null ? existing : stacks.newStack(r.stackName());
        ChangeSetRecord cs = record(r, region, stack, existing == null, type, body);
        cs.status = "FAILED";
        cs.statusReason = reason;
        cs.executionStatus = "UNAVAILABLE";
        return CreateChangeSetResponse.builder().id(cs.changeSetId).stackId(stack.stackId).build();
    }

    private void markReviewInProgress(StackRecord stack) {
        stack.status = "REVIEW_IN_PROGRESS";
        stack.statusReason = "User Initiated";
        stack.events.add(new io.gureum.cloudformation.engine.StackEvent(engine.context().ids().requestId(),
                stack.stackId, stack.stackName, stack.stackName, stack.stackId, "AWS::CloudFormation::Stack",
                engine.context().clock().now(), "REVIEW_IN_PROGRESS", "User Initiated", null, null));
    }

    static ChangeSetRecord find(StackLookup lookup, String changeSetName, String stackName) {
        CloudFormationState.Region region = lookup.region();
        if (changeSetName.startsWith("arn:")) {
            ChangeSetRecord cs = region.changeSets.get(changeSetName);
            if (cs == null) {
                throw ModeledErrors.of(ChangeSetNotFoundException.class, "ChangeSet [" + changeSetName
                        + "] does not exist");
            }
            return cs;
        }
        if (stackName == null) {
            throw TemplateError.validation("StackName must be specified if ChangeSetName is not specified as an ARN.");
        }
        StackRecord stack = lookup.find(stackName);
        if (stack != null) {
            for (ChangeSetRecord cs : region.changeSets.values()) {
                if (cs.stackId.equals(stack.stackId) && cs.changeSetName.equals(changeSetName)) {
                    return cs;
                }
            }
        }
        throw ModeledErrors.of(ChangeSetNotFoundException.class, "ChangeSet [" + changeSetName + "] does not exist");
    }

    public DescribeChangeSetResponse describeChangeSet(DescribeChangeSetRequest r) {
        ChangeSetRecord cs = find(lookup, r.changeSetName(), r.stackName());
        List<Change> changes = new ArrayList<>();
        for (ChangeSetRecord.ResourceChangeRow row : cs.changes) {
            List<ResourceChangeDetail> details = new ArrayList<>();
            for (String p : row.changedProperties()) {
                String recreation = row.replacingProperties().contains(p)
                        ? ("Conditional".equals(row.replacement()) ? "Conditionally" : "Always") : "Never";
                details.add(ResourceChangeDetail.builder().evaluation("Static").changeSource("DirectModification")
                        .target(t -> t.attribute("Properties").name(p).requiresRecreation(recreation)).build());
            }
            changes.add(Change.builder().type("Resource").resourceChange(rc -> rc.action(row.action())
                    .logicalResourceId(row.logicalId()).physicalResourceId(row.physicalId())
                    .resourceType(row.type()).replacement(row.replacement())
                    .scopeWithStrings(row.changedProperties().isEmpty() ? List.of() : List.of("Properties"))
                    .details(details)).build());
        }
        List<Parameter> parameters = new ArrayList<>();
        for (ResolvedParameter p : cs.parameters.values()) {
            parameters.add(Parameter.builder().parameterKey(p.key()).parameterValue(p.shown())
                    .resolvedValue(p.noEcho() ? null : p.resolvedValue()).build());
        }
        List<Tag> tags = new ArrayList<>();
        cs.tags.forEach(t -> tags.add(Tag.builder().key(t.key()).value(t.value()).build()));
        return DescribeChangeSetResponse.builder().changeSetName(cs.changeSetName).changeSetId(cs.changeSetId)
                .stackId(cs.stackId).stackName(cs.stackName).description(cs.description)
                .parameters(parameters.isEmpty() ? null : parameters).creationTime(cs.creationTime)
                .executionStatus(cs.executionStatus).status(cs.status).statusReason(cs.statusReason)
                .notificationARNs(cs.notificationArns).capabilitiesWithStrings(cs.capabilities)
                .tags(tags.isEmpty() ? null : tags).changes(changes).includeNestedStacks(false).build();
    }

    public ExecuteChangeSetResponse executeChangeSet(ExecuteChangeSetRequest r) {
        ChangeSetRecord cs = find(lookup, r.changeSetName(), r.stackName());
        if (!"CREATE_COMPLETE".equals(cs.status) || !"AVAILABLE".equals(cs.executionStatus)) {
            throw ModeledErrors.of(InvalidChangeSetStatusException.class, "ChangeSet [" + cs.changeSetId
                    + "] cannot be executed in its current status of [" + cs.status + "]");
        }
        CloudFormationState.Region region = lookup.region();
        StackRecord stack = region.stacks.get(cs.stackId);
        if (!cs.changeSetType.equals("CREATE") && !"REVIEW_IN_PROGRESS".equals(stack.status)) {
            Stacks.checkUpdatable(stack);
        }
        cs.executionStatus = "EXECUTE_IN_PROGRESS";
        region.changeSets.values().removeIf(other -> other.stackId.equals(cs.stackId) && other != cs);
        stack.tags = cs.tags;
        stack.capabilities = cs.capabilities;
        if (!cs.notificationArns.isEmpty()) {
            stack.notificationArns = cs.notificationArns;
        }
        if (cs.roleArn != null) {
            stack.roleArn = cs.roleArn;
        }
        stack.principal = cs.principal;
        stack.changeSetId = cs.changeSetId;
        stack.clientRequestToken = r.clientRequestToken();
        stack.disableRollback = Boolean.TRUE.equals(r.disableRollback());
        java.util.function.Consumer<StackRecord> done = s -> {
            cs.executionStatus = s.status.endsWith("_COMPLETE") && !s.status.contains("ROLLBACK")
                    ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED";
            stacks.finished(s);
        };
        if (cs.changeSetType.equals("IMPORT")) {
            new io.gureum.cloudformation.engine.ResourceImport(engine).start(stack, cs.prepared, cs.imports, done);
        } else if (cs.changeSetType.equals("CREATE")) {
            operations.create(stack, cs.prepared, null, done);
        } else {
            stack.lastUpdatedTime = engine.context().clock().now();
            operations.update(stack, cs.prepared, done);
        }
        return ExecuteChangeSetResponse.builder().build();
    }

    public DeleteChangeSetResponse deleteChangeSet(DeleteChangeSetRequest r) {
        ChangeSetRecord cs = find(lookup, r.changeSetName(), r.stackName());
        if ("EXECUTE_IN_PROGRESS".equals(cs.executionStatus)) {
            throw ModeledErrors.of(InvalidChangeSetStatusException.class, "ChangeSet [" + cs.changeSetId
                    + "] cannot be deleted in its current status of [" + cs.executionStatus + "]");
        }
        lookup.region().changeSets.remove(cs.changeSetId);
        return DeleteChangeSetResponse.builder().build();
    }

    public ListChangeSetsResponse listChangeSets(ListChangeSetsRequest r) {
        StackRecord stack = lookup.require(r.stackName());
        List<ChangeSetSummary> out = new ArrayList<>();
        for (ChangeSetRecord cs : lookup.region().changeSets.values()) {
            if (cs.stackId.equals(stack.stackId)) {
                out.add(ChangeSetSummary.builder().stackId(cs.stackId).stackName(cs.stackName)
                        .changeSetId(cs.changeSetId).changeSetName(cs.changeSetName)
                        .executionStatus(cs.executionStatus).status(cs.status).statusReason(cs.statusReason)
                        .creationTime(cs.creationTime).description(cs.description).includeNestedStacks(false)
                        .build());
            }
        }
        Page<ChangeSetSummary> page = Page.of(out, r.nextToken(), 100);
        return ListChangeSetsResponse.builder().summaries(page.items()).nextToken(page.nextToken()).build();
    }
}
