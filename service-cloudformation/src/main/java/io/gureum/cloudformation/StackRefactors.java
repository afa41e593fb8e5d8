package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.RefactorRecord;
import io.gureum.cloudformation.engine.Refactoring;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRefactorRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRefactorResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackRefactorRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackRefactorResponse;
import software.amazon.awssdk.services.cloudformation.model.ExecuteStackRefactorRequest;
import software.amazon.awssdk.services.cloudformation.model.ExecuteStackRefactorResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackRefactorActionsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackRefactorActionsResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackRefactorsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackRefactorsResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceLocation;
import software.amazon.awssdk.services.cloudformation.model.ResourceMapping;
import software.amazon.awssdk.services.cloudformation.model.StackDefinition;
import software.amazon.awssdk.services.cloudformation.model.StackRefactorAction;
import software.amazon.awssdk.services.cloudformation.model.StackRefactorNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.StackRefactorSummary;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Stack refactors (user guide "Stack refactoring"): CreateStackRefactor validates the templates against the
 * stacks within the call ({@code CREATE_COMPLETE} with {@code ExecutionStatus AVAILABLE}, or {@code CREATE_FAILED}
 * with the reason and {@code UNAVAILABLE}); ExecuteStackRefactor validates again against the stacks as they are
 * now and moves the resources within the call ({@code EXECUTE_COMPLETE}, or {@code EXECUTE_FAILED}). A refactor
 * whose stacks changed after it was created is {@code OBSOLETE}. The logic is {@link Refactoring}'s.
 */
public final class StackRefactors {
    /** "You can move resources between at least 2 stacks, and a maximum of 5 stacks" (user guide). */
    static final int MAX_STACKS = 5;

    private final Engine engine;
    private final StackLookup lookup;
    private final Planner planner;
    private final Stacks stacks;
    private final Refactoring refactoring;

    StackRefactors(Engine engine, StackLookup lookup, Planner planner, Stacks stacks) {
        this.engine = engine;
        this.lookup = lookup;
        this.planner = planner;
        this.stacks = stacks;
        this.refactoring = new Refactoring(engine);
    }

    public CreateStackRefactorResponse createStackRefactor(CreateStackRefactorRequest r) {
        CloudFormationState.Region region = lookup.region();
        if (!r.hasStackDefinitions() || r.stackDefinitions().isEmpty()) {
            throw TemplateError.validation("StackDefinitions must contain at least one stack");
        }
        if (r.stackDefinitions().size() > MAX_STACKS) {
            throw TemplateError.validation("StackDefinitions can contain at most " + MAX_STACKS + " stacks");
        }
        boolean create = Boolean.TRUE.equals(r.enableStackCreation());
        RefactorRecord rec = new RefactorRecord();
        rec.stackRefactorId = engine.context().ids().requestId();
        rec.description = r.description();
        rec.enableStackCreation = create;
        rec.creationTime = engine.context().clock().now();
        Set<String> names = new HashSet<>();
        for (StackDefinition d : r.stackDefinitions()) {
            if (d.stackName() == null) {
                throw TemplateError.validation("Each StackDefinition must have a StackName");
            }
            if (!names.add(nameOf(d.stackName()))) {
                throw TemplateError.validation("Stack " + d.stackName() + " appears more than once in StackDefinitions");
            }
            if (d.templateBody() != null && d.templateURL() != null) {
                throw TemplateError.validation("Specify either TemplateBody or TemplateURL for stack " + d.stackName()
                        + ", not both");
            }
            StackRecord existing = lookup.find(d.stackName());
            if (existing != null && existing.deleted()) {
                existing = null;
            }
            if (existing == null && !create) {
                throw TemplateError.validation("Stack with id " + d.stackName() + " does not exist");
            }
            // Read, not yet checked: a malformed template fails the refactor (CREATE_FAILED) below.
            String body = planner.body(d.templateBody(), d.templateURL());
            if (existing == null) {
                Stacks.checkName(d.stackName());
                rec.stacks.add(new RefactorRecord.StackDefinition(d.stackName(), stacks.newStack(d.stackName()).stackId,
                        body, true, null, null));
            } else {
                rec.stacks.add(new RefactorRecord.StackDefinition(existing.stackName, existing.stackId, body, false,
                        existing.status, existing.lastUpdatedTime));
            }
        }
        for (ResourceMapping m : r.resourceMappings()) {
            rec.mappings.add(new RefactorRecord.Mapping(nameOf(m.source().stackName()), m.source().logicalResourceId(),
                    nameOf(m.destination().stackName()), m.destination().logicalResourceId()));
        }
        try {
            Refactoring.Plan plan = plan(region, rec);
            rec.actions = actions(plan);
            rec.status = "CREATE_COMPLETE";
            rec.executionStatus = "AVAILABLE";
        } catch (Refactoring.Refused e) {
            rec.status = "CREATE_FAILED";
            rec.statusReason = e.getMessage();
            rec.executionStatus = "UNAVAILABLE";
        }
        region.refactors.put(rec.stackRefactorId, rec);
        return CreateStackRefactorResponse.builder().stackRefactorId(rec.stackRefactorId).build();
    }

    /** A stack named by its id is the live stack's name; anything else as given. */
    private String nameOf(String nameOrId) {
        StackRecord s = nameOrId == null ? null : lookup.find(nameOrId);
        return s == null || s.deleted() ? nameOrId : s.stackName;
    }

    /** Reads the templates and plans the refactor against the stacks as they are now. */
    private Refactoring.Plan plan(CloudFormationState.Region region, RefactorRecord rec) {
        List<Refactoring.Target> targets = new ArrayList<>();
        for (RefactorRecord.StackDefinition d : rec.stacks) {
            Planner.Plan p;
            try {
                p = planner.planBody(d.templateBody());
            } catch (AwsException e) {
                throw new Refactoring.Refused(e.getMessage());
            }
            StackRecord stack;
            if (d.created()) {
                var rc = io.gureum.core.protocol.RequestContext.current();
                stack = new StackRecord(d.stackId(), d.stackName(), rc.accountId(), rc.region(),
                        engine.context().clock().now());
            } else {
                stack = region.stacks.get(d.stackId());
                if (!Stacks.UPDATABLE.contains(stack.status) || stack.status.equals("UPDATE_FAILED")) {
                    throw new Refactoring.Refused("Stack " + d.stackName() + " is in " + stack.status
                            + " state and can not be refactored");
                }
            }
            targets.add(new Refactoring.Target(d.stackName(), stack, d.created(), p.body(), p.processed()));
        }
        return refactoring.plan(region, targets, rec.mappings, Planner.caller(engine));
    }

    private List<RefactorRecord.Action> actions(Refactoring.Plan plan) {
        List<RefactorRecord.Action> out = new ArrayList<>();
        for (Refactoring.Target t : plan.targets()) {
            if (t.created()) {
                out.add(new RefactorRecord.Action("CREATE", "STACK", null, "Stack " + t.stackName()
                        + " will be created", null, null, null, null, t.stack().stackId, null, null, null));
            }
        }
        for (Refactoring.Match m : plan.matches()) {
            if (!m.moves()) {
                continue;
            }
            String to = plan.destination(m).stackId;
            Refactoring.Retag retag = refactoring.retag(plan, m);
            out.add(new RefactorRecord.Action("MOVE", "RESOURCE", m.resource().physicalId,
                    "No configuration changes detected.", m.detection(), m.detection().equals("MANUAL")
                            ? "Mapped in ResourceMappings"
                            : "Matched by resource type and logical id or properties",
                    m.source().stackId, m.resource().logicalId, to, m.destinationLogicalId(),
                    retag == null ? null : retag.tags(), retag == null ? null : retag.removedKeys()));
        }
        return out;
    }

    private RefactorRecord find(String id) {
        RefactorRecord rec = lookup.region().refactors.get(id);
        if (rec == null) {
            throw ModeledErrors.of(StackRefactorNotFoundException.class, "Stack refactor with id " + id
                    + " does not exist");
        }
        return rec;
    }

    /** {@code OBSOLETE} when a stack changed (or a new stack's name was taken) after the refactor was created. */
    private String executionStatus(RefactorRecord rec) {
        if (!"AVAILABLE".equals(rec.executionStatus)) {
            return rec.executionStatus;
        }
        CloudFormationState.Region region = lookup.region();
        for (RefactorRecord.StackDefinition d : rec.stacks) {
            if (d.created()) {
                if (region.liveByName.containsKey(d.stackName())) {
                    return "OBSOLETE";
                }
                continue;
            }
            StackRecord s = region.stacks.get(d.stackId());
            if (s == null || s.deleted() || !s.status.equals(d.statusAtCreation())
                    || !java.util.Objects.equals(s.lastUpdatedTime, d.lastUpdatedAtCreation())) {
                return "OBSOLETE";
            }
        }
        return "AVAILABLE";
    }

    public ExecuteStackRefactorResponse executeStackRefactor(ExecuteStackRefactorRequest r) {
        RefactorRecord rec = find(r.stackRefactorId());
        String status = executionStatus(rec);
        if (!status.equals("AVAILABLE")) {
            throw TemplateError.validation("Stack refactor " + rec.stackRefactorId + " cannot be executed: its"
                    + " ExecutionStatus is " + status);
        }
        CloudFormationState.Region region = lookup.region();
        rec.executionStatus = "EXECUTE_IN_PROGRESS";
        try {
            Refactoring.Plan plan = plan(region, rec);
            refactoring.execute(region, plan, Planner.principal(engine));
            rec.executionStatus = "EXECUTE_COMPLETE";
        } catch (Refactoring.Refused e) {
            rec.executionStatus = "EXECUTE_FAILED";
            rec.executionStatusReason = e.getMessage();
        }
        return ExecuteStackRefactorResponse.builder().build();
    }

    public DescribeStackRefactorResponse describeStackRefactor(DescribeStackRefactorRequest r) {
        RefactorRecord rec = find(r.stackRefactorId());
        return DescribeStackRefactorResponse.builder().stackRefactorId(rec.stackRefactorId)
                .description(rec.description).stackIds(rec.stackIds()).status(rec.status)
                .statusReason(rec.statusReason).executionStatus(executionStatus(rec))
                .executionStatusReason(rec.executionStatusReason).build();
    }

    public ListStackRefactorActionsResponse listStackRefactorActions(ListStackRefactorActionsRequest r) {
        RefactorRecord rec = find(r.stackRefactorId());
        List<StackRefactorAction> all = new ArrayList<>();
        for (RefactorRecord.Action a : rec.actions) {
            StackRefactorAction.Builder b = StackRefactorAction.builder().action(a.action()).entity(a.entity())
                    .physicalResourceId(a.physicalResourceId()).description(a.description())
                    .detection(a.detection()).detectionReason(a.detectionReason());
            if (a.entity().equals("RESOURCE")) {
                b.resourceMapping(ResourceMapping.builder()
                        .source(ResourceLocation.builder().stackName(a.sourceStackId())
                                .logicalResourceId(a.sourceLogicalId()).build())
                        .destination(ResourceLocation.builder().stackName(a.destinationStackId())
                                .logicalResourceId(a.destinationLogicalId()).build())
                        .build());
                if (a.tagResources() != null) {
                    b.tagResources(a.tagResources().entrySet().stream().map(e -> Tag.builder().key(e.getKey())
                            .value(e.getValue()).build()).toList());
                    b.untagResources(a.untagResources());
                }
            }
            all.add(b.build());
        }
        Page<StackRefactorAction> page = Page.of(all, r.nextToken(), r.maxResults() == null ? 100 : r.maxResults());
        return ListStackRefactorActionsResponse.builder().stackRefactorActions(page.items())
                .nextToken(page.nextToken()).build();
    }

    public ListStackRefactorsResponse listStackRefactors(ListStackRefactorsRequest r) {
        List<StackRefactorSummary> all = new ArrayList<>();
        Set<String> wanted = new HashSet<>(r.executionStatusFilterAsStrings());
        for (RefactorRecord rec : lookup.region().refactors.values()) {
            String status = executionStatus(rec);
            if (wanted.isEmpty() || wanted.contains(status)) {
                all.add(StackRefactorSummary.builder().stackRefactorId(rec.stackRefactorId)
                        .description(rec.description).status(rec.status).statusReason(rec.statusReason)
                        .executionStatus(status).executionStatusReason(rec.executionStatusReason).build());
            }
        }
        Page<StackRefactorSummary> page = Page.of(all, r.nextToken(), r.maxResults() == null ? 100 : r.maxResults());
        return ListStackRefactorsResponse.builder().stackRefactorSummaries(page.items()).nextToken(page.nextToken())
                .build();
    }
}
