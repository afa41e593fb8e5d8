package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayMeteringPolicy;
import io.gureum.vpc.model.TransitGatewayMeteringPolicy.Entry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMeteringPolicyEntryRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMeteringPolicyEntryResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMeteringPolicyRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayMeteringPolicyResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMeteringPolicyEntryRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMeteringPolicyEntryResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMeteringPolicyRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayMeteringPolicyResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayMeteringPoliciesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayMeteringPoliciesResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayMeteringPolicyEntriesRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayMeteringPolicyEntriesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayMeteringPolicyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayMeteringPolicyResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicyRule;

/**
 * Transit gateway metering policies (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-metering-policies.html): which
 * account a flow through the gateway is metered to. A policy belongs to one transit gateway and names its middlebox
 * attachments; its entries are rules numbered 1–32766, evaluated from the lowest. The policy is {@code pending} for
 * {@link #TRANSITION} on the clock, then {@code available}; {@code modifying} for as long after a change;
 * {@code deleting}, then {@code deleted}, still described for {@link #VISIBLE_AFTER_DELETE}. A change takes effect
 * for billing two hours later, at the top of an hour ({@code UpdateEffectiveAt}), as the Transit Gateway guide
 * shows. Gureum meters nothing: there is no traffic.
 */
public final class TransitGatewayMeteringPolicies {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    static final Duration VISIBLE_AFTER_DELETE = Duration.ofHours(1);
    private static final Set<String> PAYERS = Set.of("source-attachment-owner", "destination-attachment-owner",
            "transit-gateway-owner");
    private static final Set<String> ATTACHMENT_TYPES = Set.of("vpc", "vpn", "vpn-concentrator",
            "direct-connect-gateway", "connect", "peering", "tgw-peering", "network-function", "client-vpn");
    private final Network net;
    private final Filters<TransitGatewayMeteringPolicy> filters;
    private final io.gureum.ec2common.Ec2Filters<Entry> entryFilters;

    TransitGatewayMeteringPolicies(Network net) {
        this.net = net;
        this.filters = new Filters<TransitGatewayMeteringPolicy>()
                .on("transit-gateway-metering-policy-id", p -> p.id)
                .on("transit-gateway-id", p -> p.transitGatewayId)
                .on("state", this::state)
                .on("middlebox-attachment-id", p -> p.middleboxAttachmentIds);
        this.entryFilters = new io.gureum.ec2common.Ec2Filters<Entry>()
                .on("policy-rule-number", e -> String.valueOf(e.policyRuleNumber))
                .on("metered-account", e -> e.meteredAccount)
                .on("state", e -> "available")
                .on("source-transit-gateway-attachment-id", e -> e.sourceTransitGatewayAttachmentId)
                .on("source-transit-gateway-attachment-type", e -> e.sourceTransitGatewayAttachmentType)
                .on("destination-transit-gateway-attachment-id", e -> e.destinationTransitGatewayAttachmentId)
                .on("destination-transit-gateway-attachment-type", e -> e.destinationTransitGatewayAttachmentType)
                .on("protocol", e -> e.protocol);
    }

    /** The error for a metering policy ID that does not exist (AWS's code pattern for transit gateway IDs). */
    static AwsException notFound(String id) {
        return new AwsException("InvalidTransitGatewayMeteringPolicyId.NotFound",
                "The transitGatewayMeteringPolicy ID '" + id + "' does not exist", 400);
    }

    /** The state at the clock's current time. */
    String state(TransitGatewayMeteringPolicy p) {
        Instant now = net.now();
        if (p.deleteRequested != null) {
            return now.isBefore(p.deleteRequested.plus(TRANSITION)) ? "deleting" : "deleted";
        }
        if (now.isBefore(p.created.plus(TRANSITION))) {
            return "pending";
        }
        return p.modified != null && now.isBefore(p.modified.plus(TRANSITION)) ? "modifying" : "available";
    }

    /** When a change made now is billed from: the top of the hour two hours on. */
    private Instant effectiveAt() {
        return net.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
    }

    private TransitGatewayMeteringPolicy require(VpcStore s, String id, String parameter) {
        if (id == null) {
            throw Ec2Errors.missing(parameter);
        }
        TransitGatewayMeteringPolicy p = s.meteringPolicies.get(id);
        if (p == null || p.deleteRequested != null) {
            throw notFound(id);
        }
        return p;
    }

    /** Deleted policies leave the registry, and the store an hour later. Called before each operation. */
    void settle(VpcStore s) {
        if (s.meteringPolicies.isEmpty()) {
            return;
        }
        for (TransitGatewayMeteringPolicy p : List.copyOf(s.meteringPolicies.values())) {
            if (p.deleteRequested == null || !state(p).equals("deleted")) {
                continue;
            }
            if (s.registered(p)) {
                s.forget(p);
            }
            if (!net.now().isBefore(p.deleteRequested.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
                s.remove(s.meteringPolicies, p.id);
            }
        }
    }

    /** Whether a policy not yet deleted belongs to the gateway. */
    boolean uses(VpcStore s, String transitGatewayId) {
        return s.meteringPolicies.values().stream().anyMatch(p -> p.deleteRequested == null
                && p.transitGatewayId.equals(transitGatewayId));
    }

    /** Middlebox attachments must be live attachments of the policy's gateway. */
    private List<String> middleboxes(VpcStore s, String transitGatewayId, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            TransitGatewayAttachment a = net.transitGateways.requireAttachment(s, id);
            if (!TransitGateways.belongsTo(s, a, transitGatewayId)) {
                throw Ec2Errors.invalidParameterValue("Transit gateway attachment " + id + " does not belong to "
                        + "transit gateway " + transitGatewayId + ".");
            }
            out.add(id);
        }
        return out;
    }

    public CreateTransitGatewayMeteringPolicyResponse createTransitGatewayMeteringPolicy(
            CreateTransitGatewayMeteringPolicyRequest r) {
        VpcStore s = net.store();
        if (r.transitGatewayId() == null) {
            throw Ec2Errors.missing("TransitGatewayId");
        }
        String tgw = net.transitGateways.requireGateway(s, r.transitGatewayId()).id;
        List<String> middleboxes = middleboxes(s, tgw, r.hasMiddleboxAttachmentIds() ? r.middleboxAttachmentIds()
                : List.of());
        Tags.validate(r.tagSpecifications(), "transit-gateway-metering-policy");
        Ec2Errors.checkDryRun(r.dryRun());
        TransitGatewayMeteringPolicy p = new TransitGatewayMeteringPolicy(net.id("tgw-mp"), s.account, net.now());
        p.transitGatewayId = tgw;
        p.middleboxAttachmentIds.addAll(middleboxes);
        p.updateEffectiveAt = effectiveAt();
        Tags.apply(r.tagSpecifications(), p);
        s.put(s.meteringPolicies, p);
        return CreateTransitGatewayMeteringPolicyResponse.builder().transitGatewayMeteringPolicy(toSdk(s, p)).build();
    }

    public ModifyTransitGatewayMeteringPolicyResponse modifyTransitGatewayMeteringPolicy(
            ModifyTransitGatewayMeteringPolicyRequest r) {
        VpcStore s = net.store();
        TransitGatewayMeteringPolicy p = require(s, r.transitGatewayMeteringPolicyId(),
                "TransitGatewayMeteringPolicyId");
        List<String> add = middleboxes(s, p.transitGatewayId, r.hasAddMiddleboxAttachmentIds()
                ? r.addMiddleboxAttachmentIds() : List.of());
        List<String> remove = r.hasRemoveMiddleboxAttachmentIds() ? r.removeMiddleboxAttachmentIds() : List.of();
        for (String id : remove) {
            if (!p.middleboxAttachmentIds.contains(id)) {
                throw Ec2Errors.invalidParameterValue("Transit gateway attachment " + id + " is not a middlebox "
                        + "attachment of metering policy " + p.id + ".");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (!add.isEmpty() || !remove.isEmpty()) {
            p.middleboxAttachmentIds.removeAll(remove);
            add.stream().filter(id -> !p.middleboxAttachmentIds.contains(id)).forEach(p.middleboxAttachmentIds::add);
            p.modified = net.now();
            p.updateEffectiveAt = effectiveAt();
        }
        return ModifyTransitGatewayMeteringPolicyResponse.builder().transitGatewayMeteringPolicy(toSdk(s, p)).build();
    }

    public DeleteTransitGatewayMeteringPolicyResponse deleteTransitGatewayMeteringPolicy(
            DeleteTransitGatewayMeteringPolicyRequest r) {
        VpcStore s = net.store();
        TransitGatewayMeteringPolicy p = require(s, r.transitGatewayMeteringPolicyId(),
                "TransitGatewayMeteringPolicyId");
        Ec2Errors.checkDryRun(r.dryRun());
        p.deleteRequested = net.now();
        return DeleteTransitGatewayMeteringPolicyResponse.builder().transitGatewayMeteringPolicy(toSdk(s, p)).build();
    }

    public DescribeTransitGatewayMeteringPoliciesResponse describeTransitGatewayMeteringPolicies(
            DescribeTransitGatewayMeteringPoliciesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TransitGatewayMeteringPolicy> found = Selected.byIds(s.meteringPolicies, r.transitGatewayMeteringPolicyIds(), id -> notFound(id));
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeTransitGatewayMeteringPoliciesResponse.builder()
                .transitGatewayMeteringPolicies(page.items().stream().map(p -> toSdk(s, p)).toList())
                .nextToken(page.nextToken()).build();
    }

    public CreateTransitGatewayMeteringPolicyEntryResponse createTransitGatewayMeteringPolicyEntry(
            CreateTransitGatewayMeteringPolicyEntryRequest r) {
        VpcStore s = net.store();
        if (r.policyRuleNumber() == null) {
            throw Ec2Errors.missing("PolicyRuleNumber");
        }
        if (r.meteredAccountAsString() == null) {
            throw Ec2Errors.missing("MeteredAccount");
        }
        TransitGatewayMeteringPolicy p = require(s, r.transitGatewayMeteringPolicyId(),
                "TransitGatewayMeteringPolicyId");
        int number = r.policyRuleNumber();
        if (number < 1 || number > 32766) {
            throw Ec2Errors.invalidValue(String.valueOf(number), "PolicyRuleNumber",
                    "The rule number must be between 1 and 32766.");
        }
        if (!PAYERS.contains(r.meteredAccountAsString())) {
            throw Ec2Errors.invalidValue(r.meteredAccountAsString(), "MeteredAccount",
                    "Valid values are source-attachment-owner | destination-attachment-owner | transit-gateway-owner.");
        }
        Entry e = new Entry();
        e.policyRuleNumber = number;
        e.meteredAccount = r.meteredAccountAsString();
        e.sourceTransitGatewayAttachmentId = attachment(s, p, r.sourceTransitGatewayAttachmentId());
        e.sourceTransitGatewayAttachmentType = attachmentType(r.sourceTransitGatewayAttachmentTypeAsString(),
                "SourceTransitGatewayAttachmentType");
        e.sourceCidrBlock = cidr(r.sourceCidrBlock(), "SourceCidrBlock");
        e.sourcePortRange = ports(r.sourcePortRange(), "SourcePortRange");
        e.destinationTransitGatewayAttachmentId = attachment(s, p, r.destinationTransitGatewayAttachmentId());
        e.destinationTransitGatewayAttachmentType = attachmentType(
                r.destinationTransitGatewayAttachmentTypeAsString(), "DestinationTransitGatewayAttachmentType");
        e.destinationCidrBlock = cidr(r.destinationCidrBlock(), "DestinationCidrBlock");
        e.destinationPortRange = ports(r.destinationPortRange(), "DestinationPortRange");
        e.protocol = protocol(r.protocol());
        if (p.entries.stream().anyMatch(x -> x.policyRuleNumber == number)) {
            throw Ec2Errors.invalidParameterValue("A metering policy entry with rule number " + number
                    + " already exists in metering policy " + p.id + ".");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        e.updatedAt = net.now();
        e.updateEffectiveAt = effectiveAt();
        p.entries.add(e);
        p.entries.sort(Comparator.comparingInt(x -> x.policyRuleNumber));
        return CreateTransitGatewayMeteringPolicyEntryResponse.builder()
                .transitGatewayMeteringPolicyEntry(entryToSdk(e, "available")).build();
    }

    public DeleteTransitGatewayMeteringPolicyEntryResponse deleteTransitGatewayMeteringPolicyEntry(
            DeleteTransitGatewayMeteringPolicyEntryRequest r) {
        VpcStore s = net.store();
        if (r.policyRuleNumber() == null) {
            throw Ec2Errors.missing("PolicyRuleNumber");
        }
        TransitGatewayMeteringPolicy p = require(s, r.transitGatewayMeteringPolicyId(),
                "TransitGatewayMeteringPolicyId");
        Entry e = p.entries.stream().filter(x -> x.policyRuleNumber == r.policyRuleNumber()).findFirst()
                .orElseThrow(() -> Ec2Errors.invalidParameterValue("Metering policy " + p.id
                        + " has no entry with rule number " + r.policyRuleNumber() + "."));
        Ec2Errors.checkDryRun(r.dryRun());
        p.entries.remove(e);
        e.updatedAt = net.now();
        e.updateEffectiveAt = effectiveAt();
        return DeleteTransitGatewayMeteringPolicyEntryResponse.builder()
                .transitGatewayMeteringPolicyEntry(entryToSdk(e, "deleted")).build();
    }

    public GetTransitGatewayMeteringPolicyEntriesResponse getTransitGatewayMeteringPolicyEntries(
            GetTransitGatewayMeteringPolicyEntriesRequest r) {
        VpcStore s = net.store();
        TransitGatewayMeteringPolicy p = require(s, r.transitGatewayMeteringPolicyId(),
                "TransitGatewayMeteringPolicyId");
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(p.entries.stream().filter(entryFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return GetTransitGatewayMeteringPolicyEntriesResponse.builder()
                .transitGatewayMeteringPolicyEntries(page.items().stream().map(e -> entryToSdk(e, "available"))
                        .toList())
                .nextToken(page.nextToken()).build();
    }

    private String attachment(VpcStore s, TransitGatewayMeteringPolicy p, String id) {
        if (id == null) {
            return null;
        }
        TransitGatewayAttachment a = net.transitGateways.requireAttachment(s, id);
        if (!TransitGateways.belongsTo(s, a, p.transitGatewayId)) {
            throw Ec2Errors.invalidParameterValue("Transit gateway attachment " + id + " does not belong to "
                    + "transit gateway " + p.transitGatewayId + ".");
        }
        return a.id;
    }

    private static String attachmentType(String type, String parameter) {
        if (type != null && !ATTACHMENT_TYPES.contains(type)) {
            throw Ec2Errors.invalidValue(type, parameter, "Valid values are vpc | vpn | vpn-concentrator | "
                    + "direct-connect-gateway | connect | peering | tgw-peering | network-function | client-vpn.");
        }
        return type;
    }

    private static String cidr(String cidr, String parameter) {
        return cidr == null ? null : Vpcs.parseCidr(cidr, parameter).toString();
    }

    /** A port range is one port or {@code from-to}, within 0–65535. */
    private static String ports(String range, String parameter) {
        if (range == null) {
            return null;
        }
        String[] parts = range.split("-", -1);
        try {
            if (parts.length <= 2) {
                int from = Integer.parseInt(parts[0].trim());
                int to = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : from;
                if (from >= 0 && to <= 65535 && from <= to) {
                    return range;
                }
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw Ec2Errors.invalidValue(range, parameter, "A port range is a port or two ports joined by '-', "
                + "from 0 to 65535.");
    }

    /** A protocol is its IANA number (1, 6, 17 …). */
    private static String protocol(String protocol) {
        if (protocol == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(protocol);
            if (n >= 0 && n <= 255) {
                return protocol;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw Ec2Errors.invalidValue(protocol, "Protocol", "The protocol is a protocol number from 0 to 255.");
    }

    private software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicy toSdk(VpcStore s,
            TransitGatewayMeteringPolicy p) {
        return software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicy.builder()
                .transitGatewayMeteringPolicyId(p.id).transitGatewayId(p.transitGatewayId)
                .middleboxAttachmentIds(p.middleboxAttachmentIds).state(state(p))
                .updateEffectiveAt(p.updateEffectiveAt).tags(Tags.toSdk(s.tagsOf(p))).build();
    }

    private static software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicyEntry entryToSdk(Entry e,
            String state) {
        return software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicyEntry.builder()
                .policyRuleNumber(String.valueOf(e.policyRuleNumber)).meteredAccount(e.meteredAccount).state(state)
                .updatedAt(e.updatedAt).updateEffectiveAt(e.updateEffectiveAt)
                .meteringPolicyRule(TransitGatewayMeteringPolicyRule.builder()
                        .sourceTransitGatewayAttachmentId(e.sourceTransitGatewayAttachmentId)
                        .sourceTransitGatewayAttachmentType(e.sourceTransitGatewayAttachmentType)
                        .sourceCidrBlock(e.sourceCidrBlock).sourcePortRange(e.sourcePortRange)
                        .destinationTransitGatewayAttachmentId(e.destinationTransitGatewayAttachmentId)
                        .destinationTransitGatewayAttachmentType(e.destinationTransitGatewayAttachmentType)
                        .destinationCidrBlock(e.destinationCidrBlock).destinationPortRange(e.destinationPortRange)
                        .protocol(e.protocol).build())
                .build();
    }
}
