package io.gureum.cloudformation;

import io.gureum.cloudformation.stackset.StackSetOperationRecord;
import io.gureum.cloudformation.stackset.StackSetRecord;
import io.gureum.core.error.ModeledErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.AccountGateResult;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackSetOperationRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackSetOperationResponse;
import software.amazon.awssdk.services.cloudformation.model.InvalidOperationException;
import software.amazon.awssdk.services.cloudformation.model.ListStackSetOperationResultsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackSetOperationResultsResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackSetOperationsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackSetOperationsResponse;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperation;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationResultSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationStatusDetails;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationSummary;
import software.amazon.awssdk.services.cloudformation.model.StopStackSetOperationRequest;
import software.amazon.awssdk.services.cloudformation.model.StopStackSetOperationResponse;

/** DescribeStackSetOperation, ListStackSetOperations, ListStackSetOperationResults and StopStackSetOperation. */
public final class StackSetOperations {
    private final StackSetSupport support;

    StackSetOperations(StackSetSupport support) {
        this.support = support;
    }

    public DescribeStackSetOperationResponse describeStackSetOperation(DescribeStackSetOperationRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        StackSetOperationRecord op = support.operation(set, r.operationId());
        StackSetOperation view = StackSetOperation.builder().operationId(op.operationId).stackSetId(set.stackSetId)
                .action(op.action).status(op.status).operationPreferences(op.preferences).retainStacks(op.retainStacks)
                .administrationRoleARN(op.administrationRoleArn).executionRoleName(op.executionRoleName)
                .creationTimestamp(op.creationTimestamp).endTimestamp(op.endTimestamp).statusReason(op.statusReason)
                .statusDetails(details(op)).build();
        return DescribeStackSetOperationResponse.builder().stackSetOperation(view).build();
    }

    private static StackSetOperationStatusDetails details(StackSetOperationRecord op) {
        return StackSetOperationStatusDetails.builder().failedStackInstancesCount((int) op.failed()).build();
    }

    /** Newest first. */
    public ListStackSetOperationsResponse listStackSetOperations(ListStackSetOperationsRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        List<StackSetOperationSummary> out = new ArrayList<>();
        for (StackSetOperationRecord op : set.operations.values()) {
            out.add(StackSetOperationSummary.builder().operationId(op.operationId).action(op.action).status(op.status)
                    .creationTimestamp(op.creationTimestamp).endTimestamp(op.endTimestamp)
                    .statusReason(op.statusReason).statusDetails(details(op)).operationPreferences(op.preferences)
                    .build());
        }
        Collections.reverse(out);
        Page<StackSetOperationSummary> page = Page.of(out, r.nextToken(), r.maxResults() == null ? 100
                : r.maxResults());
        return ListStackSetOperationsResponse.builder().summaries(page.items()).nextToken(page.nextToken()).build();
    }

    /**
     * Each account and Region's result. No account gate function is deployed, so each gate is SKIPPED with
     * the reason AWS gives when the {@code AWSCloudFormationStackSetAccountGate} function does not exist.
     */
    public ListStackSetOperationResultsResponse listStackSetOperationResults(ListStackSetOperationResultsRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        StackSetOperationRecord op = support.operation(set, r.operationId());
        String partition = support.engine.context().topology().partitionOf(set.region).id();
        List<StackSetOperationResultSummary> out = new ArrayList<>();
        for (StackSetOperationRecord.Result result : op.results.values()) {
            if (r.filters().stream().anyMatch(f -> f.nameAsString().equals("OPERATION_RESULT_STATUS")
                    && !f.values().equals(result.status))) {
                continue;
            }
            AccountGateResult gate = AccountGateResult.builder().status("SKIPPED").statusReason(
                    "Function not found: arn:" + partition + ":lambda:" + result.region + ":" + result.account
                            + ":function:AWSCloudFormationStackSetAccountGate").build();
            out.add(StackSetOperationResultSummary.builder().account(result.account).region(result.region)
                    .status(result.status).statusReason(result.statusReason).accountGateResult(gate).build());
        }
        Page<StackSetOperationResultSummary> page = Page.of(out, r.nextToken(), r.maxResults() == null ? 100
                : r.maxResults());
        return ListStackSetOperationResultsResponse.builder().summaries(page.items()).nextToken(page.nextToken())
                .build();
    }

    /** Accounts not yet started are cancelled; those running finish; the operation ends STOPPED. */
    public StopStackSetOperationResponse stopStackSetOperation(StopStackSetOperationRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        StackSetOperationRecord op = support.operation(set, r.operationId());
        if (!op.status.equals("RUNNING") && !op.status.equals("QUEUED")) {
            throw ModeledErrors.of(InvalidOperationException.class, "Operation " + op.operationId + " is "
                    + op.status + " and cannot be stopped");
        }
        op.status = "STOPPING";
        return StopStackSetOperationResponse.builder().build();
    }
}
