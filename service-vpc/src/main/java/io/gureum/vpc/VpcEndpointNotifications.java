package io.gureum.vpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.vpc.model.VpcEndpoint;
import io.gureum.vpc.model.VpcEndpointConnectionNotification;
import io.gureum.vpc.model.VpcEndpointService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ConnectionNotification;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointConnectionNotificationRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointConnectionNotificationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointConnectionNotificationsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointConnectionNotificationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionNotificationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionNotificationsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointConnectionNotificationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointConnectionNotificationResponse;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Connection notifications
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#create-endpoint-service-notification):
 * an SNS topic, checked through SNS's in-process client, told of an endpoint service's or an interface endpoint's
 * connection events ({@code Connect}, {@code Accept}, {@code Reject}, {@code Delete}), published as
 * {@code vpce.amazonaws.com} (a topic policy must let that principal publish, as on AWS, when IAM is enforced).
 */
public final class VpcEndpointNotifications {
    static final List<String> EVENTS = List.of("Accept", "Connect", "Delete", "Reject");

    private final Network net;
    private final Filters<VpcEndpointConnectionNotification> filters = new Filters<VpcEndpointConnectionNotification>()
            .on("connection-notification-arn", n -> n.topicArn)
            .on("connection-notification-id", n -> n.id)
            .on("connection-notification-state", n -> "Enabled")
            .on("connection-notification-type", n -> "Topic")
            .on("service-id", n -> n.serviceId)
            .on("vpc-endpoint-id", n -> n.vpcEndpointId);

    VpcEndpointNotifications(Network net) {
        this.net = net;
    }

    static AwsException notFound(String id) {
        return new AwsException("InvalidConnectionNotification",
                "The connection notification '" + id + "' does not exist", 400);
    }

    private VpcEndpointConnectionNotification require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("ConnectionNotificationId");
        }
        VpcEndpointConnectionNotification n = s.connectionNotifications.get(id);
        if (n == null) {
            throw notFound(id);
        }
        return n;
    }

    private static List<String> events(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw Ec2Errors.missing("ConnectionEvents");
        }
        for (String e : given) {
            if (!EVENTS.contains(e)) {
                throw Ec2Errors.invalidValue(e, "ConnectionEvents", "Valid values: Accept | Connect | Delete | Reject");
            }
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    /** The topic must exist (read through SNS as its own account). */
    private void checkTopic(String topicArn) {
        if (topicArn == null) {
            throw Ec2Errors.missing("ConnectionNotificationArn");
        }
        if (!net.ctx.clients().serves(SnsClient.class)) {
            throw new AwsException("NotImplemented", "Connection notifications need SNS, which is not enabled in "
                    + "this Gureum.", 501);
        }
        Arn arn;
        try {
            arn = Arn.parse(topicArn);
        } catch (RuntimeException e) {
            throw Ec2Errors.invalidParameterValue("Invalid SNS topic ARN " + topicArn);
        }
        if (!arn.service().equals("sns")) {
            throw Ec2Errors.invalidParameterValue("Invalid SNS topic ARN " + topicArn);
        }
        try {
            net.ctx.clients().client(SnsClient.class, Caller.root(arn.accountId(), arn.region()))
                    .getTopicAttributes(b -> b.topicArn(topicArn));
        } catch (software.amazon.awssdk.services.sns.model.SnsException e) {
            throw Ec2Errors.invalidParameterValue("The SNS topic " + topicArn + " does not exist");
        }
    }

    public CreateVpcEndpointConnectionNotificationResponse createVpcEndpointConnectionNotification(
            CreateVpcEndpointConnectionNotificationRequest r) {
        VpcStore s = net.store();
        if (r.clientToken() != null) {
            for (VpcEndpointConnectionNotification n : s.connectionNotifications.values()) {
                if (r.clientToken().equals(n.clientToken)) {
                    Ec2Errors.checkDryRun(r.dryRun());
                    return CreateVpcEndpointConnectionNotificationResponse.builder().connectionNotification(toSdk(s, n))
                            .clientToken(r.clientToken()).build();
                }
            }
        }
        if (r.serviceId() == null && r.vpcEndpointId() == null) {
            throw Ec2Errors.missing("ServiceId");
        }
        if (r.serviceId() != null && r.vpcEndpointId() != null) {
            throw Ec2Errors.combination("Specify either ServiceId or VpcEndpointId, not both.");
        }
        if (r.serviceId() != null) {
            net.endpointServices.require(s, r.serviceId());
        } else {
            VpcEndpoint e = Ids.require(s.vpcEndpoints, "vpce", r.vpcEndpointId());
            if (!e.type.equals("Interface")) {
                throw Ec2Errors.invalidParameterValue("Connection notifications can be created for interface "
                        + "endpoints only; " + e.id + " is a " + e.type + " endpoint.");
            }
        }
        List<String> events = events(r.connectionEvents());
        checkTopic(r.connectionNotificationArn());
        Ec2Errors.checkDryRun(r.dryRun());
        VpcEndpointConnectionNotification n = new VpcEndpointConnectionNotification(net.id("vpce-nfn"), s.account,
                net.now());
        n.serviceId = r.serviceId();
        n.vpcEndpointId = r.vpcEndpointId();
        n.topicArn = r.connectionNotificationArn();
        n.events.addAll(events);
        n.clientToken = r.clientToken();
        s.connectionNotifications.put(n.id, n);
        return CreateVpcEndpointConnectionNotificationResponse.builder().connectionNotification(toSdk(s, n))
                .clientToken(r.clientToken()).build();
    }

    public DescribeVpcEndpointConnectionNotificationsResponse describeVpcEndpointConnectionNotifications(
            DescribeVpcEndpointConnectionNotificationsRequest r) {
        VpcStore s = net.store();
        List<VpcEndpointConnectionNotification> found = r.connectionNotificationId() != null
                ? List.of(require(s, r.connectionNotificationId()))
                : new ArrayList<>(s.connectionNotifications.values());
        var predicate = filters.predicate(r.filters());
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(found.stream().filter(predicate).toList(), r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeVpcEndpointConnectionNotificationsResponse.builder()
                .connectionNotificationSet(page.items().stream().map(n -> toSdk(s, n)).toList())
                .nextToken(page.nextToken()).build();
    }

    public ModifyVpcEndpointConnectionNotificationResponse modifyVpcEndpointConnectionNotification(
            ModifyVpcEndpointConnectionNotificationRequest r) {
        VpcStore s = net.store();
        VpcEndpointConnectionNotification n = require(s, r.connectionNotificationId());
        List<String> events = r.hasConnectionEvents() && !r.connectionEvents().isEmpty()
                ? events(r.connectionEvents()) : null;
        if (r.connectionNotificationArn() != null) {
            checkTopic(r.connectionNotificationArn());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.connectionNotificationArn() != null) {
            n.topicArn = r.connectionNotificationArn();
        }
        if (events != null) {
            n.events.clear();
            n.events.addAll(events);
        }
        return ModifyVpcEndpointConnectionNotificationResponse.builder().returnValue(true).build();
    }

    public DeleteVpcEndpointConnectionNotificationsResponse deleteVpcEndpointConnectionNotifications(
            DeleteVpcEndpointConnectionNotificationsRequest r) {
        VpcStore s = net.store();
        if (!r.hasConnectionNotificationIds() || r.connectionNotificationIds().isEmpty()) {
            throw Ec2Errors.missing("ConnectionNotificationId");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : r.connectionNotificationIds()) {
            if (s.connectionNotifications.remove(id) == null) {
                failed.add(VpcEndpointServices.item(id, "InvalidConnectionNotification",
                        "The connection notification '" + id + "' does not exist"));
            }
        }
        return DeleteVpcEndpointConnectionNotificationsResponse.builder().unsuccessful(failed).build();
    }

    private ConnectionNotification toSdk(VpcStore s, VpcEndpointConnectionNotification n) {
        return ConnectionNotification.builder().connectionNotificationId(n.id).serviceId(n.serviceId)
                .vpcEndpointId(n.vpcEndpointId).connectionNotificationType("Topic")
                .connectionNotificationArn(n.topicArn).connectionEvents(n.events)
                .connectionNotificationState("Enabled").serviceRegion(s.region).build();
    }

    /**
     * Publishes a connection event to the topics of the service's notifications (in the owner's store) and of
     * the endpoint's (in the consumer's store). A topic deleted since is skipped, as AWS drops the message.
     */
    void publish(VpcStore owner, VpcEndpointService v, VpcStore consumer, VpcEndpoint e, String event,
            String state) {
        if (!net.ctx.clients().serves(SnsClient.class)) {
            return;
        }
        ObjectNode message = FieldJson.MAPPER.createObjectNode();
        message.put("awsAccountId", owner.account);
        message.put("vpcEndpointService", v.id);
        message.put("vpcEndpointServiceName", v.serviceName);
        message.put("vpcEndpointId", e.id);
        message.put("vpcEndpointOwner", consumer.account);
        message.put("vpcEndpointState", state);
        message.put("event", event);
        message.put("time", net.now().toString());
        List<String> topics = new ArrayList<>();
        owner.connectionNotifications.values().stream()
                .filter(n -> v.id.equals(n.serviceId) && n.events.contains(event)).forEach(n -> topics.add(n.topicArn));
        if (consumer != null && !event.equals("Connect")) {
            consumer.connectionNotifications.values().stream()
                    .filter(n -> e.id.equals(n.vpcEndpointId) && n.events.contains(event))
                    .forEach(n -> topics.add(n.topicArn));
        }
        for (String topic : topics) {
            try {
                Arn arn = Arn.parse(topic);
                net.ctx.clients().client(SnsClient.class, Caller.service("vpce.amazonaws.com", arn.accountId(),
                        arn.region(), owner.arnOf(v).toString()))
                        .publish(b -> b.topicArn(topic).subject("VPC Endpoint Connection " + event)
                                .message(message.toString()));
            } catch (RuntimeException ex) {
                // The topic is gone or refuses the publish: the event is lost, as on AWS.
            }
        }
    }
}
