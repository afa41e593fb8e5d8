package io.gureum.cloudformation;

import io.gureum.cloudformation.stackset.OperationRunner;
import io.gureum.cloudformation.stackset.StackInstanceRecord;
import io.gureum.cloudformation.stackset.StackSetRecord;
import io.gureum.core.spi.Caller;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DetectStackSetDriftRequest;
import software.amazon.awssdk.services.cloudformation.model.DetectStackSetDriftResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackInstanceResourceDriftsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackInstanceResourceDriftsResponse;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceResourceDriftsSummary;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;

/**
 * DetectStackSetDrift (a DETECT_DRIFT operation that runs DetectStackDrift on every instance's stack, in its
 * account, with the operation preferences) and ListStackInstanceResourceDrifts (the resource drifts of one
 * instance's stack, read through that account's CloudFormation). Drift is what stack drift detection reads:
 * see "Types' limits".
 */
public final class StackSetDrift {
    private final StackSetSupport support;

    StackSetDrift(StackSetSupport support) {
        this.support = support;
    }

    public DetectStackSetDriftResponse detectStackSetDrift(DetectStackSetDriftRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        if (StackSetSupport.retried(set, r.operationId())) {
            return DetectStackSetDriftResponse.builder().operationId(r.operationId()).build();
        }
        set = support.requireIdle(r.stackSetName());
        if (set.serviceManaged()) {
            support.requireOrganizationAdmin(r.callAsAsString());
        }
        StackSetSupport.checkPreferences(r.operationPreferences());
        List<OperationRunner.Target> targets = new ArrayList<>();
        set.instances.values().forEach(i -> targets.add(new OperationRunner.Target(i.account, i.region)));
        String id = support.start(set, r.operationId(), "DETECT_DRIFT", r.operationPreferences(), null, targets);
        return DetectStackSetDriftResponse.builder().operationId(id).build();
    }

    public ListStackInstanceResourceDriftsResponse listStackInstanceResourceDrifts(
            ListStackInstanceResourceDriftsRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        support.operation(set, r.operationId());
        StackInstanceRecord instance = support.instance(set, r.stackInstanceAccount(), r.stackInstanceRegion());
        List<StackInstanceResourceDriftsSummary> out = new ArrayList<>();
        if (instance.stackId != null) {
            String partition = support.engine.context().topology().partitionOf(instance.region).id();
            Caller caller = new Caller(instance.account, instance.region, "arn:" + partition + ":sts::"
                    + instance.account + ":assumed-role/" + (set.executionRoleName != null ? set.executionRoleName
                            : "AWSServiceRoleForCloudFormationStackSetsOrgMember")
                    + "/AWSCloudFormationStackSetExecution", set.arn);
            CloudFormationClient cfn = support.engine.context().clients().client(CloudFormationClient.class, caller);
            String token = null;
            do {
                String next = token;
                var page = cfn.describeStackResourceDrifts(b -> b.stackName(instance.stackId).nextToken(next)
                        .stackResourceDriftStatusFiltersWithStrings(r.stackInstanceResourceDriftStatusesAsStrings()));
                page.stackResourceDrifts().forEach(d -> out.add(summary(d)));
                token = page.nextToken();
            } while (token != null);
        }
        Page<StackInstanceResourceDriftsSummary> page = Page.of(out, r.nextToken(), r.maxResults() == null ? 100
                : r.maxResults());
        return ListStackInstanceResourceDriftsResponse.builder().summaries(page.items()).nextToken(page.nextToken())
                .build();
    }

    private static StackInstanceResourceDriftsSummary summary(StackResourceDrift d) {
        return StackInstanceResourceDriftsSummary.builder().stackId(d.stackId()).logicalResourceId(d.logicalResourceId())
                .physicalResourceId(d.physicalResourceId()).physicalResourceIdContext(d.physicalResourceIdContext())
                .resourceType(d.resourceType()).propertyDifferences(d.propertyDifferences())
                .stackResourceDriftStatus(d.stackResourceDriftStatus()).timestamp(d.timestamp()).build();
    }
}
