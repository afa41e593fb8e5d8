package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of one connection notification: an SNS topic told of the connection events of an
 * endpoint service or of one endpoint. Not taggable (AWS's ConnectionNotification has no tags), so never in
 * core's registry.
 */
public final class VpcEndpointConnectionNotification extends Resource {
    public String serviceId;
    public String vpcEndpointId;
    public String topicArn;
    public final List<String> events = new ArrayList<>();
    public String clientToken;

    public VpcEndpointConnectionNotification(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpc-endpoint-connection-notification";
    }
}
