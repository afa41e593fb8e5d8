package io.gureum.organizations;

import io.gureum.core.spi.ServiceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.organizations.model.AcceptHandshakeRequest;
import software.amazon.awssdk.services.organizations.model.AcceptHandshakeResponse;
import software.amazon.awssdk.services.organizations.model.CancelHandshakeRequest;
import software.amazon.awssdk.services.organizations.model.CancelHandshakeResponse;
import software.amazon.awssdk.services.organizations.model.DeclineHandshakeRequest;
import software.amazon.awssdk.services.organizations.model.DeclineHandshakeResponse;
import software.amazon.awssdk.services.organizations.model.DescribeHandshakeRequest;
import software.amazon.awssdk.services.organizations.model.DescribeHandshakeResponse;
import software.amazon.awssdk.services.organizations.model.DuplicateHandshakeException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeAlreadyInStateException;
import software.amazon.awssdk.services.organizations.model.HandshakeConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.HandshakeConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.HandshakeFilter;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.HandshakeParty;
import software.amazon.awssdk.services.organizations.model.HandshakeResource;
import software.amazon.awssdk.services.organizations.model.InvalidHandshakeTransitionException;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;
import software.amazon.awssdk.services.organizations.model.InviteAccountToOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.InviteAccountToOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForAccountRequest;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForAccountResponse;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForOrganizationResponse;

/**
 * Invitations (INVITE handshakes): InviteAccountToOrganization, AcceptHandshake and DeclineHandshake by the
 * invited account, CancelHandshake by the management account, DescribeHandshake and the two listings. An
 * invitation expires after 15 days on the core clock
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_InviteAccountToOrganization.html).
 */
public final class Handshakes {
    static final Duration LIFETIME = Duration.ofDays(15);
    private final ServiceContext context;
    private final OrgStore store;
    private final OrgIds ids;
    private final OrgTags tags;

    Handshakes(ServiceContext context, OrgStore store, OrgIds ids, OrgTags tags) {
        this.context = context;
        this.store = store;
        this.ids = ids;
        this.tags = tags;
    }

    /** Gureum cannot tell which account owns an e-mail address: only ACCOUNT targets are invited. */
    public InviteAccountToOrganizationResponse inviteAccountToOrganization(InviteAccountToOrganizationRequest r) {
        Organization org = store.managedByCaller();
        HandshakeParty target = r.target();
        if (!"ACCOUNT".equals(target.typeAsString()) || !target.id().matches("\\d{12}")) {
            throw OrgErrors.invalid(InvalidInputExceptionReason.INVALID_PARTY_TYPE_TARGET,
                    "You specified the wrong type for the handshake party.");
        }
        if (org.id.equals(store.organizationOf.get(target.id()))) {
            throw OrgErrors.of(DuplicateHandshakeException.class, "The account is already a member of the organization.");
        }
        Instant now = context.clock().now();
        boolean open = store.handshakes.values().stream().anyMatch(h -> h.organizationId.equals(org.id)
                && h.targetAccountId.equals(target.id()) && state(h, now).equals("OPEN"));
        if (open) {
            throw OrgErrors.of(DuplicateHandshakeException.class,
                    "A handshake with the same action and target already exists.");
        }
        String id = ids.handshake();
        HandshakeRecord h = new HandshakeRecord(id, org.handshakeArn(id), org.id, target.id(), r.notes(), now,
                now.plus(LIFETIME));
        store.handshakes.put(id, h);
        return InviteAccountToOrganizationResponse.builder().handshake(view(h)).build();
    }

    public AcceptHandshakeResponse acceptHandshake(AcceptHandshakeRequest r) {
        HandshakeRecord h = forTarget(r.handshakeId());
        transition(h, "ACCEPTED");
        if (store.of(h.targetAccountId) != null) {
            throw handshakeConstraint(HandshakeConstraintViolationExceptionReason.ALREADY_IN_AN_ORGANIZATION,
                    "The account is already a member of an organization.");
        }
        Organization org = store.organizations.get(h.organizationId);
        h.state = "ACCEPTED";
        store.join(org, new Member(h.targetAccountId, Organizations.managementEmail(h.targetAccountId),
                h.targetAccountId, "INVITED", context.clock().now()), org.rootId);
        tags.register(org, h.targetAccountId, org.accountArn(h.targetAccountId), null);
        return AcceptHandshakeResponse.builder().handshake(view(h)).build();
    }

    public DeclineHandshakeResponse declineHandshake(DeclineHandshakeRequest r) {
        HandshakeRecord h = forTarget(r.handshakeId());
        transition(h, "DECLINED");
        h.state = "DECLINED";
        return DeclineHandshakeResponse.builder().handshake(view(h)).build();
    }

    public CancelHandshakeResponse cancelHandshake(CancelHandshakeRequest r) {
        Organization org = store.managedByCaller();
        HandshakeRecord h = find(r.handshakeId(), x -> x.organizationId.equals(org.id));
        transition(h, "CANCELED");
        h.state = "CANCELED";
        return CancelHandshakeResponse.builder().handshake(view(h)).build();
    }

    public DescribeHandshakeResponse describeHandshake(DescribeHandshakeRequest r) {
        String caller = OrgStore.callerAccount();
        Organization org = store.of(caller);
        HandshakeRecord h = find(r.handshakeId(), x -> x.targetAccountId.equals(caller)
                || org != null && org.managementAccountId.equals(caller) && x.organizationId.equals(org.id));
        return DescribeHandshakeResponse.builder().handshake(view(h)).build();
    }

    public ListHandshakesForAccountResponse listHandshakesForAccount(ListHandshakesForAccountRequest r) {
        String caller = OrgStore.callerAccount();
        List<Handshake> all = store.handshakes.values().stream().filter(h -> h.targetAccountId.equals(caller))
                .filter(h -> matches(r.filter())).map(this::view).toList();
        Pages.Page<Handshake> page = Pages.page("ListHandshakesForAccount", all, r.nextToken(), r.maxResults());
        return ListHandshakesForAccountResponse.builder().handshakes(page.items()).nextToken(page.nextToken()).build();
    }

    public ListHandshakesForOrganizationResponse listHandshakesForOrganization(ListHandshakesForOrganizationRequest r) {
        Organization org = store.readableByCaller();
        List<Handshake> all = store.handshakes.values().stream().filter(h -> h.organizationId.equals(org.id))
                .filter(h -> matches(r.filter())).map(this::view).toList();
        Pages.Page<Handshake> page = Pages.page("ListHandshakesForOrganization", all, r.nextToken(), r.maxResults());
        return ListHandshakesForOrganizationResponse.builder().handshakes(page.items()).nextToken(page.nextToken())
                .build();
    }

    private static boolean matches(HandshakeFilter f) {
        return f == null || f.actionType() == null || "INVITE".equals(f.actionTypeAsString());
    }

    private HandshakeRecord forTarget(String id) {
        String caller = OrgStore.callerAccount();
        return find(id, h -> h.targetAccountId.equals(caller));
    }

    private HandshakeRecord find(String id, Predicate<HandshakeRecord> visible) {
        HandshakeRecord h = store.handshakes.get(id);
        if (h == null || !visible.test(h)) {
            throw OrgErrors.of(HandshakeNotFoundException.class,
                    "We can't find a handshake with the HandshakeId that you specified.");
        }
        return h;
    }

    private void transition(HandshakeRecord h, String to) {
        String now = state(h, context.clock().now());
        if (now.equals(to)) {
            throw OrgErrors.of(HandshakeAlreadyInStateException.class,
                    "The specified handshake is already in the requested state.");
        }
        if (!now.equals("OPEN")) {
            throw OrgErrors.of(InvalidHandshakeTransitionException.class,
                    "You can't perform the operation on the handshake in its current state.");
        }
    }

    private static String state(HandshakeRecord h, Instant now) {
        return h.state.equals("OPEN") && now.isAfter(h.expires) ? "EXPIRED" : h.state;
    }

    private static HandshakeConstraintViolationException handshakeConstraint(
            HandshakeConstraintViolationExceptionReason reason, String message) {
        HandshakeConstraintViolationException base = OrgErrors.of(HandshakeConstraintViolationException.class,
                message);
        return (HandshakeConstraintViolationException) base.toBuilder().reason(reason).message(message)
                .awsErrorDetails(base.awsErrorDetails()).statusCode(400).build();
    }

    private Handshake view(HandshakeRecord h) {
        Organization org = store.organizations.get(h.organizationId);
        List<HandshakeResource> orgDetails = org == null ? List.of() : List.of(
                HandshakeResource.builder().type("MASTER_EMAIL")
                        .value(Organizations.managementEmail(org.managementAccountId)).build(),
                HandshakeResource.builder().type("MASTER_NAME").value(org.managementAccountId).build(),
                HandshakeResource.builder().type("ORGANIZATION_FEATURE_SET").value(org.featureSet).build());
        java.util.ArrayList<HandshakeResource> resources = new java.util.ArrayList<>(List.of(
                HandshakeResource.builder().type("ORGANIZATION").value(h.organizationId).resources(orgDetails).build(),
                HandshakeResource.builder().type("ACCOUNT").value(h.targetAccountId).build()));
        if (h.notes != null) {
            resources.add(HandshakeResource.builder().type("NOTES").value(h.notes).build());
        }
        return Handshake.builder().id(h.id).arn(h.arn).action("INVITE").state(state(h, context.clock().now()))
                .requestedTimestamp(h.requested).expirationTimestamp(h.expires)
                .parties(HandshakeParty.builder().id(h.organizationId.substring(2)).type("ORGANIZATION").build(),
                        HandshakeParty.builder().id(h.targetAccountId).type("ACCOUNT").build())
                .resources(resources).build();
    }
}
