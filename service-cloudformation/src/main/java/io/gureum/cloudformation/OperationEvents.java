package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.ChangeSetRecord;
import io.gureum.cloudformation.engine.StackEvent;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.template.TemplateError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.cloudformation.model.DescribeEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.OperationEvent;

/**
 * DescribeEvents: a stack's events grouped by operation. An operation begins with the stack's own
 * {@code *_IN_PROGRESS} event that starts a create, update, delete, rollback or change set review, and runs to the
 * next such event; its id is derived from that first event's id (so it is the same on every call and after a
 * restart). A change set's events are its stack's from the change set's creation on.
 */
public final class OperationEvents {
    private static final Map<String, String> STARTS = Map.of("CREATE_IN_PROGRESS", "CREATE_STACK",
            "UPDATE_IN_PROGRESS", "UPDATE_STACK", "DELETE_IN_PROGRESS", "DELETE_STACK", "ROLLBACK_IN_PROGRESS",
            "ROLLBACK", "UPDATE_ROLLBACK_IN_PROGRESS", "ROLLBACK", "REVIEW_IN_PROGRESS", "CREATE_CHANGESET",
            "IMPORT_IN_PROGRESS", "UPDATE_STACK");
    private final StackLookup lookup;

    OperationEvents(StackLookup lookup) {
        this.lookup = lookup;
    }

    /** Newest first, like DescribeStackEvents. */
    public DescribeEventsResponse describeEvents(DescribeEventsRequest r) {
        List<OperationEvent> all = new ArrayList<>();
        java.time.Instant since = null;
        if (r.changeSetName() != null) {
            ChangeSetRecord cs = ChangeSets.find(lookup, r.changeSetName(), r.stackName());
            since = cs.creationTime;
            StackRecord stack = lookup.require(cs.stackId);
            all.addAll(events(stack));
        } else if (r.stackName() != null) {
            all.addAll(events(lookup.require(r.stackName())));
        } else if (r.operationId() != null) {
            for (StackRecord stack : lookup.region().stacks.values()) {
                all.addAll(events(stack).stream().filter(e -> e.operationId().equals(r.operationId())).toList());
            }
        } else {
            throw TemplateError.validation("Either StackName, ChangeSetName or OperationId must be specified");
        }
        boolean failedOnly = r.filters() != null && Boolean.TRUE.equals(r.filters().failedEvents());
        List<OperationEvent> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            OperationEvent e = all.get(i);
            if ((r.operationId() == null || r.operationId().equals(e.operationId()))
                    && (since == null || !e.timestamp().isBefore(since))
                    && (!failedOnly || e.resourceStatusAsString().endsWith("_FAILED"))) {
                out.add(e);
            }
        }
        Page<OperationEvent> page = Page.of(out, r.nextToken(), 100);
        return DescribeEventsResponse.builder().operationEvents(page.items()).nextToken(page.nextToken()).build();
    }

    /** The stack's events, oldest first, each with its operation. */
    private static List<OperationEvent> events(StackRecord stack) {
        List<List<StackEvent>> groups = new ArrayList<>();
        for (StackEvent e : stack.events) {
            boolean start = e.logicalId().equals(stack.stackName) && STARTS.containsKey(e.status())
                    && !"Resource creation Initiated".equals(e.reason());
            if (start || groups.isEmpty()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(e);
        }
        List<OperationEvent> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<StackEvent> group = groups.get(g);
            StackEvent first = group.get(0);
            String type = STARTS.getOrDefault(first.status(), "UPDATE_STACK");
            if (type.equals("ROLLBACK") && first.reason() != null && first.reason().contains("ContinueUpdateRollback")) {
                type = "CONTINUE_ROLLBACK";
            }
            String status = status(stack, group, type, g == groups.size() - 1);
            String id = UUID.nameUUIDFromBytes(first.eventId().getBytes(StandardCharsets.UTF_8)).toString();
            for (StackEvent e : group) {
                out.add(OperationEvent.builder().eventId(e.eventId()).stackId(e.stackId()).operationId(id)
                        .operationType(type).operationStatus(status)
                        .eventType(e.status().endsWith("_FAILED") ? "PROVISIONING_ERROR" : "STACK_EVENT")
                        .logicalResourceId(e.logicalId()).physicalResourceId(e.physicalId())
                        .resourceType(e.resourceType()).timestamp(e.timestamp()).resourceStatus(e.status())
                        .resourceStatusReason(e.reason()).resourceProperties(e.properties())
                        .clientRequestToken(e.clientRequestToken()).build());
            }
        }
        return out;
    }

    /** SUCCEEDED when the stack's last event of the group is complete, FAILED when it failed or was followed. */
    private static String status(StackRecord stack, List<StackEvent> group, String type, boolean last) {
        if (type.equals("CREATE_CHANGESET")) {
            return "SUCCEEDED";
        }
        for (int i = group.size() - 1; i >= 0; i--) {
            StackEvent e = group.get(i);
            if (!e.logicalId().equals(stack.stackName)) {
                continue;
            }
            if (e.status().endsWith("_FAILED")) {
                return "FAILED";
            }
            if (e.status().endsWith("_COMPLETE")) {
                return type.equals("ROLLBACK") || !e.status().contains("ROLLBACK") ? "SUCCEEDED" : "FAILED";
            }
            break;
        }
        return last ? "IN_PROGRESS" : "FAILED";
    }
}
