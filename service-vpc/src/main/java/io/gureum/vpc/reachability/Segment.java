package io.gureum.vpc.reachability;

import io.gureum.vpc.model.Subnet;

/**
 * One stretch of the forward path between subnets (or the outside, null): what the reply must cross
 * again in the other direction. {@code via} is {@code local} or the gateway the stretch went through;
 * for a transit gateway, {@code fromAttachment} and {@code toAttachment} are its two attachments.
 */
record Segment(Subnet from, Subnet to, Header header, String via, String fromAttachment, String toAttachment) {
    static Segment of(Subnet from, Subnet to, Header header, String via) {
        return new Segment(from, to, header, via, null, null);
    }
}
