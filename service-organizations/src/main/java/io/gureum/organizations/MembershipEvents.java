package io.gureum.organizations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.events.EventBus;
import io.gureum.core.events.ServiceEvent;
import io.gureum.core.time.GureumClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CloudTrail events Organizations sends to EventBridge in us-east-1 when an account's place in the
 * organization changes (MoveAccount, RemoveAccountFromOrganization, LeaveOrganization, AcceptHandshake, and
 * CreateAccountResult once a created account joins), published on core's bus after the store's lock is released.
 * CloudFormation listens for them to auto-deploy service-managed stack sets
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_security_incident-response.html).
 */
final class MembershipEvents {
    static final Set<String> CHANGES = Set.of("MoveAccount", "RemoveAccountFromOrganization", "LeaveOrganization",
            "AcceptHandshake");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventBus bus;
    private final GureumClock clock;
    /** Guarded by the store's lock; drained and published once it is released. */
    private final List<ServiceEvent> pending = new ArrayList<>();

    MembershipEvents(EventBus bus, GureumClock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    /** An API call that changed membership, by {@code account} (the caller holds the store's lock). */
    void apiCall(String account, String operation, Map<String, String> parameters) {
        ObjectNode detail = JSON.createObjectNode().put("eventVersion", "1.08")
                .put("eventSource", "organizations.amazonaws.com").put("eventName", operation)
                .put("awsRegion", "us-east-1").put("eventType", "AwsApiCall");
        ObjectNode params = detail.putObject("requestParameters");
        parameters.forEach((k, v) -> params.put(k, v));
        pending.add(new ServiceEvent(account, "us-east-1", "aws.organizations", "AWS API Call via CloudTrail",
                List.of(), detail.toString(), clock.now()));
    }

    /** A created account joined the organization of {@code managementAccount} (the caller holds the lock). */
    void accountCreated(String managementAccount, String requestId, String accountId) {
        ObjectNode detail = JSON.createObjectNode().put("eventVersion", "1.08")
                .put("eventSource", "organizations.amazonaws.com").put("eventName", "CreateAccountResult")
                .put("awsRegion", "us-east-1").put("eventType", "AwsServiceEvent");
        detail.putObject("serviceEventDetails").putObject("createAccountStatus").put("id", requestId)
                .put("state", "SUCCEEDED").put("accountId", accountId);
        pending.add(new ServiceEvent(managementAccount, "us-east-1", "aws.organizations",
                "AWS Service Event via CloudTrail", List.of(), detail.toString(), clock.now()));
    }

    /** Publishes what was recorded; called without the store's lock, so listeners never run under it. */
    void publish(Object lock) {
        List<ServiceEvent> out;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            out = List.copyOf(pending);
            pending.clear();
        }
        out.forEach(bus::publish);
    }
}
