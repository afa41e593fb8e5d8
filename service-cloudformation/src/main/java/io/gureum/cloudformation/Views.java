package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.ResourceRecord;
import io.gureum.cloudformation.engine.StackEvent;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.parameter.ResolvedParameter;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDetail;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/** Stack records as the API's shapes. */
final class Views {
    private Views() {
    }

    static Stack stack(StackRecord s) {
        List<Parameter> parameters = new ArrayList<>();
        for (ResolvedParameter p : s.parameters.values()) {
            parameters.add(Parameter.builder().parameterKey(p.key()).parameterValue(p.shown())
                    .resolvedValue(p.noEcho() ? null : p.resolvedValue()).build());
        }
        List<Output> outputs = new ArrayList<>();
        s.outputs.forEach(o -> outputs.add(Output.builder().outputKey(o.key()).outputValue(o.value())
                .description(o.description()).exportName(o.exportName()).build()));
        List<Tag> tags = new ArrayList<>();
        s.tags.forEach(t -> tags.add(Tag.builder().key(t.key()).value(t.value()).build()));
        return Stack.builder().stackId(s.stackId).stackName(s.stackName).changeSetId(s.changeSetId)
                .description(s.template == null ? null : s.template.description())
                .parameters(parameters.isEmpty() ? null : parameters).creationTime(s.creationTime)
                .deletionTime(s.deletionTime).lastUpdatedTime(s.lastUpdatedTime).stackStatus(s.status)
                .stackStatusReason(s.statusReason).disableRollback(s.disableRollback)
                .notificationARNs(s.notificationArns).timeoutInMinutes(s.timeoutInMinutes)
                .capabilities(s.capabilities.isEmpty() ? null : s.capabilities.stream()
                        .map(software.amazon.awssdk.services.cloudformation.model.Capability::fromValue).toList())
                .outputs(outputs.isEmpty() ? null : outputs).roleARN(s.roleArn).tags(tags)
                .enableTerminationProtection(s.terminationProtection).parentId(s.parentId).rootId(s.rootId)
                .driftInformation(d -> d.stackDriftStatus(s.driftStatus).lastCheckTimestamp(s.lastDriftCheck))
                .build();
    }

    static StackSummary summary(StackRecord s) {
        return StackSummary.builder().stackId(s.stackId).stackName(s.stackName)
                .templateDescription(s.template == null ? null : s.template.description())
                .creationTime(s.creationTime).lastUpdatedTime(s.lastUpdatedTime).deletionTime(s.deletionTime)
                .stackStatus(s.status).stackStatusReason(s.statusReason).parentId(s.parentId).rootId(s.rootId)
                .driftInformation(d -> d.stackDriftStatus(s.driftStatus).lastCheckTimestamp(s.lastDriftCheck))
                .build();
    }

    static software.amazon.awssdk.services.cloudformation.model.StackEvent event(StackEvent e) {
        return software.amazon.awssdk.services.cloudformation.model.StackEvent.builder().stackId(e.stackId())
                .eventId(e.eventId()).stackName(e.stackName()).logicalResourceId(e.logicalId())
                .physicalResourceId(e.physicalId()).resourceType(e.resourceType()).timestamp(e.timestamp())
                .resourceStatus(e.status()).resourceStatusReason(e.reason()).resourceProperties(e.properties())
                .clientRequestToken(e.clientRequestToken()).build();
    }

    static StackResource resource(StackRecord s, ResourceRecord r) {
        return StackResource.builder().stackName(s.stackName).stackId(s.stackId).logicalResourceId(r.logicalId)
                .physicalResourceId(r.physicalId).resourceType(r.type).timestamp(r.lastUpdated)
                .resourceStatus(r.status).resourceStatusReason(r.statusReason).description(r.description())
                .driftInformation(d -> d.stackResourceDriftStatus(r.driftStatus == null ? "NOT_CHECKED"
                        : r.driftStatus).lastCheckTimestamp(r.driftCheckedAt))
                .build();
    }

    static StackResourceDetail detail(StackRecord s, ResourceRecord r) {
        return StackResourceDetail.builder().stackName(s.stackName).stackId(s.stackId)
                .logicalResourceId(r.logicalId).physicalResourceId(r.physicalId).resourceType(r.type)
                .lastUpdatedTimestamp(r.lastUpdated).resourceStatus(r.status).resourceStatusReason(r.statusReason)
                .description(r.description()).metadata(r.metadata())
                .driftInformation(d -> d.stackResourceDriftStatus(r.driftStatus == null ? "NOT_CHECKED"
                        : r.driftStatus).lastCheckTimestamp(r.driftCheckedAt))
                .build();
    }

    static StackResourceSummary resourceSummary(ResourceRecord r) {
        return StackResourceSummary.builder().logicalResourceId(r.logicalId).physicalResourceId(r.physicalId)
                .resourceType(r.type).lastUpdatedTimestamp(r.lastUpdated).resourceStatus(r.status)
                .resourceStatusReason(r.statusReason)
                .driftInformation(d -> d.stackResourceDriftStatus(r.driftStatus == null ? "NOT_CHECKED"
                        : r.driftStatus).lastCheckTimestamp(r.driftCheckedAt))
                .build();
    }
}
