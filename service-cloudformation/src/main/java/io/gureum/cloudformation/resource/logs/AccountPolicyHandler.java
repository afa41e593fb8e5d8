package io.gureum.cloudformation.resource.logs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::AccountPolicy}. {@code Ref} gives the resource's primary identifier
 * {@code <AccountId>|<PolicyType>|<PolicyName>}; {@code Fn::GetAtt AccountId} the account. {@code PolicyName}
 * and {@code PolicyType} replace it; the document, scope and selection criteria change in place.
 */
public final class AccountPolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("PolicyDocument", "PolicyName", "PolicyType", "Scope",
            "SelectionCriteria");

    @Override
    public String type() {
        return "AWS::Logs::AccountPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("PolicyName", "PolicyType");
    }

    @Override
    public Created create(ResourceRequest r) {
        return put(r);
    }

    @Override
    public Created update(ResourceRequest r) {
        return put(r);
    }

    private static Created put(ResourceRequest r) {
        Served.check(r, SERVED);
        String document = Json.document(r.property("PolicyDocument"));
        if (document == null) {
            r.requiredText("PolicyDocument");
        }
        String account = r.client(CloudWatchLogsClient.class).putAccountPolicy(b -> b
                .policyName(r.requiredText("PolicyName")).policyType(r.requiredText("PolicyType"))
                .policyDocument(document).scope(r.text("Scope")).selectionCriteria(r.text("SelectionCriteria")))
                .accountPolicy().accountId();
        return Created.of(account + "|" + r.text("PolicyType") + "|" + r.text("PolicyName"))
                .attribute("AccountId", account);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteAccountPolicy(b -> b.policyName(r.text("PolicyName"))
                    .policyType(r.text("PolicyType")));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
