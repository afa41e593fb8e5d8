package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of one transit gateway metering policy: its middlebox attachments and its entries (rules that
 * name which account a flow is metered to). Its state follows the clock from {@link #created}, {@link #modified}
 * and {@link #deleteRequested}.
 */
public final class TransitGatewayMeteringPolicy extends Resource {
    /** One entry (rule) of the policy, keyed by its rule number. */
    public static final class Entry {
        public int policyRuleNumber;
        public String meteredAccount;
        public String sourceTransitGatewayAttachmentId;
        public String sourceTransitGatewayAttachmentType;
        public String sourceCidrBlock;
        public String sourcePortRange;
        public String destinationTransitGatewayAttachmentId;
        public String destinationTransitGatewayAttachmentType;
        public String destinationCidrBlock;
        public String destinationPortRange;
        public String protocol;
        public Instant updatedAt;
        public Instant updateEffectiveAt;
    }

    public String transitGatewayId;
    public final List<String> middleboxAttachmentIds = new ArrayList<>();
    public final List<Entry> entries = new ArrayList<>();
    /** When ModifyTransitGatewayMeteringPolicy last changed the policy; null if never. */
    public Instant modified;
    public Instant updateEffectiveAt;
    /** When DeleteTransitGatewayMeteringPolicy was called; null while the policy is not being deleted. */
    public Instant deleteRequested;

    public TransitGatewayMeteringPolicy(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "transit-gateway-metering-policy";
    }
}
