package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.stackset.OperationRunner;
import io.gureum.cloudformation.stackset.StackInstanceRecord;
import io.gureum.cloudformation.stackset.StackSetRecord;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.ImportStacksToStackSetRequest;
import software.amazon.awssdk.services.cloudformation.model.ImportStacksToStackSetResponse;
import software.amazon.awssdk.services.cloudformation.model.LimitExceededException;
import software.amazon.awssdk.services.cloudformation.model.StackNotFoundException;

/**
 * ImportStacksToStackSet: existing stacks become the stack set's instances in their accounts and Regions (at
 * most 10 per call); the CREATE operation that follows applies the stack set's template to each stack (nothing
 * to do when it already matches). Service-managed stack sets map each stack's account to the OU of
 * {@code OrganizationalUnitIds} it is under.
 */
public final class StackSetImports {
    private final StackSetSupport support;
    private final CloudFormationState state;

    StackSetImports(StackSetSupport support, CloudFormationState state) {
        this.support = support;
        this.state = state;
    }

    public ImportStacksToStackSetResponse importStacksToStackSet(ImportStacksToStackSetRequest r) {
        StackSetRecord set = support.require(r.stackSetName());
        if (StackSetSupport.retried(set, r.operationId())) {
            return ImportStacksToStackSetResponse.builder().operationId(r.operationId()).build();
        }
        set = support.requireIdle(r.stackSetName());
        StackSetSupport.checkPreferences(r.operationPreferences());
        if (r.stackIdsUrl() != null) {
            throw TemplateError.validation("StackIdsUrl is not supported by Gureum: give StackIds");
        }
        if (!r.hasStackIds() || r.stackIds().isEmpty()) {
            throw TemplateError.validation("StackIds should be specified");
        }
        if (r.stackIds().size() > 10) {
            throw ModeledErrors.of(LimitExceededException.class, "The number of stacks to import exceeds the limit"
                    + " of 10");
        }
        Map<String, String> ouOf = new LinkedHashMap<>();
        if (set.serviceManaged()) {
            String management = support.requireOrganizationAdmin(r.callAsAsString());
            if (!r.hasOrganizationalUnitIds() || r.organizationalUnitIds().isEmpty()) {
                throw TemplateError.validation("OrganizationalUnitIds should be specified for stack sets with"
                        + " SERVICE_MANAGED permission model");
            }
            RequestContext rc = RequestContext.current();
            for (String ou : r.organizationalUnitIds()) {
                support.orgs.accountsUnder(rc.accountId(), rc.region(), ou, management).forEach(a -> ouOf
                        .putIfAbsent(a, ou));
            }
        }
        List<StackRecord> stacks = new ArrayList<>();
        for (String id : r.stackIds()) {
            String[] arn = id.split(":");
            if (arn.length < 6 || !arn[5].startsWith("stack/")) {
                throw TemplateError.validation("Invalid stack id " + id);
            }
            StackRecord stack = state.region(arn[4], arn[3]).stacks.get(id);
            if (stack == null || stack.deleted()) {
                throw ModeledErrors.of(StackNotFoundException.class, "Stack with id " + id + " does not exist");
            }
            if (set.instances.containsKey(StackSetRecord.key(stack.accountId, stack.region))) {
                throw TemplateError.validation("Stack instance [" + stack.accountId + ", " + stack.region
                        + "] already exists in StackSet " + set.name);
            }
            if (set.serviceManaged() && !ouOf.containsKey(stack.accountId)) {
                throw TemplateError.validation("Account " + stack.accountId + " of stack " + id + " is not in the"
                        + " OrganizationalUnitIds given");
            }
            stacks.add(stack);
        }
        List<OperationRunner.Target> targets = new ArrayList<>();
        for (StackRecord stack : stacks) {
            StackInstanceRecord instance = new StackInstanceRecord(stack.accountId, stack.region);
            instance.stackId = stack.stackId;
            instance.organizationalUnitId = ouOf.get(stack.accountId);
            set.instances.put(StackSetRecord.key(stack.accountId, stack.region), instance);
            targets.add(new OperationRunner.Target(stack.accountId, stack.region));
        }
        if (set.serviceManaged()) {
            for (String ou : r.organizationalUnitIds()) {
                var regions = set.organizationalUnits.computeIfAbsent(ou, k -> new java.util.LinkedHashSet<>());
                stacks.stream().filter(s -> ou.equals(ouOf.get(s.accountId))).forEach(s -> regions.add(s.region));
            }
        }
        String id = support.start(set, r.operationId(), "CREATE", r.operationPreferences(), null, targets);
        return ImportStacksToStackSetResponse.builder().operationId(id).build();
    }
}
