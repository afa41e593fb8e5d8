package io.gureum.organizations;

import io.gureum.core.ids.Arn;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.RegisteredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * Organizations' records for {@code --data-dir}: each organization as one record (its accounts with their
 * status, OUs, policies, the parent of every account and OU, policy attachments, enabled policy types,
 * delegated administrators, trusted service access, account creations — those in progress still finish on
 * the clock —, its resource policy, and the tags of each of its resources) and each handshake as one.
 * Organizations is global: the records have no account or region. After every change (under the store's
 * monitor, which every operation and the clock's settling hold) each record is compared with the last one
 * written and only those that differ are journaled. An organization is small (at most a few thousand
 * accounts), so its whole record is rewritten on a change.
 */
final class OrgRecords {
    static final String SERVICE = "organizations";
    static final String ORGANIZATION = "organization";
    static final String HANDSHAKE = "handshake";

    record MemberRecord(String id, String email, String name, String joinedMethod, Instant joined, String status,
            Instant suspendAt) {
    }

    record UnitRecord(String id, String arn, String name) {
    }

    record PolicyRecord(String id, String arn, String type, boolean awsManaged, String name, String description,
            String content) {
    }

    record CreationRecord(String id, String accountName, String email, String roleName, String accountId,
            Instant requested, Instant due, List<com.fasterxml.jackson.databind.JsonNode> tags, String state,
            String failureReason, Instant completed) {
    }

    record Tagged(String id, String arn, Map<String, String> tags) {
    }

    record OrgRecord(String id, String featureSet, String managementAccountId, String rootId,
            List<String> enabledPolicyTypes, List<MemberRecord> accounts, List<UnitRecord> units,
            List<PolicyRecord> policies, Map<String, String> parents, Map<String, List<String>> attachments,
            Map<String, Map<String, Instant>> delegatedAdministrators, Map<String, Instant> serviceAccess,
            List<CreationRecord> creations, String resourcePolicy, String resourcePolicyId, List<Tagged> registered) {
    }

    record HandshakeState(String id, String arn, String organizationId, String targetAccountId, String notes,
            Instant requested, Instant expires, String state) {
    }

    private final ServiceContext context;
    private final StateStore state;
    private final OrgStore store;
    /** What each record held when last written, by "kind|key". Guarded by the store's monitor. */
    private final Map<String, byte[]> written = new HashMap<>();

    OrgRecords(ServiceContext context, OrgStore store) {
        this.context = context;
        this.state = context.state();
        this.store = store;
    }

    /** Records what differs from the last records; the caller holds the store's monitor. */
    void recordChanges() {
        if (!state.enabled()) {
            return;
        }
        Set<String> seen = new java.util.HashSet<>();
        each((r, value) -> {
            String id = r.kind() + "|" + r.key();
            seen.add(id);
            if (!Arrays.equals(written.get(id), r.value())) {
                state.put(SERVICE, "", "", r.kind(), r.key(), value);
                written.put(id, r.value());
            }
        });
        for (var it = written.keySet().iterator(); it.hasNext();) {
            String id = it.next();
            if (!seen.contains(id)) {
                int bar = id.indexOf('|');
                state.delete(SERVICE, "", "", id.substring(0, bar), id.substring(bar + 1));
                it.remove();
            }
        }
    }

    private void each(BiConsumer<StateRecord, Object> sink) {
        for (Organization org : store.organizations.values()) {
            OrgRecord value = recordOf(org);
            sink.accept(StateRecord.of(SERVICE, "", "", ORGANIZATION, org.id, value), value);
        }
        for (HandshakeRecord h : store.handshakes.values()) {
            HandshakeState value = new HandshakeState(h.id, h.arn, h.organizationId, h.targetAccountId, h.notes,
                    h.requested, h.expires, h.state);
            sink.accept(StateRecord.of(SERVICE, "", "", HANDSHAKE, h.id, value), value);
        }
    }

    private OrgRecord recordOf(Organization org) {
        List<MemberRecord> accounts = new ArrayList<>();
        org.accounts.values().forEach(m -> accounts.add(new MemberRecord(m.id, m.email, m.name, m.joinedMethod,
                m.joined, m.status, m.suspendAt)));
        List<UnitRecord> units = new ArrayList<>();
        org.units.values().forEach(u -> units.add(new UnitRecord(u.id, u.arn, u.name)));
        List<PolicyRecord> policies = new ArrayList<>();
        org.policies.values().forEach(p -> policies.add(new PolicyRecord(p.id, p.arn, p.type, p.awsManaged, p.name,
                p.description, p.content)));
        Map<String, List<String>> attachments = new LinkedHashMap<>();
        org.attachments.forEach((target, set) -> attachments.put(target, List.copyOf(set)));
        Map<String, Map<String, Instant>> delegated = new LinkedHashMap<>();
        org.delegatedAdministrators.forEach((principal, m) -> delegated.put(principal, new LinkedHashMap<>(m)));
        List<CreationRecord> creations = new ArrayList<>();
        for (AccountCreation c : org.creations) {
            List<com.fasterxml.jackson.databind.JsonNode> tags = new ArrayList<>();
            if (c.tags != null) {
                c.tags.forEach(t -> tags.add(SdkJson.toJson(t)));
            }
            creations.add(new CreationRecord(c.id, c.accountName, c.email, c.roleName, c.accountId, c.requested, c.due,
                    tags, c.state, c.failureReason, c.completed));
        }
        List<Tagged> registered = new ArrayList<>();
        for (RegisteredResource res : context.registry().list(org.managementAccountId, "")) {
            if (res.service().equals(SERVICE)) {
                registered.add(new Tagged(res.id(), res.arn().toString(), new LinkedHashMap<>(res.tags())));
            }
        }
        return new OrgRecord(org.id, org.featureSet, org.managementAccountId, org.rootId,
                List.copyOf(org.enabledPolicyTypes), accounts, units, policies, new LinkedHashMap<>(org.parents),
                attachments, delegated, new LinkedHashMap<>(org.serviceAccess), creations, org.resourcePolicy,
                org.resourcePolicyId, registered);
    }

    /** Every organization and handshake, for a snapshot (under the store's monitor). */
    void capture(Consumer<StateRecord> sink) {
        synchronized (store) {
            each((r, value) -> sink.accept(r));
        }
    }

    /**
     * Rebuilds organizations, their resources' tags in core's registry and the handshakes.
     *
     * @param pending called with how long until each account creation in progress (or closure) is due
     */
    void restore(List<StateRecord> records, Consumer<java.time.Duration> pending) {
        synchronized (store) {
            Instant now = context.clock().now();
            for (StateRecord r : records) {
                if (r.kind().equals(ORGANIZATION)) {
                    OrgRecord s = r.value(OrgRecord.class);
                    Organization org = new Organization(s.id(), s.featureSet(), s.managementAccountId(), s.rootId());
                    org.enabledPolicyTypes.addAll(s.enabledPolicyTypes());
                    for (MemberRecord m : s.accounts()) {
                        Member member = new Member(m.id(), m.email(), m.name(), m.joinedMethod(), m.joined());
                        member.status = m.status();
                        member.suspendAt = m.suspendAt();
                        if (m.suspendAt() != null) {
                            pending.accept(m.suspendAt().isAfter(now) ? java.time.Duration.between(now, m.suspendAt())
                                    : java.time.Duration.ZERO);
                        }
                        org.accounts.put(m.id(), member);
                        store.organizationOf.put(m.id(), org.id);
                    }
                    s.units().forEach(u -> org.units.put(u.id(), new OrgUnit(u.id(), u.arn(), u.name())));
                    s.policies().forEach(p -> org.policies.put(p.id(), new OrgPolicy(p.id(), p.arn(), p.type(),
                            p.awsManaged(), p.name(), p.description(), p.content())));
                    org.parents.putAll(s.parents());
                    s.attachments().forEach((target, ids) -> org.attachments.put(target, new LinkedHashSet<>(ids)));
                    s.delegatedAdministrators().forEach((principal, m) -> org.delegatedAdministrators.put(principal,
                            new LinkedHashMap<>(m)));
                    org.serviceAccess.putAll(s.serviceAccess());
                    for (CreationRecord c : s.creations()) {
                        List<Tag> tags = new ArrayList<>();
                        c.tags().forEach(t -> tags.add(SdkJson.fromJson(t, Tag.class)));
                        AccountCreation creation = new AccountCreation(c.id(), c.accountName(), c.email(), c.roleName(),
                                c.accountId(), c.requested(), c.due(), tags);
                        creation.state = c.state();
                        creation.failureReason = c.failureReason();
                        creation.completed = c.completed();
                        org.creations.add(creation);
                        if (creation.state.equals("IN_PROGRESS")) {
                            pending.accept(c.due().isAfter(now) ? java.time.Duration.between(now, c.due())
                                    : java.time.Duration.ZERO);
                        }
                    }
                    org.resourcePolicy = s.resourcePolicy();
                    org.resourcePolicyId = s.resourcePolicyId();
                    for (Tagged t : s.registered()) {
                        Arn arn = Arn.parse(t.arn());
                        context.registry().unregister(arn);
                        context.registry().register(org.managementAccountId, "", SERVICE, t.id(), arn, t.tags());
                    }
                    store.organizations.put(org.id, org);
                } else if (r.kind().equals(HANDSHAKE)) {
                    HandshakeState h = r.value(HandshakeState.class);
                    HandshakeRecord handshake = new HandshakeRecord(h.id(), h.arn(), h.organizationId(),
                            h.targetAccountId(), h.notes(), h.requested(), h.expires());
                    handshake.state = h.state();
                    store.handshakes.put(h.id(), handshake);
                }
            }
            each((r, value) -> written.put(r.kind() + "|" + r.key(), r.value()));
        }
    }
}
