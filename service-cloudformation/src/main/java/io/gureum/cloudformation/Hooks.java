package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.ChangeSetRecord;
import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetHooksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetHooksResponse;
import software.amazon.awssdk.services.cloudformation.model.HookResultNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.ListHookResultsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListHookResultsResponse;

/**
 * Hooks are not emulated (no extension can be activated), so no change set or stack has hook invocations:
 * DescribeChangeSetHooks answers an empty list with status UNAVAILABLE, ListHookResults an empty list, or
 * {@code HookResultNotFound} for a target, whose model documentation says a target without invocations gets it.
 */
public final class Hooks {
    private final StackLookup lookup;

    Hooks(StackLookup lookup) {
        this.lookup = lookup;
    }

    public DescribeChangeSetHooksResponse describeChangeSetHooks(DescribeChangeSetHooksRequest r) {
        ChangeSetRecord cs = ChangeSets.find(lookup, r.changeSetName(), r.stackName());
        return DescribeChangeSetHooksResponse.builder().changeSetId(cs.changeSetId).changeSetName(cs.changeSetName)
                .stackId(cs.stackId).stackName(cs.stackName).hooks(java.util.List.of()).status("UNAVAILABLE").build();
    }

    /** No hook ever runs, so no hook result exists. */
    public software.amazon.awssdk.services.cloudformation.model.GetHookResultResponse getHookResult(
            software.amazon.awssdk.services.cloudformation.model.GetHookResultRequest r) {
        throw ModeledErrors.of(HookResultNotFoundException.class, "Hook result with id " + r.hookResultId()
                + " not found");
    }

    public ListHookResultsResponse listHookResults(ListHookResultsRequest r) {
        if (r.targetId() != null) {
            throw ModeledErrors.of(HookResultNotFoundException.class, "No hook results found for target "
                    + r.targetId());
        }
        return ListHookResultsResponse.builder().hookResults(java.util.List.of()).build();
    }
}
