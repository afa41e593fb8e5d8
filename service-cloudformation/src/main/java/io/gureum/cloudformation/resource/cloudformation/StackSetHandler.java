package io.gureum.cloudformation.resource.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AutoDeployment;
import software.amazon.awssdk.services.cloudformation.model.DeploymentTargets;
import software.amazon.awssdk.services.cloudformation.model.ManagedExecution;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationPreferences;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationResultSummary;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * {@code AWS::CloudFormation::StackSet} (template reference "AWS::CloudFormation::StackSet"): a stack set and its
 * instances, made through this server's own CloudFormation API in-process like any other type's service:
 * CreateStackSet, then CreateStackInstances for each {@code StackInstancesGroup}; updates by UpdateStackSet and
 * the instance operations for the groups added, changed (UpdateStackInstances with the new
 * {@code ParameterOverrides}) or removed; delete removes every instance (their stacks too) and then the stack
 * set. Each stack set operation is awaited by polling DescribeStackSetOperation on a timer, so no thread waits;
 * a {@code FAILED} or {@code STOPPED} operation fails the resource with its first failed account's reason.
 * {@code Ref} is the {@code StackSetId}; {@code Fn::GetAtt StackSetId} likewise. {@code StackSetName} and
 * {@code PermissionModel} replace the stack set.
 */
public final class StackSetHandler implements AsyncResourceHandler {
    public static final String TYPE = "AWS::CloudFormation::StackSet";
    private static final Set<String> SERVED = Set.of("AdministrationRoleARN", "AutoDeployment", "CallAs",
            "Capabilities", "Description", "ExecutionRoleName", "ManagedExecution", "OperationPreferences",
            "Parameters", "PermissionModel", "StackInstancesGroup", "StackSetName", "Tags", "TemplateBody",
            "TemplateURL");
    /** AWS's handler gives up on a stack set operation after its timeout; ours after one hour. */
    private static final Duration OPERATION_LIMIT = Duration.ofHours(1);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("PermissionModel", "StackSetName");
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public Created update(ResourceRequest r) {
        return AsyncResourceHandler.join(updateAsync(r));
    }

    @Override
    public void delete(ResourceRequest r) {
        AsyncResourceHandler.join(deleteAsync(r));
    }


    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        CloudFormationClient cfn = r.client(CloudFormationClient.class);
        String name = r.has("StackSetName") ? r.text("StackSetName") : r.generatedName(128);
        String callAs = r.text("CallAs");
        String id = cfn.createStackSet(b -> b.stackSetName(name).description(r.text("Description"))
                .templateBody(r.text("TemplateBody")).templateURL(r.text("TemplateURL"))
                .parameters(parameters(r.property("Parameters"))).capabilitiesWithStrings(strings(
                        r.property("Capabilities")))
                .tags(tags(r)).administrationRoleARN(r.text("AdministrationRoleARN"))
                .executionRoleName(r.text("ExecutionRoleName")).permissionModel(r.text("PermissionModel"))
                .autoDeployment(sdk(r.property("AutoDeployment"), AutoDeployment::builder, "AutoDeployment"))
                .managedExecution(sdk(r.property("ManagedExecution"), ManagedExecution::builder,
                        "ManagedExecution"))
                .callAs(callAs)).stackSetId();
        Created created = Created.of(id).attribute("StackSetId", id);
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (JsonNode group : groups(r.property("StackInstancesGroup"))) {
            chain = chain.thenCompose(x -> awaitOperation(cfn, name, callAs, () -> cfn.createStackInstances(b -> b
                    .stackSetName(name).deploymentTargets(targets(group)).regions(strings(group.get("Regions")))
                    .parameterOverrides(parameters(group.get("ParameterOverrides")))
                    .operationPreferences(preferences(r)).callAs(callAs)).operationId()));
        }
        // A failed instance operation leaves nothing behind: the resource never got its id, so the rollback
        // would not delete the stack set.
        return chain.handle((x, e) -> e).thenCompose(e -> e == null ? CompletableFuture.completedFuture(created)
                : removeAll(cfn, name, callAs, r).handle((y, ignored) -> null)
                        .thenCompose(y -> CompletableFuture.failedFuture(unwrap(e))));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        CloudFormationClient cfn = r.client(CloudFormationClient.class);
        String name = name(r.physicalId());
        String callAs = r.text("CallAs");
        Set<String> changed = new java.util.HashSet<>(r.changedProperties());
        changed.remove("StackInstancesGroup");
        changed.remove("OperationPreferences");
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        if (!changed.isEmpty()) {
            chain = awaitOperation(cfn, name, callAs, () -> cfn.updateStackSet(b -> b.stackSetName(name)
                    .description(r.text("Description")).templateBody(r.text("TemplateBody"))
                    .templateURL(r.text("TemplateURL")).usePreviousTemplate(r.has("TemplateBody")
                            || r.has("TemplateURL") ? null : Boolean.TRUE)
                    .parameters(parameters(r.property("Parameters")))
                    .capabilitiesWithStrings(strings(r.property("Capabilities"))).tags(tags(r))
                    .administrationRoleARN(r.text("AdministrationRoleARN"))
                    .executionRoleName(r.text("ExecutionRoleName")).permissionModel(r.text("PermissionModel"))
                    .autoDeployment(sdk(r.property("AutoDeployment"), AutoDeployment::builder, "AutoDeployment"))
                    .managedExecution(sdk(r.property("ManagedExecution"), ManagedExecution::builder,
                            "ManagedExecution"))
                    .operationPreferences(preferences(r)).callAs(callAs)).operationId());
        }
        Map<String, JsonNode> before = byTargets(r.previousProperties() == null ? null
                : r.previousProperties().get("StackInstancesGroup"));
        Map<String, JsonNode> after = byTargets(r.property("StackInstancesGroup"));
        for (Map.Entry<String, JsonNode> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                JsonNode group = e.getValue();
                chain = chain.thenCompose(x -> awaitOperation(cfn, name, callAs, () -> cfn.deleteStackInstances(b -> b
                        .stackSetName(name).deploymentTargets(targets(group)).regions(strings(group.get("Regions")))
                        .retainStacks(false).operationPreferences(preferences(r)).callAs(callAs)
                        ).operationId()));
            }
        }
        for (Map.Entry<String, JsonNode> e : after.entrySet()) {
            JsonNode group = e.getValue();
            JsonNode was = before.get(e.getKey());
            if (was == null) {
                chain = chain.thenCompose(x -> awaitOperation(cfn, name, callAs, () -> cfn.createStackInstances(b -> b
                        .stackSetName(name).deploymentTargets(targets(group)).regions(strings(group.get("Regions")))
                        .parameterOverrides(parameters(group.get("ParameterOverrides")))
                        .operationPreferences(preferences(r)).callAs(callAs)).operationId()));
            } else if (!Objects.equals(was.get("ParameterOverrides"), group.get("ParameterOverrides"))) {
                chain = chain.thenCompose(x -> awaitOperation(cfn, name, callAs, () -> cfn.updateStackInstances(b -> b
                        .stackSetName(name).deploymentTargets(targets(group)).regions(strings(group.get("Regions")))
                        .parameterOverrides(parameters(group.get("ParameterOverrides")))
                        .operationPreferences(preferences(r)).callAs(callAs)).operationId()));
            }
        }
        Created created = Created.of(r.physicalId()).attribute("StackSetId", r.physicalId());
        return chain.thenApply(x -> created);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        return removeAll(r.client(CloudFormationClient.class), name(r.physicalId()), r.text("CallAs"), r);
    }

    /** Deletes the instances of every group (their stacks too), then the stack set. */
    private CompletableFuture<Void> removeAll(CloudFormationClient cfn, String name, String callAs, ResourceRequest r) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (JsonNode group : groups(r.property("StackInstancesGroup"))) {
            chain = chain.thenCompose(x -> awaitOperation(cfn, name, callAs, () -> cfn.deleteStackInstances(b -> b
                    .stackSetName(name).deploymentTargets(targets(group)).regions(strings(group.get("Regions")))
                    .retainStacks(false).operationPreferences(preferences(r)).callAs(callAs))
                    .operationId()));
        }
        return chain.thenAccept(x -> {
            try {
                cfn.deleteStackSet(b -> b.stackSetName(name).callAs(callAs));
            } catch (StackSetNotFoundException gone) {
                // Already gone: a delete succeeds, as on AWS.
            }
        }).exceptionallyCompose(e -> {
            Throwable cause = unwrap(e);
            return cause instanceof StackSetNotFoundException ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * Starts an operation (its call answers the operation id) and completes when DescribeStackSetOperation
     * reports it {@code SUCCEEDED}; {@code FAILED} or {@code STOPPED} fails with the first failed result's reason.
     */
    private CompletableFuture<Void> awaitOperation(CloudFormationClient cfn, String name, String callAs,
            Supplier<String> start) {
        String opId;
        try {
            opId = start.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return Polling.until(() -> {
            String status = cfn.describeStackSetOperation(b -> b.stackSetName(name).operationId(opId).callAs(callAs))
                    .stackSetOperation().statusAsString();
            return switch (status) {
                case "SUCCEEDED" -> Polling.Outcome.<Void>done(null);
                case "FAILED", "STOPPED" -> Polling.Outcome.<Void>failed("Stack set operation [" + opId
                        + "] was unexpectedly stopped or failed: " + status + ". " + firstFailure(cfn, name, callAs,
                                opId));
                default -> null;
            };
        }, OPERATION_LIMIT, "Stack set operation [" + opId + "] did not stabilize");
    }

    private static String firstFailure(CloudFormationClient cfn, String name, String callAs, String opId) {
        try {
            for (StackSetOperationResultSummary s : cfn.listStackSetOperationResults(b -> b.stackSetName(name)
                    .operationId(opId).callAs(callAs)).summaries()) {
                if (!"SUCCEEDED".equals(s.statusAsString()) && s.statusReason() != null) {
                    return "Account " + s.account() + " in " + s.region() + ": " + s.statusReason();
                }
            }
        } catch (AwsServiceException e) {
            return "";
        }
        return "";
    }

    /** The stack set name of a stack set id {@code name:uuid}. */
    private static String name(String stackSetId) {
        int colon = stackSetId.lastIndexOf(':');
        return colon < 0 ? stackSetId : stackSetId.substring(0, colon);
    }

    private static List<JsonNode> groups(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }

    /** Instance groups keyed by their deployment targets and Regions (what identifies their instances). */
    private static Map<String, JsonNode> byTargets(JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode g : groups(list)) {
            out.put(String.valueOf(g.get("DeploymentTargets")) + "|" + g.get("Regions"), g);
        }
        return out;
    }

    private static DeploymentTargets targets(JsonNode group) {
        JsonNode t = group.get("DeploymentTargets");
        if (t == null) {
            throw new ResourceFailure("Property StackInstancesGroup.DeploymentTargets is required", "InvalidRequest");
        }
        return SdkJson.build(t, DeploymentTargets.builder(), "StackInstancesGroup.DeploymentTargets");
    }

    private static StackSetOperationPreferences preferences(ResourceRequest r) {
        return sdk(r.property("OperationPreferences"), StackSetOperationPreferences::builder, "OperationPreferences");
    }

    private static <T> T sdk(JsonNode json, Supplier<? extends software.amazon.awssdk.utils.builder.SdkBuilder<?, T>>
            builder, String path) {
        return json == null || json.isNull() ? null : SdkJson.build(json, builder.get(), path);
    }

    private static List<Parameter> parameters(JsonNode list) {
        List<Parameter> out = new ArrayList<>();
        for (JsonNode p : groups(list)) {
            out.add(Parameter.builder().parameterKey(p.path("ParameterKey").asText())
                    .parameterValue(p.path("ParameterValue").asText()).build());
        }
        return out;
    }

    private static List<String> strings(JsonNode list) {
        return groups(list).stream().map(JsonNode::asText).toList();
    }

    /** The template's {@code Tags} with the stack's own tags (the stack set API refuses {@code aws:} keys). */
    private static List<Tag> tags(ResourceRequest r) {
        Function<Map.Entry<String, String>, Tag> tag = e -> Tag.builder().key(e.getKey()).value(e.getValue()).build();
        return r.stackTagsWithTemplate().entrySet().stream().map(tag).toList();
    }
}
