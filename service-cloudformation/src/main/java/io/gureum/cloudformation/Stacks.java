package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.Preparation;
import io.gureum.cloudformation.engine.Prepared;
import io.gureum.cloudformation.engine.StackOperations;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.parameter.ParameterInput;
import io.gureum.cloudformation.resource.ResourceTag;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.CancelUpdateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.CancelUpdateStackResponse;
import software.amazon.awssdk.services.cloudformation.model.ContinueUpdateRollbackRequest;
import software.amazon.awssdk.services.cloudformation.model.ContinueUpdateRollbackResponse;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackResponse;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackRequest;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackResponse;
import software.amazon.awssdk.services.cloudformation.model.GetStackPolicyRequest;
import software.amazon.awssdk.services.cloudformation.model.GetStackPolicyResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.RollbackStackRequest;
import software.amazon.awssdk.services.cloudformation.model.RollbackStackResponse;
import software.amazon.awssdk.services.cloudformation.model.SetStackPolicyRequest;
import software.amazon.awssdk.services.cloudformation.model.SetStackPolicyResponse;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackResponse;
import software.amazon.awssdk.services.cloudformation.model.UpdateTerminationProtectionRequest;
import software.amazon.awssdk.services.cloudformation.model.UpdateTerminationProtectionResponse;

/**
 * CreateStack, UpdateStack, DeleteStack, ContinueUpdateRollback, UpdateTerminationProtection and the stack
 * policy operations. Each checks the request and the stack's state, then returns while the engine works.
 */
public final class Stacks {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]*");
    /** The statuses from which UpdateStack may start ("Stack status codes"). */
    static final Set<String> UPDATABLE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE",
            "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE", "UPDATE_FAILED");

    private final Engine engine;
    private final StackLookup lookup;
    private final Planner planner;
    private final Preparation preparation;
    private final StackOperations operations;

    Stacks(Engine engine, StackLookup lookup, Planner planner, StackOperations operations) {
        this.engine = engine;
        this.lookup = lookup;
        this.planner = planner;
        this.preparation = new Preparation(engine);
        this.operations = operations;
    }

    public CreateStackResponse createStack(CreateStackRequest r) {
        checkName(r.stackName());
        if (r.onFailure() != null && r.disableRollback() != null) {
            throw TemplateError.validation("Either DisableRollback or OnFailure can be specified, not both.");
        }
        CloudFormationState.Region region = lookup.region();
        if (region.liveByName.containsKey(r.stackName())) {
            throw ModeledErrors.of(AlreadyExistsException.class, "Stack [" + r.stackName() + "] already exists");
        }
        Planner.Plan plan = planner.plan(r.templateBody(), r.templateURL(), new TemplateMacros.Inputs(
                inputs(r.parameters()), Map.of()));
        Capabilities.check(plan.processed().resources(), r.capabilitiesAsStrings(), plan.expands(), true);
        StackRecord stack = newStack(r.stackName());
        Prepared prepared = preparation.prepare(plan.body(), plan.processed(), inputs(r.parameters()), null, stack,
                region, Planner.caller(engine));
        stack.tags = tags(r.tags());
        stack.capabilities = new ArrayList<>(r.capabilitiesAsStrings());
        stack.notificationArns = new ArrayList<>(r.notificationARNs());
        stack.roleArn = r.roleARN();
        stack.principal = Planner.principal(engine);
        stack.disableRollback = Boolean.TRUE.equals(r.disableRollback())
                || "DO_NOTHING".equals(r.onFailureAsString());
        stack.terminationProtection = Boolean.TRUE.equals(r.enableTerminationProtection());
        stack.timeoutInMinutes = r.timeoutInMinutes();
        stack.stackPolicyBody = r.stackPolicyBody();
        stack.clientRequestToken = r.clientRequestToken();
        register(region, stack);
        operations.create(stack, prepared, r.onFailureAsString(), this::finished);
        return CreateStackResponse.builder().stackId(stack.stackId).build();
    }

    StackRecord newStack(String name) {
        RequestContext rc = RequestContext.current();
        String partition = engine.context().topology().partitionOf(rc.region()).id();
        String id = "arn:" + partition + ":cloudformation:" + rc.region() + ":" + rc.accountId() + ":stack/" + name
                + "/" + engine.context().ids().requestId();
        return new StackRecord(id, name, rc.accountId(), rc.region(), engine.context().clock().now());
    }

    static void register(CloudFormationState.Region region, StackRecord stack) {
        region.stacks.put(stack.stackId, stack);
        region.liveByName.put(stack.stackName, stack.stackId);
    }

    static void checkName(String name) {
        if (name.length() > 128 || !NAME.matcher(name).matches()) {
            throw TemplateError.validation("1 validation error detected: Value '" + name + "' at 'stackName' failed"
                    + " to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        }
    }

    /** What runs when an operation on the stack ends: a DeleteStack that waited starts. */
    void finished(StackRecord stack) {
        if (stack.deleteRequested && !stack.inProgress() && !stack.deleted()) {
            stack.deleteRequested = false;
            operations.delete(stack, Set.of(), this::finished);
        }
    }

    static List<ParameterInput> inputs(List<Parameter> parameters) {
        List<ParameterInput> out = new ArrayList<>();
        for (Parameter p : parameters) {
            out.add(new ParameterInput(p.parameterKey(), p.parameterValue(), Boolean.TRUE.equals(p.usePreviousValue())));
        }
        return out;
    }

    static List<ResourceTag> tags(List<Tag> tags) {
        List<ResourceTag> out = new ArrayList<>();
        tags.forEach(t -> out.add(new ResourceTag(t.key(), t.value())));
        return out;
    }

    public UpdateStackResponse updateStack(UpdateStackRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        checkUpdatable(stack);
        if (Boolean.TRUE.equals(r.usePreviousTemplate()) && (r.templateBody() != null || r.templateURL() != null)) {
            throw TemplateError.validation("You cannot specify both usePreviousTemplate and Template Body/Template"
                    + " Url");
        }
        TemplateMacros.Inputs given = new TemplateMacros.Inputs(inputs(r.parameters()), stack.rawParameters());
        Planner.Plan plan = Boolean.TRUE.equals(r.usePreviousTemplate()) ? planner.planBody(stack.templateBody, given)
                : planner.plan(r.templateBody(), r.templateURL(), given);
        Capabilities.check(plan.processed().resources(), r.capabilitiesAsStrings(), plan.expands(), true);
        Prepared prepared = preparation.prepare(plan.body(), plan.processed(), inputs(r.parameters()),
                stack.rawParameters(), stack, lookup.region(), Planner.caller(engine));
        checkTypeChanges(stack, prepared);
        List<ResourceTag> tags = r.hasTags() ? tags(r.tags()) : stack.tags;
        boolean sameTemplate = stack.template != null && stack.template.root().equals(prepared.template().root());
        if (sameTemplate && stack.rawParameters().equals(rawOf(prepared)) && tags.equals(stack.tags)
                && (!r.hasNotificationARNs() || r.notificationARNs().equals(stack.notificationArns))) {
            throw TemplateError.validation("No updates are to be performed.");
        }
        stack.tags = tags;
        stack.capabilities = new ArrayList<>(r.capabilitiesAsStrings());
        if (r.hasNotificationARNs()) {
            stack.notificationArns = new ArrayList<>(r.notificationARNs());
        }
        if (r.roleARN() != null) {
            stack.roleArn = r.roleARN();
        }
        if (r.stackPolicyBody() != null) {
            stack.stackPolicyBody = r.stackPolicyBody();
        }
        stack.disableRollback = Boolean.TRUE.equals(r.disableRollback());
        stack.principal = Planner.principal(engine);
        stack.clientRequestToken = r.clientRequestToken();
        stack.changeSetId = null;
        StackPolicy.Denial denial = StackPolicy.check(stack, prepared, r.stackPolicyDuringUpdateBody(), engine);
        if (denial != null) {
            operations.denied(stack, denial.logicalId(), denial.message(), this::finished);
        } else {
            operations.update(stack, prepared, this::finished);
        }
        return UpdateStackResponse.builder().stackId(stack.stackId).build();
    }

    static java.util.Map<String, String> rawOf(Prepared p) {
        java.util.Map<String, String> raw = new java.util.LinkedHashMap<>();
        p.parameters().forEach((k, v) -> raw.put(k, v.raw()));
        return raw;
    }

    static void checkUpdatable(StackRecord stack) {
        if (!UPDATABLE.contains(stack.status)) {
            throw TemplateError.validation("Stack:" + stack.stackId + " is in " + stack.status
                    + " state and can not be updated.");
        }
    }

    /** AWS refuses an update that changes a resource's type. */
    static void checkTypeChanges(StackRecord stack, Prepared prepared) {
        Set<String> changed = new LinkedHashSet<>();
        prepared.template().resourceMap().forEach((id, def) -> {
            var existing = stack.resources.get(id);
            if (existing != null && existing.exists() && !Objects.equals(existing.type, def.get("Type").asText())) {
                changed.add(id);
            }
        });
        if (!changed.isEmpty()) {
            throw TemplateError.validation("Update of resource type is not permitted. The new template modifies"
                    + " resource type of the following resources: " + changed);
        }
    }

    public DeleteStackResponse deleteStack(DeleteStackRequest r) {
        StackRecord stack = lookup.find(r.stackName());
        if (stack == null || stack.deleted()) {
            // DeleteStack of a stack that does not exist succeeds (DeleteStack API reference).
            return DeleteStackResponse.builder().build();
        }
        if (stack.terminationProtection) {
            throw TemplateError.validation("Stack [" + stack.stackName
                    + "] cannot be deleted while TerminationProtection is enabled");
        }
        if (r.hasRetainResources() && !r.retainResources().isEmpty() && !"DELETE_FAILED".equals(stack.status)) {
            throw TemplateError.validation("Invalid operation on stack [" + stack.stackId + "]. RetainResources can only"
                    + " be specified when the stack is in the DELETE_FAILED state");
        }
        if (r.roleARN() != null) {
            stack.roleArn = r.roleARN();
        }
        stack.clientRequestToken = r.clientRequestToken();
        if (stack.status.equals("DELETE_IN_PROGRESS")) {
            return DeleteStackResponse.builder().build();
        }
        if (stack.inProgress()) {
            stack.deleteRequested = true;
            return DeleteStackResponse.builder().build();
        }
        stack.principal = Planner.principal(engine);
        operations.delete(stack, new LinkedHashSet<>(r.retainResources()), this::finished);
        return DeleteStackResponse.builder().build();
    }

    public ContinueUpdateRollbackResponse continueUpdateRollback(ContinueUpdateRollbackRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        if (!"UPDATE_ROLLBACK_FAILED".equals(stack.status)) {
            throw TemplateError.validation("Stack " + stack.stackId + " is in " + stack.status
                    + " state and can not continue update rollback.");
        }
        if (r.roleARN() != null) {
            stack.roleArn = r.roleARN();
        }
        operations.continueRollback(stack, new LinkedHashSet<>(r.resourcesToSkip()), this::finished);
        return ContinueUpdateRollbackResponse.builder().build();
    }

    /** Rolls back an update in progress: resources running finish, nothing else starts, then the rollback. */
    public CancelUpdateStackResponse cancelUpdateStack(CancelUpdateStackRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        if (!"UPDATE_IN_PROGRESS".equals(stack.status)) {
            throw TemplateError.validation("CancelUpdateStack cannot be called from current stack status.");
        }
        if (stack.parentId != null) {
            throw TemplateError.validation("CancelUpdateStack cannot be called on a nested stack; cancel the update"
                    + " of the root stack " + stack.rootId);
        }
        operations.cancelUpdate(stack);
        return CancelUpdateStackResponse.builder().build();
    }

    /** A stack that DisableRollback left CREATE_FAILED or UPDATE_FAILED goes back to its last stable state. */
    public RollbackStackResponse rollbackStack(RollbackStackRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        if (!"CREATE_FAILED".equals(stack.status) && !"UPDATE_FAILED".equals(stack.status)) {
            throw TemplateError.validation("Stack " + stack.stackId + " is in " + stack.status
                    + " state and can not be rolled back.");
        }
        if (r.roleARN() != null) {
            stack.roleArn = r.roleARN();
        }
        stack.clientRequestToken = r.clientRequestToken();
        stack.principal = Planner.principal(engine);
        operations.rollBackFailed(stack, this::finished);
        return RollbackStackResponse.builder().stackId(stack.stackId).build();
    }

    public UpdateTerminationProtectionResponse updateTerminationProtection(UpdateTerminationProtectionRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        if (stack.parentId != null) {
            throw TemplateError.validation("Termination protection cannot be updated on a nested stack; update"
                    + " the root stack " + stack.rootId);
        }
        stack.terminationProtection = Boolean.TRUE.equals(r.enableTerminationProtection());
        return UpdateTerminationProtectionResponse.builder().stackId(stack.stackId).build();
    }

    public SetStackPolicyResponse setStackPolicy(SetStackPolicyRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        if (r.stackPolicyBody() != null && r.stackPolicyURL() != null) {
            throw TemplateError.validation("You cannot specify both StackPolicyURL and StackPolicyBody");
        }
        String body = r.stackPolicyBody() != null ? r.stackPolicyBody()
                : new TemplateSource(engine.context().clients()).fetch(r.stackPolicyURL(), Planner.caller(engine));
        StackPolicy.parse(body);
        stack.stackPolicyBody = body;
        return SetStackPolicyResponse.builder().build();
    }

    public GetStackPolicyResponse getStackPolicy(GetStackPolicyRequest r) {
        StackRecord stack = lookup.requireLive(r.stackName());
        return GetStackPolicyResponse.builder().stackPolicyBody(stack.stackPolicyBody).build();
    }
}
